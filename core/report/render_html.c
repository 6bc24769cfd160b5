/*
 * render_html — the report as one self-contained HTML page (see render.h):
 * inline CSS and SVG charts (concentration curve, ABC bars, lifecycle bars,
 * heat maps for the R x F grid and the migration matrices, CLV deciles, the
 * Stobachoff curve, the portfolio matrix); no
 * script, no font or image fetched from anywhere; printable.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/render.h"

/* A dashboard on a wide screen (cards in a grid, the wide ones across),
 * one column on a phone, tables scrolling inside their card; on paper A4
 * with cards kept whole. */
static const char style[] =
	"*{box-sizing:border-box}"
	"body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1d2733;"
	"background:#f3f6f9;max-width:90rem;margin:0 auto;padding:1rem;line-height:1.4}"
	"h1{font-size:1.5rem;margin:.2rem 0}"
	".meta{color:#4a5a6a;margin:0 0 1rem}"
	"h2{font-size:1.05rem;color:#1f5f8b;margin:0 0 .5rem}"
	".tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.6rem;margin-bottom:1rem}"
	".tile{background:#fff;border:1px solid #d5dde6;border-radius:6px;padding:.6rem .8rem}"
	".tile .k{display:block;font-size:.8rem;color:#4a5a6a}"
	".tile .v{display:block;font-size:1.2rem;font-weight:600;font-variant-numeric:tabular-nums;white-space:nowrap}"
	".tile .d{display:block;font-size:.8rem;font-variant-numeric:tabular-nums}"
	".good{color:#1a7f37}.bad{color:#b42318}.flat{color:#4a5a6a}"
	"main{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,34rem),1fr));gap:1rem}"
	"section{background:#fff;border:1px solid #d5dde6;border-radius:6px;padding:.8rem 1rem;min-width:0}"
	"section.wide{grid-column:1/-1}"
	".scroll{overflow-x:auto}"
	"table{border-collapse:collapse;margin:.3rem 0;font-size:.85rem}"
	"th,td{padding:.2rem .5rem;border-bottom:1px solid #dde3ea;text-align:left}"
	"th{background:#eef3f7}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
	"svg{display:block;max-width:100%;height:auto;margin:.3rem 0}"
	"summary{cursor:pointer;color:#1f5f8b;font-size:.85rem}"
	".note{color:#4a5a6a;font-size:.8rem;margin:.3rem 0 0}"
	"@media print{@page{size:A4;margin:10mm}body{background:#fff;max-width:none;padding:0;font-size:8pt}"
	"h1{font-size:13pt}h2{font-size:9.5pt;margin:0 0 2pt}.meta{margin:0 0 4pt}"
	"main{grid-template-columns:1fr 1fr;gap:4mm}"
	"section{break-inside:avoid;border:1px solid #bbb;padding:2mm 3mm}"
	"details:not([open]){display:none}table{font-size:7pt;margin:0}th,td{padding:0 3pt}"
	"svg{max-height:42mm;width:auto;margin:0}.tiles{grid-template-columns:repeat(6,1fr);gap:2mm;margin:0}"
	".scroll{overflow:visible}.tile{padding:1mm 2mm;border-color:#999}.tile .v{font-size:9pt;white-space:nowrap}.tile .k,.tile .d{font-size:7pt}"
	".note{font-size:7pt}}";

/* Text into HTML: entities for markup, visible escapes for what a reader
 * must not get raw (render_visible). */
static void esc(fileio_out *out, const char *text)
{
	struct rbuf b = {0};
	const char *s = render_visible(text, 0, &b);
	for (; *s; s++) {
		switch (*s) {
		case '&': fileio_puts(out, "&amp;"); break;
		case '<': fileio_puts(out, "&lt;"); break;
		case '>': fileio_puts(out, "&gt;"); break;
		case '"': fileio_puts(out, "&quot;"); break;
		default: fileio_putc(out, *s);
		}
	}
	free(b.s);
}

static void printf_out(fileio_out *out, const char *fmt, double a, double b, double c, double d)
{
	char buf[256];
	snprintf(buf, sizeof buf, fmt, a, b, c, d);
	fileio_puts(out, buf);
}

static double val(const struct report_table *t, size_t r, size_t c) { return report_table_cell(t, r, c)->v; }

