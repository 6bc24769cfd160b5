/* btyd — see btyd.h. */
#include "models/btyd.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/threads.h"

void btyd_init(btyd_data *d) { memset(d, 0, sizeof *d); }

static uint64_t mix(double a, double b, double c)
{
	uint64_t h = UINT64_C(0x9E3779B97F4A7C15), v[3];
	memcpy(&v[0], &a, 8);
	memcpy(&v[1], &b, 8);
	memcpy(&v[2], &c, 8);
	for (int i = 0; i < 3; i++) {
		h ^= v[i];
		h *= UINT64_C(0xBF58476D1CE4E5B9);
		h ^= h >> 31;
	}
	return h;
}

static void grow_slots(btyd_data *d)
{
	size_t ns = d->nslots ? d->nslots * 2 : 1024;
	free(d->slots);
	d->slots = xzeroed(ns, sizeof *d->slots);
	d->nslots = ns;
	for (size_t i = 0; i < d->n; i++) {
		size_t h = (size_t)mix(d->rows[i].x, d->rows[i].tx, d->rows[i].T) & (ns - 1);
		while (d->slots[h])
			h = (h + 1) & (ns - 1);
		d->slots[h] = i + 1;
	}
}

/* The index of v in d->values, added if new. */
static uint32_t value_index(btyd_data *d, double v)
{
	size_t h;
	if (2 * (d->nvalues + 1) > d->nvslots) {
		size_t ns = d->nvslots ? d->nvslots * 2 : 256;
		free(d->vslots);
		d->vslots = xzeroed(ns, sizeof *d->vslots);
		d->nvslots = ns;
		for (size_t i = 0; i < d->nvalues; i++) {
			h = (size_t)mix(d->values[i], 0, 0) & (ns - 1);
			while (d->vslots[h])
				h = (h + 1) & (ns - 1);
			d->vslots[h] = i + 1;
		}
	}
	h = (size_t)mix(v, 0, 0) & (d->nvslots - 1);
	for (; d->vslots[h]; h = (h + 1) & (d->nvslots - 1))
		if (d->values[d->vslots[h] - 1] == v)
			return (uint32_t)(d->vslots[h] - 1);
	if (d->nvalues + 1 > d->capvalues) {
		size_t cap = d->capvalues;
		xgrow((void **)&d->values, &d->capvalues, d->nvalues + 1, sizeof *d->values);
		xgrow((void **)&d->logs, &cap, d->nvalues + 1, sizeof *d->logs);
	}
	d->values[d->nvalues] = v;
	d->logs[d->nvalues] = v > 0 ? log(v) : NAN;
	d->vslots[h] = ++d->nvalues;
	return (uint32_t)(d->nvalues - 1);
}

/* The range of x, and which whole x there are: the models check and tabulate
 * by x once per evaluation without a pass over the rows. */
static void note_x(btyd_data *d, double x)
{
	d->xmin = d->n == 1 || x < d->xmin ? x : d->xmin;
	d->xmax = d->n == 1 || x > d->xmax ? x : d->xmax;
	if (!(x >= 0 && x < 1e7 && x == floor(x))) {
		d->xfractions++;
		return;
	}
	if ((size_t)x >= d->capxseen) {
		size_t cap = d->capxseen;
		xgrow((void **)&d->xseen, &d->capxseen, (size_t)x + 1, 1);
		memset(d->xseen + cap, 0, d->capxseen - cap);
	}
	d->xseen[(size_t)x] = 1;
}

/* Row `in` into the table at its hash h: merged with an equal row, or added; which row. */
static size_t place(btyd_data *d, const struct btyd_row *in, size_t h)
{
	d->weight += in->w;
	for (; d->slots[h]; h = (h + 1) & (d->nslots - 1)) {
		struct btyd_row *r = &d->rows[d->slots[h] - 1];
		if (r->x == in->x && r->tx == in->tx && r->T == in->T) {
			r->w += in->w;
			return d->slots[h] - 1;
		}
	}
	d->rows[d->n] = (struct btyd_row){in->x, in->tx, in->T, in->w, value_index(d, in->tx), value_index(d, in->T)};
	d->slots[h] = ++d->n;
	note_x(d, in->x);
	return d->n - 1;
}

