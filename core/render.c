/* render — see render.h; the text and Markdown forms. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

#define PAGE 80

int render_format_parse(const char *name)
{
	static const char *const names[] = {"text", "markdown", "json", "csv", "html", NULL};
	for (int i = 0; names[i]; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

void render(const rdoc *d, int format, const struct lang_opts *l, fileio_out *out)
{
	switch (format) {
	case RENDER_JSON: render_json(d, l, out); break;
	case RENDER_CSV: render_csv(d, out); break;
	case RENDER_HTML: render_html(d, l, out); break;
	default: render_text(d, l, out, format == RENDER_MARKDOWN);
	}
}

const char *render_cell(const struct lang_opts *l, const struct rcell *c, char *buf, size_t cap)
{
	switch (c->kind) {
	case RC_EMPTY: return "";
	case RC_TEXT: return c->s;
	case RC_LABEL: return lang_label(l, c->s, buf, cap);
	default: lang_number(l, c->kind, c->v, buf, cap); return buf;
	}
}

size_t render_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

int render_numeric(int kind) { return kind == RC_COUNT || kind == RC_MONEY || kind == RC_SHARE || kind == RC_NUMBER; }

/* Write s in a field of width w: cut with "..." when longer, padded left or right
 * (right < 0: the last column, left-aligned, not padded). */
static void field(fileio_out *out, const char *s, size_t w, int right)
{
	size_t len = render_width(s), bytes = 0, chars = 0;
	if (len > w) {
		while (s[bytes] && chars < w - 3)
			chars += ((unsigned char)s[++bytes] & 0xC0) != 0x80;
		fileio_write(out, s, bytes);
		fileio_puts(out, "...");
		return;
	}
	for (size_t i = len; right > 0 && i < w; i++)
		fileio_putc(out, ' ');
	fileio_puts(out, s);
	for (size_t i = len; right == 0 && i < w; i++)
		fileio_putc(out, ' ');
}

static void widths(const struct rtable *t, const struct lang_opts *l, size_t *w, int markdown)
{
	char buf[160];
	size_t total = 0, widest = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = render_width(lang_label(l, t->cols[c], buf, sizeof buf));
		for (size_t r = 0; r < t->nrows; r++) {
			size_t k = render_width(render_cell(l, rtable_cell(t, r, c), buf, sizeof buf));
			w[c] = k > w[c] ? k : w[c];
		}
		total += w[c] + 2;
		widest = w[c] > w[widest] ? c : widest;
	}
	if (!markdown && total > PAGE && w[widest] > (total - PAGE) + 8)
		w[widest] -= total - PAGE; /* the widest column gives way */
}

static void title(fileio_out *out, const char *s, int markdown, char under)
{
	if (markdown) {
		fileio_puts(out, under == '=' ? "# " : "## ");
		fileio_puts(out, s);
		fileio_puts(out, "\n\n");
		return;
	}
	fileio_puts(out, s);
	fileio_putc(out, '\n');
	for (size_t i = render_width(s); i > 0; i--)
		fileio_putc(out, under);
	fileio_puts(out, "\n\n");
}

static void md_cell(fileio_out *out, const char *s)
{
	fileio_puts(out, " ");
	for (; *s; s++) {
		if (*s == '|')
			fileio_putc(out, '\\');
		fileio_putc(out, *s);
	}
	fileio_puts(out, " |");
}

static void table_md(const struct rtable *t, const struct lang_opts *l, fileio_out *out)
{
	char buf[160];
	fileio_putc(out, '|');
	for (size_t c = 0; c < t->ncols; c++)
		md_cell(out, lang_label(l, t->cols[c], buf, sizeof buf));
	fileio_puts(out, "\n|");
	for (size_t c = 0; c < t->ncols; c++)
		fileio_puts(out, t->nrows && render_numeric(rtable_cell(t, 0, c)->kind) ? " ---: |" : " --- |");
	fileio_putc(out, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		fileio_putc(out, '|');
		for (size_t c = 0; c < t->ncols; c++)
			md_cell(out, render_cell(l, rtable_cell(t, r, c), buf, sizeof buf));
		fileio_putc(out, '\n');
	}
}

static void table_text(const struct rtable *t, const struct lang_opts *l, fileio_out *out)
{
	char buf[160];
	size_t *w = xcalloc(t->ncols + 1, sizeof *w);
	widths(t, l, w, 0);
	for (size_t c = 0; c < t->ncols; c++) {
		int num = t->nrows && render_numeric(rtable_cell(t, 0, c)->kind);
		field(out, lang_label(l, t->cols[c], buf, sizeof buf), w[c], num ? 1 : c + 1 == t->ncols ? -1 : 0);
		fileio_puts(out, c + 1 < t->ncols ? "  " : "\n");
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const struct rcell *cell = rtable_cell(t, r, c);
			field(out, render_cell(l, cell, buf, sizeof buf), w[c],
			      render_numeric(cell->kind) ? 1 : c + 1 == t->ncols ? -1 : 0);
			fileio_puts(out, c + 1 < t->ncols ? "  " : "\n");
		}
	free(w);
}

void render_text(const rdoc *d, const struct lang_opts *l, fileio_out *out, int markdown)
{
	char buf[160], head[256];
	snprintf(head, sizeof head, "%s%s%s", lang_label(l, "report", buf, sizeof buf), d->as_of ? " - " : "",
		 d->as_of ? d->as_of : "");
	title(out, head, markdown, '=');
	for (size_t i = 0; i < d->n; i++) {
		const struct rtable *t = d->t[i];
		title(out, lang_label(l, t->id, buf, sizeof buf), markdown, '-');
		if (t->nrows == 0) {
			fileio_puts(out, lang_label(l, "none", buf, sizeof buf));
			fileio_putc(out, '\n');
		}
		else if (markdown)
			table_md(t, l, out);
		else
			table_text(t, l, out);
		if (t->note) {
			fileio_puts(out, markdown ? "\n_" : "(");
			fileio_puts(out, t->note);
			fileio_puts(out, markdown ? "_\n" : ")\n");
		}
		fileio_putc(out, '\n');
	}
}
