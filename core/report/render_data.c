/*
 * render_data — the report for machines: JSON and CSV (see render.h).
 *
 * JSON: {"report": "customer_cockpit", "as_of": "YYYY-MM-DD" | null,
 *        "sections": {ID: {"columns": [ID...], "rows": [[cell...]...], "note": text | null}},
 *        "skipped": [text...]}
 * Cells are numbers (counts, money, shares as fractions of 1) or strings
 * (identifiers such as "at_risk" stay untranslated); empty cells are null.
 * CSV: section,row,column,value with the same values, one line a cell (in
 * German: ';' between the fields, a decimal comma, the identifiers kept); in a
 * text cell control and invisible characters are shown as escapes, and one a
 * spreadsheet would run as a formula gets a ' before it (unless verbatim), as
 * the OWASP rule for CSV files has it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csvio.h"
#include "io/jsonio.h"
#include "report/render.h"

static void number(fileio_out *out, const struct report_cell *c, char mark)
{
	char buf[48], *dot;
	if (c->kind == RC_COUNT)
		snprintf(buf, sizeof buf, "%.0f", c->v);
	else if (c->kind == RC_MONEY)
		snprintf(buf, sizeof buf, "%.2f", c->v);
	else
		snprintf(buf, sizeof buf, "%.10g", c->v);
	if (strcmp(buf, "-0") == 0 || strcmp(buf, "-0.00") == 0)
		strcpy(buf, "0");
	if ((dot = strchr(buf, '.')))
		*dot = mark;
	fileio_puts(out, buf);
}

static void json_cell(fileio_out *out, const struct report_cell *c)
{
	if (c->kind == RC_EMPTY)
		fileio_puts(out, "null");
	else if (c->kind == RC_TEXT || c->kind == RC_LABEL)
		jsonio_write_string(out, c->s, strlen(c->s));
	else
		number(out, c, '.');
}

static void json_table(const struct report_table *t, fileio_out *out, int first)
{
	jsonio_write_key(out, t->id, first);
	fileio_puts(out, "{\"columns\":[");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fileio_putc(out, ',');
		jsonio_write_string(out, t->cols[c], strlen(t->cols[c]));
	}
	fileio_puts(out, "],\"rows\":[");
	for (size_t r = 0; r < t->nrows; r++) {
		fileio_puts(out, r ? ",[" : "[");
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fileio_putc(out, ',');
			json_cell(out, report_table_cell(t, r, c));
		}
		fileio_putc(out, ']');
	}
	fileio_puts(out, "],\"note\":");
	if (t->note)
		jsonio_write_string(out, t->note, strlen(t->note));
	else
		fileio_puts(out, "null");
	fileio_putc(out, '}');
}

void render_json(const report_doc *d, const struct lang_opts *l, fileio_out *out)
{
	(void)l;
	fileio_puts(out, "{\"report\":\"customer_cockpit\",\"as_of\":");
	if (d->as_of)
		jsonio_write_string(out, d->as_of, strlen(d->as_of));
	else
		fileio_puts(out, "null");
	fileio_puts(out, ",\"sections\":{");
	for (size_t i = 0; i < d->n; i++)
		json_table(d->t[i], out, i == 0);
	fileio_puts(out, "},\"skipped\":[");
	for (size_t i = 0; i < d->nskipped; i++) {
		if (i)
			fileio_putc(out, ',');
		jsonio_write_string(out, d->skipped[i], strlen(d->skipped[i]));
	}
	fileio_puts(out, "]}\n");
}

/* A text cell with its control and invisible characters as escapes and a '
 * before it when a spreadsheet would run it; verbatim: as it is (its bytes
 * that are not UTF-8 as U+FFFD). */
static void csv_text(fileio_out *out, const char *text, int verbatim, char sep, struct rbuf *b)
{
	struct rbuf guarded = {0};
	const char *s = verbatim ? render_utf8(text, b) : render_visible(text, 0, b);
	size_t n = strlen(s);
	if (verbatim || !csvio_formula(s, n)) {
		csvio_write_field(out, s, n, sep);
		return;
	}
	render_put(&guarded, "'", 1);
	render_put(&guarded, s, n);
	csvio_write_field(out, guarded.s, guarded.len, sep);
	free(guarded.s);
}

void render_csv(const report_doc *d, const struct lang_opts *l, int verbatim, fileio_out *out)
{
	char sep = l->lang == LANG_DE ? ';' : ',', mark = l->lang == LANG_DE ? ',' : '.';
	fileio_puts(out, sep == ';' ? "section;row;column;value\n" : "section,row,column,value\n");
	struct rbuf b = {0};
	for (size_t i = 0; i < d->n; i++) {
		const struct report_table *t = d->t[i];
		for (size_t r = 0; r < t->nrows; r++)
			for (size_t c = 0; c < t->ncols; c++) {
				const struct report_cell *cell = report_table_cell(t, r, c);
				char row[24];
				snprintf(row, sizeof row, "%c%zu%c", sep, r + 1, sep);
				fileio_puts(out, t->id);
				fileio_puts(out, row);
				fileio_puts(out, t->cols[c]);
				fileio_putc(out, sep);
				if (cell->kind == RC_TEXT || cell->kind == RC_LABEL)
					csv_text(out, cell->s, verbatim, sep, &b);
				else if (cell->kind != RC_EMPTY)
					number(out, cell, mark);
				fileio_putc(out, '\n');
			}
	}
	free(b.s);
}