#define AHEAD 8 /* rows between asking for a row's slot and using it */

void btyd_add_rows(btyd_data *d, const struct btyd_row *in, size_t n, uint32_t *at)
{
	size_t h[BTYD_QUEUE];
	for (size_t from = 0, m; from < n; from += m) {
		m = n - from < BTYD_QUEUE ? n - from : BTYD_QUEUE;
		while (2 * (d->n + m) > d->nslots) /* no growth while the slots are asked for */
			grow_slots(d);
		xgrow((void **)&d->rows, &d->cap, d->n + m, sizeof *d->rows);
		for (size_t i = 0; i < m; i++)
			h[i] = (size_t)mix(in[from + i].x, in[from + i].tx, in[from + i].T) & (d->nslots - 1);
		for (size_t i = 0; i < m; i++) {
			if (i + AHEAD < m)
				__builtin_prefetch(&d->slots[h[i + AHEAD]]);
			if (i + AHEAD / 2 < m && d->slots[h[i + AHEAD / 2]]) /* then the row it points to */
				__builtin_prefetch(&d->rows[d->slots[h[i + AHEAD / 2]] - 1]);
			size_t row = place(d, &in[from + i], h[i]);
			if (at)
				at[from + i] = (uint32_t)row;
		}
	}
}

void btyd_add(btyd_data *d, double x, double tx, double T, double w)
{
	struct btyd_row r = {x, tx, T, w, 0, 0};
	btyd_add_rows(d, &r, 1, NULL);
}

void btyd_queue_add(btyd_queue *q, double x, double tx, double T, double w, size_t tag)
{
	q->tag[q->n] = tag;
	q->row[q->n++] = (struct btyd_row){x, tx, T, w, 0, 0};
	if (q->n == BTYD_QUEUE)
		btyd_queue_flush(q);
}

void btyd_queue_flush(btyd_queue *q)
{
	uint32_t at[BTYD_QUEUE];
	btyd_add_rows(q->d, q->row, q->n, q->rows ? at : NULL);
	for (size_t k = 0; q->rows && k < q->n; k++)
		(*q->rows)[q->tag[k]] = at[k];
	q->n = 0;
}

void btyd_free(btyd_data *d)
{
	free(d->rows);
	free(d->slots);
	free(d->values);
	free(d->logs);
	free(d->vslots);
	free(d->xseen);
	btyd_init(d);
}

#define BLOCK 4096 /* rows per block of the likelihood */
#define MAXNP 8

struct sum {
	const btyd_data *d;
	btyd_term_fn term;
	const void *ctx;
	int np, grad;
	double (*part)[MAXNP + 1]; /* per block: the value, then the gradient */
};

static void sum_block(void *arg, size_t b)
{
	struct sum *s = arg;
	size_t end = (b + 1) * BLOCK < s->d->n ? (b + 1) * BLOCK : s->d->n;
	double *part = s->part[b];
	for (size_t i = b * BLOCK; i < end; i++)
		part[0] += s->term(s->ctx, &s->d->rows[i], s->grad ? part + 1 : NULL);
}

double btyd_sum(const btyd_data *d, btyd_term_fn term, const void *ctx, double *grad, int np)
{
	size_t blocks = (d->n + BLOCK - 1) / BLOCK;
	struct sum s = {d, term, ctx, np, grad != NULL, xcalloc(blocks + 1, sizeof *s.part)};
	double ll = 0;
	if (np > MAXNP)
		err_die(CM_EXIT_DATA, "btyd_sum: %d parameters", np);
	threads_each(blocks, blocks > 1 ? threads_cores() : 1, sum_block, &s);
	for (int j = 0; grad && j < np; j++)
		grad[j] = 0;
	for (size_t b = 0; b < blocks; b++) {
		ll += s.part[b][0];
		for (int j = 0; grad && j < np; j++)
			grad[j] += s.part[b][j + 1];
	}
	free(s.part);
	return ll;
}