/* The chart's title (its section's), for screen readers and as a tooltip. */
static void svg_title(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	char buf[160];
	fileio_puts(out, "<title>");
	esc(out, lang_label(l, t->id, buf, sizeof buf));
	fileio_puts(out, "</title>");
}

/* An axis title under a curve's x axis and along its y axis (340 x 262 charts). */
static void axes(const struct lang_opts *l, const char *x, const char *y, fileio_out *out)
{
	char buf[160];
	fileio_puts(out, "<text x=\"180\" y=\"244\" font-size=\"11\" text-anchor=\"middle\">");
	esc(out, lang_label(l, x, buf, sizeof buf));
	fileio_puts(out, "</text><text x=\"12\" y=\"110\" font-size=\"11\" text-anchor=\"middle\" "
			 "transform=\"rotate(-90 12 110)\">");
	esc(out, lang_label(l, y, buf, sizeof buf));
	fileio_puts(out, "</text>");
}

static void lorenz(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	fileio_puts(out, "<svg width=\"340\" height=\"252\" viewBox=\"0 0 340 252\" role=\"img\">");
	svg_title(t, l, out);
	fileio_puts(out,
			 "<rect x=\"40\" y=\"10\" width=\"280\" height=\"200\" fill=\"#f8fafc\" stroke=\"#9aa8b6\"/>"
			 "<line x1=\"40\" y1=\"210\" x2=\"320\" y2=\"10\" stroke=\"#9aa8b6\" stroke-dasharray=\"4 3\"/>"
			 "<polyline fill=\"none\" stroke=\"#1f5f8b\" stroke-width=\"2.5\" points=\"40,210");
	for (size_t r = 0; r < t->nrows; r++)
		printf_out(out, " %.1f,%.1f", 40 + 280 * val(t, r, 0), 210 - 200 * fmin(1, fmax(0, val(t, r, 1))), 0, 0);
	fileio_puts(out, "\"/><text x=\"40\" y=\"226\" font-size=\"11\">0%</text>"
			 "<text x=\"300\" y=\"226\" font-size=\"11\">100%</text>"
			 "<text x=\"16\" y=\"16\" font-size=\"11\">100%</text>");
	axes(l, "axis_customers_best_first", "axis_revenue_share", out);
	fileio_puts(out, "</svg>\n");
}

/* Bars of column `col`, one per row, scaled to the largest. */
static void bars(const struct report_table *t, const struct lang_opts *l, fileio_out *out, size_t col)
{
	double max = 0;
	char buf[160];
	for (size_t r = 0; r < t->nrows; r++)
		max = fmax(max, val(t, r, col));
	printf_out(out, "<svg width=\"600\" height=\"%.0f\" viewBox=\"0 0 600 %.0f\" role=\"img\">", 24.0 * t->nrows + 6,
		   24.0 * t->nrows + 6, 0, 0);
	svg_title(t, l, out);
	for (size_t r = 0; r < t->nrows; r++) {
		double w = max > 0 ? 300 * val(t, r, col) / max : 0;
		printf_out(out, "<text x=\"0\" y=\"%.0f\" font-size=\"12\">", 24.0 * r + 17, 0, 0, 0);
		esc(out, render_at(l, t, r, 0, buf, sizeof buf));
		printf_out(out, "</text><rect x=\"190\" y=\"%.0f\" width=\"%.1f\" height=\"16\" fill=\"#1f5f8b\"/>",
			   24.0 * r + 5, w, 0, 0);
		printf_out(out, "<text x=\"%.1f\" y=\"%.0f\" font-size=\"11\">", 196 + w, 24.0 * r + 17, 0, 0);
		esc(out, render_at(l, t, r, col, buf, sizeof buf));
		fileio_puts(out, "</text>");
	}
	fileio_puts(out, "</svg>\n");
}

