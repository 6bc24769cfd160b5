/* tabout — see tabout.h. */
#include "tabout.h"

#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "err.h"
#include "jsonio.h"

struct tabout {
	fileio_out *out;
	int format;
	char **names;
	int *numeric;
	size_t ncols, cap, col;
};

int tabout_format_parse(const char *name)
{
	if (strcmp(name, "csv") == 0)
		return TABOUT_CSV;
	if (strcmp(name, "tsv") == 0)
		return TABOUT_TSV;
	if (strcmp(name, "jsonl") == 0 || strcmp(name, "json") == 0)
		return TABOUT_JSONL;
	return -1;
}

tabout *tabout_new(fileio_out *out, int format)
{
	tabout *t = xcalloc(1, sizeof *t);
	t->out = out;
	t->format = format;
	return t;
}

void tabout_column(tabout *t, const char *name, int numeric)
{
	size_t cap = t->cap;
	xgrow((void **)&t->names, &t->cap, t->ncols + 1, sizeof *t->names);
	xgrow((void **)&t->numeric, &cap, t->ncols + 1, sizeof *t->numeric);
	t->names[t->ncols] = xstrdup(name);
	t->numeric[t->ncols++] = numeric;
}

void tabout_header(tabout *t)
{
	if (t->format == TABOUT_JSONL)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		tabout_cstr(t, t->names[i]);
	tabout_end_row(t);
}

void tabout_cell(tabout *t, const char *s, size_t n)
{
	size_t i = t->col++;
	if (t->format != TABOUT_JSONL) {
		int delim = t->format == TABOUT_TSV ? '\t' : ',';
		if (i > 0)
			fileio_putc(t->out, delim);
		csvio_write_field(t->out, s, n, delim);
		return;
	}
	if (i >= t->ncols)
		return;
	if (i == 0)
		fileio_putc(t->out, '{');
	jsonio_write_key(t->out, t->names[i], i == 0);
	if (n == 0)
		fileio_puts(t->out, "null");
	else if (t->numeric[i])
		fileio_write(t->out, s, n);
	else
		jsonio_write_string(t->out, s, n);
}

void tabout_cstr(tabout *t, const char *s) { tabout_cell(t, s, strlen(s)); }

void tabout_end_row(tabout *t)
{
	if (t->format == TABOUT_JSONL)
		fileio_putc(t->out, '}');
	fileio_putc(t->out, '\n');
	t->col = 0;
}

void tabout_free(tabout *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		free(t->names[i]);
	free(t->names);
	free(t->numeric);
	free(t);
}
