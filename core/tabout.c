/* tabout — see tabout.h. */
#include "tabout.h"

#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "encoding.h"
#include "err.h"
#include "jsonio.h"

struct tabout {
	fileio_out *out;
	int format;
	char **names;
	char **keys;           /* JSON Lines: each column's `"name":`, formatted once */
	int *numeric;
	size_t ncols, cap, col;
	char *row;             /* the row being built: one write per row */
	size_t len, rowcap;
	const tabout *of;      /* a batch: the tabout whose columns it shares */
	int guard;             /* tabout_guard_formulas */
};

void tabout_guard_formulas(tabout *t) { t->guard = t->format != TABOUT_JSONL; }

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

tabout *tabout_batch(const tabout *t)
{
	tabout *b = tabout_new(t->out, t->format);
	b->names = t->names;
	b->keys = t->keys;
	b->numeric = t->numeric;
	b->ncols = t->ncols;
	b->of = t;
	b->guard = t->guard;
	return b;
}

void tabout_column(tabout *t, const char *name, int numeric)
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

void tabout_header(tabout *t)
{
	if (t->format == TABOUT_JSONL)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		tabout_cstr(t, t->names[i]);
	tabout_end_row(t);
}

/* The delimiter of CSV and TSV rows. */
static char delim_of(const tabout *t) { return t->format == TABOUT_TSV ? '\t' : ','; }

/* Room for n more bytes in the row, and one after them. */
static void room(tabout *t, size_t n)
{
	if (t->len + n + 1 > t->rowcap)
		xgrow((void **)&t->row, &t->rowcap, t->len + n + 1, 1);
}

/* Append n bytes to the row. */
static void add(tabout *t, const char *s, size_t n)
{
	room(t, n);
	memcpy(t->row + t->len, s, n);
	t->len += n;
}

void tabout_cell(tabout *t, const char *s, size_t n)
{
	size_t i = t->col++;
	if (t->format != TABOUT_JSONL) {
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

void tabout_cstr(tabout *t, const char *s) { tabout_cell(t, s, strlen(s)); }

/* CSV and TSV: room for max bytes of the next cell, after its delimiter. */
static char *cell_room(tabout *t, size_t max)
{
	room(t, max + 1);
	if (t->col > 0)
		t->row[t->len++] = delim_of(t);
	return t->row + t->len;
}

char *tabout_plain(tabout *t, size_t max)
{
	size_t i = t->col;
	if (t->format != TABOUT_JSONL)
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

void tabout_plain_end(tabout *t, size_t n)
{
	size_t i = t->col++;
	if (t->format != TABOUT_JSONL) {
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

int tabout_is_plain(const char *s, size_t n)
{
	if (n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == '"' || s[i] == '\\' || s[i] == ',')
			return 0;
	return encoding_utf8_check(s, n) == n; /* JSON Lines replaces bytes that are not */
}

void tabout_text(tabout *t, const char *s, size_t n)
{
	if (t->format == TABOUT_JSONL) {
		memcpy(tabout_plain(t, n), s, n);
		tabout_plain_end(t, n);
		return;
	}
	memcpy(cell_room(t, n), s, n);
	t->len += n;
	t->col++;
}

/* n cells at once, as n calls of tabout_cell would write them. */
static void tabout_cells(tabout *t, const char *const *f, const size_t *len, size_t n)
{
	char delim = delim_of(t);
	if (t->format == TABOUT_JSONL || n == 0) {
		for (size_t k = 0; k < n; k++)
			tabout_cell(t, f[k], len[k]);
		return;
	}
	if (t->col > 0)
		add(t, &delim, 1);
	t->len = csvio_format_fields(&t->row, &t->rowcap, t->len, f, len, n, delim);
	t->col += n;
}

void tabout_fields(tabout *t, const cm_record *r, const long *skip)
{
	for (size_t c = 0, end; c < r->n; c = end + 1) {
		for (end = c; end < r->n && !skip[end]; end++)
			;
		tabout_cells(t, r->f + c, r->len + c, end - c);
	}
}

void tabout_end_row(tabout *t)
{
	if (t->format == TABOUT_JSONL)
		add(t, "}", 1);
	add(t, "\n", 1);
	t->col = 0;
	if (!t->of)
		tabout_flush(t);
}

void tabout_flush(tabout *t)
{
	fileio_write(t->out, t->row, t->len);
	t->len = 0;
}

void tabout_free(tabout *t)
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