/* Two bars per ABC class: share of customers (light) and share of revenue (dark). */
static void abc_bars(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	char buf[160];
	fileio_puts(out, "<svg width=\"520\" height=\"230\" viewBox=\"0 0 520 230\" role=\"img\">");
	svg_title(t, l, out);
	fileio_puts(out,
			 "<line x1=\"30\" y1=\"200\" x2=\"330\" y2=\"200\" stroke=\"#9aa8b6\"/>"
			 "<rect x=\"350\" y=\"20\" width=\"14\" height=\"14\" fill=\"#a9c6dd\"/>"
			 "<rect x=\"350\" y=\"44\" width=\"14\" height=\"14\" fill=\"#1f5f8b\"/>"
			 "<text x=\"370\" y=\"32\" font-size=\"12\">");
	esc(out, lang_label(l, "share_customers", buf, sizeof buf));
	fileio_puts(out, "</text><text x=\"370\" y=\"56\" font-size=\"12\">");
	esc(out, lang_label(l, "share_revenue", buf, sizeof buf));
	fileio_puts(out, "</text>");
	for (size_t r = 0; r < t->nrows && r < 3; r++) {
		double x = 50 + 95.0 * r, hc = 180 * fmax(0, val(t, r, 2)), hr = 180 * fmax(0, fmin(1, val(t, r, 4)));
		printf_out(out, "<rect x=\"%.0f\" y=\"%.1f\" width=\"30\" height=\"%.1f\" fill=\"#a9c6dd\"/>", x, 200 - hc, hc, 0);
		printf_out(out, "<rect x=\"%.0f\" y=\"%.1f\" width=\"30\" height=\"%.1f\" fill=\"#1f5f8b\"/>", x + 32, 200 - hr,
			   hr, 0);
		printf_out(out, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\">", x + 15, 196 - hc, 0, 0);
		esc(out, render_at(l, t, r, 2, buf, sizeof buf));
		printf_out(out, "</text><text x=\"%.0f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\">", x + 47, 196 - hr,
			   0, 0);
		esc(out, render_at(l, t, r, 4, buf, sizeof buf));
		printf_out(out, "</text><text x=\"%.0f\" y=\"218\" font-size=\"13\">", x + 26, 0, 0, 0);
		fileio_putc(out, 'A' + (int)r);
		fileio_puts(out, "</text>");
	}
	fileio_puts(out, "</svg>\n");
}

/* A heat map of the numeric columns: darker is more. */
static void heat(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	double max = 0, cw = 64, ch = 26;
	char buf[160];
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 1; c < t->ncols; c++)
			max = fmax(max, val(t, r, c));
	printf_out(out, "<svg width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">",
		   130 + cw * (double)(t->ncols - 1), ch * (double)(t->nrows + 1) + 4, 130 + cw * (double)(t->ncols - 1),
		   ch * (double)(t->nrows + 1) + 4);
	svg_title(t, l, out);
	for (size_t c = 1; c < t->ncols; c++) {
		printf_out(out, "<text x=\"%.0f\" y=\"16\" font-size=\"11\">", 134 + cw * (double)(c - 1), 0, 0, 0);
		esc(out, lang_label(l, t->cols[c], buf, sizeof buf));
		fileio_puts(out, "</text>");
	}
	for (size_t r = 0; r < t->nrows; r++) {
		double y = ch * (double)(r + 1);
		printf_out(out, "<text x=\"0\" y=\"%.0f\" font-size=\"11\">", y + 17, 0, 0, 0);
		esc(out, render_at(l, t, r, 0, buf, sizeof buf));
		fileio_puts(out, "</text>");
		for (size_t c = 1; c < t->ncols; c++) {
			double v = val(t, r, c), a = max > 0 ? v / max : 0;
			printf_out(out, "<rect x=\"%.0f\" y=\"%.0f\" width=\"62\" height=\"24\" fill=\"#1f5f8b\" fill-opacity=\"%.3f\"/>",
				   130 + cw * (double)(c - 1), y, 0.06 + 0.94 * a, 0);
			printf_out(out, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\"", 134 + cw * (double)(c - 1), y + 16, 0, 0);
			fileio_puts(out, a > 0.55 ? " fill=\"#ffffff\">" : ">");
			esc(out, render_at(l, t, r, c, buf, sizeof buf));
			fileio_puts(out, "</text>");
		}
	}
	fileio_puts(out, "</svg>\n");
}

/* The Stobachoff (whale) curve: cumulative contribution over customers, the
 * best first; it climbs above the 100% line and falls back to it. */
