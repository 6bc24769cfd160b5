/* table_writer — see table_writer.h. */
#include "io/table_writer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/csvio.h"
#include "io/encoding.h"
#include "base/err.h"
#include "io/jsonio.h"
#include "io/num.h"

struct table_writer {
	fileio_out *out;
	int format;
	char **names;
	char **keys;           /* JSON Lines: each column's `"name":`, formatted once */
	int *numeric;
	size_t ncols, cap, col;
	char *row;             /* the row being built: one write per row */
	size_t len, rowcap;
	const table_writer *of;      /* a batch: the table_writer whose columns it shares */
	int guard;             /* table_writer_guard_formulas */
};

void table_writer_guard_formulas(table_writer *t) { t->guard = t->format != OUT_JSONL; }

int table_writer_format_parse(const char *name)
{
	if (strcmp(name, "csv") == 0)
		return OUT_CSV;
	if (strcmp(name, "tsv") == 0)
		return OUT_TSV;
	if (strcmp(name, "jsonl") == 0 || strcmp(name, "json") == 0)
		return OUT_JSONL;
	return -1;
}

table_writer *table_writer_new(fileio_out *out, int format)
{
	table_writer *t = xcalloc(1, sizeof *t);
	t->out = out;
	t->format = format;
	return t;
}

table_writer *table_writer_batch(const table_writer *t)
{
	table_writer *b = table_writer_new(t->out, t->format);
	b->names = t->names;
	b->keys = t->keys;
	b->numeric = t->numeric;
	b->ncols = t->ncols;
	b->of = t;
	b->guard = t->guard;
	return b;
}

void table_writer_column(table_writer *t, const char *name, int numeric)
{
	size_t cap = t->cap, kcap = t->cap, klen, keycap = 0;
	char *key = NULL;
	xgrow((void **)&t->names, &t->cap, t->ncols + 1, sizeof *t->names);
	xgrow((void **)&t->keys, &kcap, t->ncols + 1, sizeof *t->keys);
	xgrow((void **)&t->numeric, &cap, t->ncols + 1, sizeof *t->numeric);
	klen = jsonio_format_string(&key, &keycap, 0, name, strlen(name));
	xgrow((void **)&key, &keycap, klen + 2, 1);
	key[klen] = ':';
	key[klen + 1] = '\0';
	t->keys[t->ncols] = key;
	t->names[t->ncols] = xstrdup(name);
	t->numeric[t->ncols++] = numeric;
}

void table_writer_header(table_writer *t)
{
	if (t->format == OUT_JSONL)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		table_writer_cstr(t, t->names[i]);
	table_writer_end_row(t);
}

/* The delimiter of CSV and TSV rows. */
static char delim_of(const table_writer *t) { return t->format == OUT_TSV ? '\t' : ','; }

/* Room for n more bytes in the row, and one after them. */
static void room(table_writer *t, size_t n)
{
	if (t->len + n + 1 > t->rowcap)
		xgrow((void **)&t->row, &t->rowcap, t->len + n + 1, 1);
}

/* Append n bytes to the row. */
static void add(table_writer *t, const char *s, size_t n)
{
	room(t, n);
	memcpy(t->row + t->len, s, n);
	t->len += n;
}

void table_writer_cell(table_writer *t, const char *s, size_t n)
{
	size_t i = t->col++;
	if (t->format != OUT_JSONL) {
		char delim = delim_of(t);
		if (i > 0)
			add(t, &delim, 1);
		if (i < t->ncols && t->numeric[i]) {
			add(t, s, n); /* a number has nothing to quote */
			return;
		}
		if (t->guard && csvio_formula(s, n)) { /* the ' inside the quotes, if any */
			char *quoted = NULL;
			size_t cap = 0, len = csvio_format_field(&quoted, &cap, 1, s, n, delim);
			quoted[0] = '\'';
			if (quoted[1] == '"') { /* '"..." -> "'..." */
				quoted[0] = '"';
				quoted[1] = '\'';
			}
			add(t, quoted, len);
			free(quoted);
			return;
		}
		t->len = csvio_format_field(&t->row, &t->rowcap, t->len, s, n, delim);
		return;
	}
	if (i >= t->ncols)
		return;
	add(t, i == 0 ? "{" : ",", 1);
	add(t, t->keys[i], strlen(t->keys[i]));
	if (n == 0)
		add(t, "null", 4);
	else if (t->numeric[i])
		add(t, s, n);
	else
		t->len = jsonio_format_string(&t->row, &t->rowcap, t->len, s, n);
}

