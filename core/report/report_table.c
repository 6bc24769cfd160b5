/* report_table — see report_table.h. */
#include "report/report_table.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"

struct report_table *report_doc_table(report_doc *d, const char *id, const char *const *cols, size_t ncols)
{
	struct report_table *t = xcalloc(1, sizeof *t);
	t->id = xstrdup(id);
	t->ncols = ncols;
	t->cols = xcalloc(ncols + 1, sizeof *t->cols);
	for (size_t i = 0; i < ncols; i++)
		t->cols[i] = xstrdup(cols[i]);
	xgrow((void **)&d->t, &d->cap, d->n + 1, sizeof *d->t);
	d->t[d->n++] = t;
	return t;
}

void report_table_row(struct report_table *t)
{
	size_t need = (t->nrows + 1) * t->ncols;
	if (need > t->cap) {
		size_t old = t->cap;
		t->cap = need * 2;
		t->cells = xrealloc(t->cells, t->cap * sizeof *t->cells);
		memset(t->cells + old, 0, (t->cap - old) * sizeof *t->cells);
	}
	t->nrows++;
	t->filled = 0;
}

static struct report_cell *next(struct report_table *t)
{
	if (t->filled >= t->ncols)
		err_die(CM_EXIT_DATA, "internal error: too many cells in table %s", t->id);
	return &t->cells[(t->nrows - 1) * t->ncols + t->filled++];
}

void report_table_text(struct report_table *t, const char *s)
{
	struct report_cell *c = next(t);
	c->kind = RC_TEXT;
	c->s = xstrdup(s ? s : "");
}

void report_table_label(struct report_table *t, const char *id)
{
	struct report_cell *c = next(t);
	c->kind = RC_LABEL;
	c->s = xstrdup(id);
}

void report_table_num(struct report_table *t, int kind, double v)
{
	struct report_cell *c = next(t);
	c->kind = kind;
	c->v = v;
}

void report_table_empty(struct report_table *t) { next(t)->kind = RC_EMPTY; }

struct report_cell *report_table_cell(const struct report_table *t, size_t row, size_t col) { return &t->cells[row * t->ncols + col]; }

void report_doc_skip(report_doc *d, const char *why)
{
	d->skipped = xrealloc(d->skipped, (d->nskipped + 1) * sizeof *d->skipped);
	d->skipped[d->nskipped++] = xstrdup(why);
}

void report_doc_append(report_doc *into, report_doc *from)
{
	for (size_t i = 0; i < from->n; i++) {
		xgrow((void **)&into->t, &into->cap, into->n + 1, sizeof *into->t);
		into->t[into->n++] = from->t[i];
	}
	for (size_t i = 0; i < from->nskipped; i++)
		report_doc_skip(into, from->skipped[i]);
	from->n = 0;
	report_doc_free(from);
}

void report_doc_free(report_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		struct report_table *t = d->t[i];
		for (size_t k = 0; k < t->nrows * t->ncols; k++)
			free(t->cells[k].s);
		for (size_t k = 0; k < t->ncols; k++)
			free(t->cols[k]);
		free(t->cells);
		free(t->cols);
		free(t->id);
		free(t->chart);
		free(t->note);
		free(t->note_word);
		free(t);
	}
	for (size_t i = 0; i < d->nskipped; i++)
		free(d->skipped[i]);
	free(d->skipped);
	free(d->t);
	free(d->as_of);
	memset(d, 0, sizeof *d);
}