static void whale(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	double top = 1;
	for (size_t r = 0; r < t->nrows; r++)
		top = fmax(top, val(t, r, 1));
	fileio_puts(out, "<svg width=\"340\" height=\"252\" viewBox=\"0 0 340 252\" role=\"img\">");
	svg_title(t, l, out);
	fileio_puts(out,
			 "<rect x=\"40\" y=\"10\" width=\"280\" height=\"200\" fill=\"#f8fafc\" stroke=\"#9aa8b6\"/>");
	axes(l, "axis_customers_most_profitable_first", "axis_contribution_share", out);
	printf_out(out, "<line x1=\"40\" y1=\"%.1f\" x2=\"320\" y2=\"%.1f\" stroke=\"#9aa8b6\" stroke-dasharray=\"4 3\"/>",
		   210 - 200 / top, 210 - 200 / top, 0, 0);
	fileio_puts(out, "<polyline fill=\"none\" stroke=\"#1f5f8b\" stroke-width=\"2.5\" points=\"40,210");
	for (size_t r = 0; r < t->nrows; r++)
		printf_out(out, " %.1f,%.1f", 40 + 280 * val(t, r, 0), 210 - 200 * fmax(0, val(t, r, 1)) / top, 0, 0);
	printf_out(out, "\"/><text x=\"40\" y=\"226\" font-size=\"11\">0%%</text>"
			"<text x=\"300\" y=\"226\" font-size=\"11\">100%%</text>"
			"<text x=\"16\" y=\"%.1f\" font-size=\"11\">100%%</text>"
			"<text x=\"16\" y=\"16\" font-size=\"11\">%.0f%%</text></svg>\n",
		   214 - 200 / top, 100 * top, 0, 0);
}

/* One line of text in a chart at (x, y), from a cell or a label; white on dark. */
static void chart_text(fileio_out *out, double x, double y, const char *size, int dark, const char *text)
{
	char head[160];
	snprintf(head, sizeof head, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"%s\"%s>", x, y, size,
		 dark ? " fill=\"#ffffff\"" : "");
	fileio_puts(out, head);
	esc(out, text);
	fileio_puts(out, "</text>");
}

/* The portfolio: the ABC class across, the potential up (high on top, as
 * the rows come), each cell shaded by its contribution (else revenue), with
 * its name, its customers and that sum. */
static void matrix(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	size_t sum = t->ncols > 5 && strcmp(t->cols[5], "contribution") == 0 ? 5 : 4;
	double max = 0, cw = 170, ch = 70;
	char buf[160], num[64], line[200];
	for (size_t r = 0; r < t->nrows; r++)
		max = fmax(max, val(t, r, sum));
	fileio_puts(out, "<svg width=\"620\" height=\"256\" viewBox=\"0 0 620 256\" role=\"img\">");
	svg_title(t, l, out);
	snprintf(line, sizeof line, "%s / %s", lang_label(l, "potential_class", buf, sizeof buf),
		 lang_label(l, "abc_class", num, sizeof num));
	chart_text(out, 0, 16, "11", 0, line);
	for (int c = 0; c < 3; c++) {
		char abc[2] = {(char)('A' + c), 0};
		chart_text(out, 100 + cw * c + cw / 2 - 4, 16, "13", 0, abc);
	}
	for (size_t r = 0; r < t->nrows && r < 9; r++) {
		double x = 100 + cw * (double)(r % 3), y = 24 + ch * (double)(r / 3), v = val(t, r, sum);
		double a = max > 0 ? fmax(0, v) / max : 0;
		if (r % 3 == 0)
			chart_text(out, 0, y + ch / 2 + 4, "12", 0, render_at(l, t, r, 2, buf, sizeof buf));
		printf_out(out, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"#1f5f8b\"", x, y,
			   cw - 4, ch - 4);
		printf_out(out, " fill-opacity=\"%.3f\"/>", 0.06 + 0.94 * a, 0, 0, 0);
		chart_text(out, x + 8, y + 20, "13", a > 0.55, render_at(l, t, r, 0, buf, sizeof buf));
		snprintf(line, sizeof line, "%s %s", render_at(l, t, r, 3, num, sizeof num),
			 lang_label(l, "customers", buf, sizeof buf));
		chart_text(out, x + 8, y + 38, "11", a > 0.55, line);
		chart_text(out, x + 8, y + 54, "11", a > 0.55, render_at(l, t, r, sum, buf, sizeof buf));
	}
	fileio_puts(out, "</svg>\n");
}