void table_writer_cstr(table_writer *t, const char *s) { table_writer_cell(t, s, strlen(s)); }

/* CSV and TSV: room for max bytes of the next cell, after its delimiter. */
static char *cell_room(table_writer *t, size_t max)
{
	room(t, max + 1);
	if (t->col > 0)
		t->row[t->len++] = delim_of(t);
	return t->row + t->len;
}

char *table_writer_plain(table_writer *t, size_t max)
{
	size_t i = t->col;
	if (t->format != OUT_JSONL)
		return cell_room(t, max);
	if (i < t->ncols) {
		add(t, i == 0 ? "{" : ",", 1);
		add(t, t->keys[i], strlen(t->keys[i]));
		if (!t->numeric[i])
			add(t, "\"", 1);
	}
	room(t, max + 4); /* "null", or the text and its closing quote */
	return t->row + t->len;
}

void table_writer_plain_end(table_writer *t, size_t n)
{
	size_t i = t->col++;
	if (t->format != OUT_JSONL) {
		t->len += n;
		return;
	}
	if (i >= t->ncols)
		return;
	if (n == 0) {
		t->len -= !t->numeric[i]; /* the opening quote */
		add(t, "null", 4);
		return;
	}
	t->len += n;
	if (!t->numeric[i])
		t->row[t->len++] = '"';
}

int table_writer_is_plain(const char *s, size_t n)
{
	if (n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == '"' || s[i] == '\\' || s[i] == ',')
			return 0;
	return encoding_utf8_check(s, n) == n; /* JSON Lines replaces bytes that are not */
}

void table_writer_text(table_writer *t, const char *s, size_t n)
{
	if (t->format == OUT_JSONL) {
		memcpy(table_writer_plain(t, n), s, n);
		table_writer_plain_end(t, n);
		return;
	}
	memcpy(cell_room(t, n), s, n);
	t->len += n;
	t->col++;
}

/* n cells at once, as n calls of table_writer_cell would write them. */
static void table_writer_cells(table_writer *t, const char *const *f, const size_t *len, size_t n)
{
	char delim = delim_of(t);
	if (t->format == OUT_JSONL || n == 0) {
		for (size_t k = 0; k < n; k++)
			table_writer_cell(t, f[k], len[k]);
		return;
	}
	if (t->col > 0)
		add(t, &delim, 1);
	t->len = csvio_format_fields(&t->row, &t->rowcap, t->len, f, len, n, delim);
	t->col += n;
}

void table_writer_fields(table_writer *t, const cm_record *r, const long *skip)
{
	for (size_t c = 0, end; c < r->n; c = end + 1) {
		for (end = c; end < r->n && !skip[end]; end++)
			;
		table_writer_cells(t, r->f + c, r->len + c, end - c);
	}
}

void table_writer_end_row(table_writer *t)
{
	if (t->format == OUT_JSONL)
		add(t, "}", 1);
	add(t, "\n", 1);
	t->col = 0;
	if (!t->of)
		table_writer_flush(t);
}

void table_writer_flush(table_writer *t)
{
	fileio_write(t->out, t->row, t->len);
	t->len = 0;
}

void table_writer_free(table_writer *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncols && !t->of; i++) {
		free(t->names[i]);
		free(t->keys[i]);
	}
	if (!t->of) {
		free(t->names);
		free(t->keys);
		free(t->numeric);
	}
	free(t->row);
	free(t);
}

void table_writer_fixed(table_writer *t, double v, int decimals)
{
	char *p = table_writer_plain(t, 48);
	if (!isfinite(v)) {
		table_writer_plain_end(t, 0);
		return;
	}
	num_format_fixed(v, decimals, p, 48); /* never "-0.00" */
	table_writer_plain_end(t, strlen(p));
}
