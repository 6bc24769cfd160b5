/* rtable — see rtable.h. */
#include "rtable.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

struct rtable *rdoc_table(rdoc *d, const char *id, const char *const *cols, size_t ncols)
{
	struct rtable *t = xcalloc(1, sizeof *t);
	t->id = xstrdup(id);
	t->ncols = ncols;
	t->cols = xcalloc(ncols + 1, sizeof *t->cols);
	for (size_t i = 0; i < ncols; i++)
		t->cols[i] = xstrdup(cols[i]);
	xgrow((void **)&d->t, &d->cap, d->n + 1, sizeof *d->t);
	d->t[d->n++] = t;
	return t;
}

void rtable_row(struct rtable *t)
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

static struct rcell *next(struct rtable *t)
{
	if (t->filled >= t->ncols)
		err_die(CM_EXIT_DATA, "internal error: too many cells in table %s", t->id);
	return &t->cells[(t->nrows - 1) * t->ncols + t->filled++];
}

void rtable_text(struct rtable *t, const char *s)
{
	struct rcell *c = next(t);
	c->kind = RC_TEXT;
	c->s = xstrdup(s ? s : "");
}

void rtable_label(struct rtable *t, const char *id)
{
	struct rcell *c = next(t);
	c->kind = RC_LABEL;
	c->s = xstrdup(id);
}

void rtable_num(struct rtable *t, int kind, double v)
{
	struct rcell *c = next(t);
	c->kind = kind;
	c->v = v;
}

void rtable_empty(struct rtable *t) { next(t)->kind = RC_EMPTY; }

struct rcell *rtable_cell(const struct rtable *t, size_t row, size_t col) { return &t->cells[row * t->ncols + col]; }

void rdoc_skip(rdoc *d, const char *why)
{
	d->skipped = xrealloc(d->skipped, (d->nskipped + 1) * sizeof *d->skipped);
	d->skipped[d->nskipped++] = xstrdup(why);
}

void rdoc_append(rdoc *into, rdoc *from)
{
	for (size_t i = 0; i < from->n; i++) {
		xgrow((void **)&into->t, &into->cap, into->n + 1, sizeof *into->t);
		into->t[into->n++] = from->t[i];
	}
	for (size_t i = 0; i < from->nskipped; i++)
		rdoc_skip(into, from->skipped[i]);
	from->n = 0;
	rdoc_free(from);
}

void rdoc_free(rdoc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		struct rtable *t = d->t[i];
		for (size_t k = 0; k < t->nrows * t->ncols; k++)
			free(t->cells[k].s);
		for (size_t k = 0; k < t->ncols; k++)
			free(t->cols[k]);
		free(t->cells);
		free(t->cols);
		free(t->id);
		free(t->chart);
		free(t->note);
		free(t);
	}
	for (size_t i = 0; i < d->nskipped; i++)
		free(d->skipped[i]);
	free(d->skipped);
	free(d->t);
	free(d->as_of);
	memset(d, 0, sizeof *d);
}