static void chart(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	if (!t->chart || t->nrows == 0)
		return;
	if (strcmp(t->chart, "lorenz") == 0)
		lorenz(t, l, out);
	else if (strcmp(t->chart, "abc") == 0)
		abc_bars(t, l, out);
	else if (strcmp(t->chart, "bars") == 0)
		bars(t, l, out, 1);
	else if (strcmp(t->chart, "deciles") == 0)
		bars(t, l, out, 2);
	else if (strcmp(t->chart, "heat") == 0)
		heat(t, l, out);
	else if (strcmp(t->chart, "whale") == 0)
		whale(t, l, out);
	else if (strcmp(t->chart, "portfolio") == 0)
		matrix(t, l, out);
}

static void table(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	char buf[160];
	fileio_puts(out, "<table><thead><tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		fileio_puts(out, "<th>");
		esc(out, lang_label(l, t->cols[c], buf, sizeof buf));
		fileio_puts(out, "</th>");
	}
	fileio_puts(out, "</tr></thead><tbody>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		fileio_puts(out, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			const struct report_cell *cell = report_table_cell(t, r, c);
			fileio_puts(out, render_numeric(cell->kind) ? "<td class=\"n\">" : "<td>");
			esc(out, render_at(l, t, r, c, buf, sizeof buf));
			fileio_puts(out, "</td>");
		}
		fileio_puts(out, "</tr>\n");
	}
	fileio_puts(out, "</tbody></table>\n");
}

/* The sections drawn across the whole page: wide tables and charts. */
static int wide(const struct report_table *t)
{
	return t->ncols > 7 || strcmp(t->id, "key_figures") == 0 || (t->chart && (strcmp(t->chart, "portfolio") == 0 || strcmp(t->id, "cohort_triangle") == 0));
}

/* Figures where less is better: their fall is good news. */
static int less_is_better(const char *id)
{
	static const char *const ids[] = {"lost_customers", "churn_rate", "loss_makers", "loss_makers_destroy", NULL};
	for (int i = 0; ids[i]; i++)
		if (strcmp(id, ids[i]) == 0)
			return 1;
	return 0;
}

/* A tile's change since the baseline: an arrow, the change and, for counts and
 * money, the change in per cent; green when good, red when bad. */
static void tile_change(const struct report_table *t, const struct lang_opts *l, size_t r, fileio_out *out)
{
	const struct report_cell *b = report_table_cell(t, r, 2), *ch = report_table_cell(t, r, 3);
	char num[64], pct[64];
	int good;
	if (ch->kind == RC_EMPTY || b->kind == RC_EMPTY)
		return;
	good = (ch->v > 0) != less_is_better(report_table_cell(t, r, 0)->s);
	lang_change(l, ch->kind, ch->v, num, sizeof num);
	pct[0] = '\0';
	if (ch->kind != RC_SHARE && b->v != 0) { /* a relative change: in per cent, signed */
		double rel = ch->v / fabs(b->v);
		pct[0] = rel > 0 ? '+' : '\0';
		lang_number(l, RC_SHARE, rel, pct + (rel > 0), sizeof pct - 1);
	}
	fileio_puts(out, ch->v == 0 ? "<span class=\"d flat\">&#9679; " : good ? "<span class=\"d good\">" : "<span class=\"d bad\">");
	if (ch->v != 0)
		fileio_puts(out, ch->v > 0 ? "&#9650; " : "&#9660; ");
	esc(out, num);
	if (pct[0]) {
		fileio_puts(out, " (");
		esc(out, pct);
		fileio_puts(out, ")");
	}
	fileio_puts(out, "</span>");
}

/* The key figures a sales manager looks at first, as tiles. */
static void tiles(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	static const char *const ids[] = {"active_customers", "revenue", "margin", "db2", "db3", "clv_total", "repeat_rate",
					  "retention_rate", "new_customers", "lost_customers", "reactivated_customers",
					  "loss_makers", NULL};
	char buf[160];
	fileio_puts(out, "<div class=\"tiles\">\n");
	for (int i = 0; ids[i]; i++)
		for (size_t r = 0; r < t->nrows; r++) {
			if (strcmp(report_table_cell(t, r, 0)->s, ids[i]) != 0)
				continue;
			fileio_puts(out, "<div class=\"tile\"><span class=\"k\">");
			esc(out, render_at(l, t, r, 0, buf, sizeof buf));
			fileio_puts(out, "</span><span class=\"v\">");
			esc(out, render_at(l, t, r, 1, buf, sizeof buf));
			fileio_puts(out, "</span>");
			if (t->ncols == 4)
				tile_change(t, l, r, out);
			else if (t->ncols == 3) { /* a part's report: all customers' figure beside */
				fileio_puts(out, "<span class=\"d flat\">");
				esc(out, lang_label(l, t->cols[2], buf, sizeof buf));
				fileio_puts(out, ": ");
				esc(out, render_at(l, t, r, 2, buf, sizeof buf));
				fileio_puts(out, "</span>");
			}
			fileio_puts(out, "</div>\n");
		}
	fileio_puts(out, "</div>\n");
}

/* Under the title: the as-of date, the customers, the model. */
static void meta(const report_doc *d, const struct lang_opts *l, fileio_out *out)
{
	char a[64], b[64];
	fileio_puts(out, "<p class=\"meta\">");
	if (d->as_of) {
		esc(out, lang_label(l, "as_of", a, sizeof a));
		fileio_puts(out, " ");
		esc(out, lang_date(l, d->as_of, b, sizeof b));
	}
	if (d->since[0]) {
		fileio_puts(out, " &#183; ");
		esc(out, lang_label(l, "data_since", a, sizeof a));
		fileio_puts(out, " ");
		esc(out, lang_date(l, d->since, b, sizeof b));
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct report_table *t = d->t[i];
		if (strcmp(t->id, "key_figures") == 0 && t->nrows > 0) {
			fileio_puts(out, " &#183; ");
			esc(out, render_at(l, t, 0, 1, a, sizeof a));
			fileio_puts(out, " ");
			esc(out, render_at(l, t, 0, 0, b, sizeof b));
		} else if (strcmp(t->id, "model") == 0 && t->nrows > 0) {
			fileio_puts(out, " &#183; ");
			esc(out, render_at(l, t, 0, 0, a, sizeof a));
			fileio_puts(out, " ");
			esc(out, render_at(l, t, 0, 1, b, sizeof b));
		}
	}
	fileio_puts(out, "</p>\n");
}

/* A section: its chart with the table folded beneath it, or the table. */
static void section(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	char buf[160];
	int drawn = t->chart && t->nrows > 0;
	fileio_puts(out, "<section id=\"");
	esc(out, t->id);
	fileio_puts(out, wide(t) ? "\" class=\"wide\"><h2>" : "\"><h2>");
	esc(out, lang_label(l, t->id, buf, sizeof buf));
	fileio_puts(out, "</h2>\n");
	if (strcmp(t->id, "key_figures") == 0)
		drawn = 1, tiles(t, l, out);
	else
		chart(t, l, out);
	if (t->nrows) {
		if (drawn) {
			fileio_puts(out, "<details><summary>");
			esc(out, lang_label(l, "table", buf, sizeof buf));
			fileio_puts(out, "</summary>");
		}
		fileio_puts(out, "<div class=\"scroll\">");
		table(t, l, out);
		fileio_puts(out, drawn ? "</div></details>\n" : "</div>\n");
	} else {
		fileio_puts(out, "<p class=\"note\">");
		esc(out, lang_label(l, "none", buf, sizeof buf));
		fileio_puts(out, "</p>");
	}
	if (t->note) {
		fileio_puts(out, "<p class=\"note\">");
		esc(out, lang_note(l, t, buf, sizeof buf));
		fileio_puts(out, "</p>");
	}
	fileio_puts(out, "</section>\n");
}

void render_html(const report_doc *d, const struct lang_opts *l, fileio_out *out)
{
	char buf[160];
	const char *title = lang_label(l, "report", buf, sizeof buf);
	fileio_puts(out, l->lang == LANG_DE ? "<!DOCTYPE html>\n<html lang=\"de\">" : "<!DOCTYPE html>\n<html lang=\"en\">");
	fileio_puts(out, "<head><meta charset=\"utf-8\"/>"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>");
	esc(out, title);
	fileio_puts(out, "</title><style>");
	fileio_puts(out, style);
	fileio_puts(out, "</style></head>\n<body>\n<header><h1>");
	esc(out, title);
	fileio_puts(out, "</h1>\n");
	meta(d, l, out);
	fileio_puts(out, "</header>\n<main>\n");
	for (size_t i = 0; i < d->n; i++)
		section(d->t[i], l, out);
	fileio_puts(out, "</main>\n</body>\n</html>\n");
}
