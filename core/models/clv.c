/* clv — see clv.h. */
#include "models/clv.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"

#include "models/bgbb.h"
#include "models/bgnbd.h"
#include "models/gammagamma.h"
#include "models/pnbd.h"
#include "base/threads.h"

#define DAYS_PER_STEP (365.25 / 12) /* discount month by month */
#define MAX_STEPS 1200

static int retention(const struct model *m, const struct clv_customer *c, struct clv_result *r)
{
	double rate = m->tx.p[0], d = pow(1 + m->discount, m->window_days / 365.25) - 1;
	double windows = m->horizon * model_unit_days(m->unit) / m->window_days, sum = 0;
	int active = c->orders_recent > 0;
	for (int k = 1; k <= (int)floor(windows + 1e-9); k++)
		sum += pow(rate, k);
	sum += (windows - floor(windows + 1e-9) > 1e-9) ? (windows - floor(windows)) * pow(rate, ceil(windows)) : 0;
	r->p_alive = active ? rate : 0;
	r->expected_orders = active ? c->orders_recent * sum : 0;
	r->expected_value = c->own_value;
	r->dert = NAN;
	r->clv = active ? c->orders_recent * c->own_value * c->margin_rate * rate / (1 + d - rate) : 0;
	if (isnan(c->own_value))
		return 0;
	return isfinite(r->clv) ? 0 : -1;
}

/* The history's part: p_alive, expected orders, dert, and the discounted sum of expected orders. */
struct part {
	double x, tx, T;
	double p_alive, expected_orders, discounted, dert;
};

/* The steps of the discounted sum, the same for every history of a model:
 * their ends (model units; the last is the horizon) and the discount to each. */
struct schedule {
	const struct model *m;   /* whose it is */
	int steps;
	double unit_rate;
	double t[MAX_STEPS], discount[MAX_STEPS];
};

static void schedule_of(const struct model *m, struct schedule *s)
{
	int steps = m->kind == MODEL_BGBB ? (int)m->horizon /* opportunities come one at a time */
					  : (int)ceil(m->horizon * model_unit_days(m->unit) / DAYS_PER_STEP - 1e-9);
	double dt;
	s->m = m;
	s->unit_rate = pow(1 + m->discount, model_unit_days(m->unit) / 365.25) - 1;
	s->steps = steps = steps < 1 ? 1 : steps > MAX_STEPS ? MAX_STEPS : steps;
	dt = m->horizon / steps;
	for (int k = 1; k <= steps; k++) {
		s->t[k - 1] = k == steps ? m->horizon : k * dt;
		s->discount[k - 1] = pow(1 + s->unit_rate, s->t[k - 1]);
	}
}

/* The orders expected by the end of each step; alive: BG/NBD's while alive at
 * T (bgnbd_expected_alive), when worked out already, else NULL. */
static void expected_at(const struct model *m, const struct schedule *s, const struct clv_customer *c,
			const double *alive, double *e)
{
	size_t n = (size_t)s->steps;
	int mod = m->kind == MODEL_MBGNBD;
	if (m->kind == MODEL_PNBD)
		pnbd_expected_at(m->tx.p, c->x, c->tx, c->T, s->t, n, e);
	else if (m->kind == MODEL_BGBB)
		for (size_t k = 0; k < n; k++)
			e[k] = bgbb_expected(m->tx.p, c->x, c->tx, c->T, s->t[k]);
	else if (alive)
		bgnbd_expected_given(m->tx.p, mod, c->x, c->tx, c->T, alive, n, e);
	else
		bgnbd_expected_at(m->tx.p, mod, c->x, c->tx, c->T, s->t, n, e);
}

static void history(const struct model *m, const struct schedule *s, const struct clv_customer *c,
		    const double *alive, struct part *h)
{
	double e[MAX_STEPS], prev = 0;
	h->p_alive = m->kind == MODEL_PNBD   ? pnbd_p_alive(m->tx.p, c->x, c->tx, c->T)
		     : m->kind == MODEL_BGBB ? bgbb_p_alive(m->tx.p, c->x, c->tx, c->T)
					     : bgnbd_p_alive(m->tx.p, m->kind == MODEL_MBGNBD, c->x, c->tx, c->T);
	expected_at(m, s, c, alive, e);
	h->expected_orders = e[s->steps - 1];
	h->discounted = 0;
	for (int k = 0; k < s->steps; k++) {
		h->discounted += (e[k] - prev) / s->discount[k];
		prev = e[k];
	}
	h->dert = m->kind == MODEL_PNBD ? pnbd_dert(m->tx.p, c->x, c->tx, c->T, log1p(s->unit_rate)) : NAN;
}

/* The customer's value on top of the history's part. */
static int finish(const struct model *m, const struct clv_customer *c, const struct part *h, struct clv_result *r)
{
	r->p_alive = h->p_alive;
	r->expected_orders = h->expected_orders;
	r->dert = h->dert;
	r->expected_value = m->has_spend ? gammagamma_mean(m->spend.p, c->x, c->mean_value) : c->own_value;
	r->clv = h->discounted * r->expected_value * c->margin_rate;
	if (!m->has_spend && isnan(c->own_value))
		return isfinite(r->p_alive) && isfinite(r->expected_orders) ? 0 : -1;
	return isfinite(r->p_alive) && isfinite(r->expected_orders) && isfinite(r->expected_value) &&
			       isfinite(r->clv) ? 0 : -1;
}

/* The parts one after another; a hash of (x, t_x, T) to their places. */
struct clv_cache {
	uint32_t *slot;          /* a part's index + 1, or 0 */
	size_t cap;
	struct part *part;
	size_t n, capparts;
	const clv_cache *shared; /* looked in first, never written */
	struct schedule *sched;  /* of the model last asked about */
};

clv_cache *clv_cache_new(const clv_cache *shared)
{
	clv_cache *c = xcalloc(1, sizeof *c);
	c->cap = 1 << 12;
	c->slot = xzeroed(c->cap, sizeof *c->slot);
	c->shared = shared;
	return c;
}

void clv_cache_free(clv_cache *c)
{
	if (!c)
		return;
	free(c->slot);
	free(c->part);
	free(c->sched);
	free(c);
}

static size_t hash_of(double x, double tx, double T)
{
	uint64_t h = 0, b[3];
	memcpy(&b[0], &x, 8);
	memcpy(&b[1], &tx, 8);
	memcpy(&b[2], &T, 8);
	for (int i = 0; i < 3; i++) { /* mix every bit: whole-number doubles have empty low bits */
		h ^= b[i];
		h ^= h >> 33;
		h *= UINT64_C(0xff51afd7ed558ccd);
		h ^= h >> 33;
		h *= UINT64_C(0xc4ceb9fe1a85ec53);
		h ^= h >> 33;
	}
	return (size_t)h;
}

/* The slot of the history: the one holding it, or the empty one it would take. */
static size_t slot_of(const clv_cache *c, double x, double tx, double T)
{
	for (size_t i = hash_of(x, tx, T) & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
		const struct part *p = c->slot[i] ? &c->part[c->slot[i] - 1] : NULL;
		if (!p || (p->x == x && p->tx == tx && p->T == T))
			return i;
	}
}

/* The history's part, or NULL. */
static const struct part *lookup(const clv_cache *c, double x, double tx, double T)
{
	size_t i = slot_of(c, x, tx, T);
	return c->slot[i] ? &c->part[c->slot[i] - 1] : NULL;
}

/* Room in the slots for `more` parts: 2 (n + more) <= cap.  1 if they moved. */
static int reserve(clv_cache *c, size_t more)
{
	size_t cap = c->cap;
	while (2 * (c->n + more) > cap)
		cap *= 2;
	if (cap == c->cap)
		return 0;
	free(c->slot);
	c->cap = cap;
	c->slot = xzeroed(c->cap, sizeof *c->slot);
	for (size_t k = 0; k < c->n; k++)
		c->slot[slot_of(c, c->part[k].x, c->part[k].tx, c->part[k].T)] = (uint32_t)(k + 1);
	return 1;
}

/* A new history's part (h computed already), at slot i; the cache grows first when it has to. */
static const struct part *keep(clv_cache *c, size_t i, const struct part *h)
{
	if (reserve(c, 1))
		i = slot_of(c, h->x, h->tx, h->T);
	xgrow((void **)&c->part, &c->capparts, c->n + 1, sizeof *c->part);
	c->part[c->n] = *h;
	c->slot[i] = (uint32_t)++c->n;
	return &c->part[c->n - 1];
}

/* The cache's schedule for model m, worked out at the first call for it. */
static const struct schedule *schedule_for(clv_cache *c, const struct model *m)
{
	if (!c->sched)
		c->sched = xmalloc(sizeof *c->sched);
	else if (c->sched->m == m)
		return c->sched;
	schedule_of(m, c->sched);
	return c->sched;
}

/*
 * BG/NBD and MBG/NBD: the orders expected while alive at T depend on (x, T)
 * alone, and the fitted histories share them (CDNOW: 8,685 histories, 979
 * pairs): clv_cache_fill works each pair's out once, on every core, before
 * the histories.
 */
struct curves {
	size_t n, steps;
	uint32_t *of_row; /* d's row -> its pair */
	uint32_t *row;    /* pair -> the first row with it */
	double *e;        /* pair k's curve: steps values from e[k * steps] */
};

/* Number the (x, T) pairs of d's rows. */
static void curves_index(struct curves *cv, const btyd_data *d)
{
	size_t cap = 64, mask;
	uint32_t *slot;
	while (cap < 2 * d->n)
		cap *= 2;
	mask = cap - 1;
	slot = xzeroed(cap, sizeof *slot);
	cv->of_row = xmalloc((d->n + 1) * sizeof *cv->of_row);
	cv->row = xmalloc((d->n + 1) * sizeof *cv->row);
	for (size_t i = 0; i < d->n; i++) {
		const struct btyd_row *r = &d->rows[i];
		size_t h = hash_of(r->x, 0, r->T) & mask;
		for (; slot[h]; h = (h + 1) & mask) {
			const struct btyd_row *o = &d->rows[cv->row[slot[h] - 1]];
			if (o->x == r->x && o->T == r->T)
				break;
		}
		if (!slot[h]) {
			cv->row[cv->n] = (uint32_t)i;
			slot[h] = (uint32_t)++cv->n;
		}
		cv->of_row[i] = slot[h] - 1;
	}
	free(slot);
}

struct fill {
	const struct model *m;
	const struct schedule *s;
	const btyd_data *d;
	struct part *parts;
	struct curves cv;       /* BG/NBD, MBG/NBD; else cv.e NULL */
};

#define FILL_BLOCK 1024
#define CURVE_BLOCK 128 /* a pair's curve costs a history's dozen series */

static void curve_block(void *arg, size_t b)
{
	struct fill *f = arg;
	const struct curves *cv = &f->cv;
	for (size_t k = b * CURVE_BLOCK; k < cv->n && k < (b + 1) * CURVE_BLOCK; k++) {
		const struct btyd_row *r = &f->d->rows[cv->row[k]];
		bgnbd_expected_alive(f->m->tx.p, f->m->kind == MODEL_MBGNBD, r->x, r->T, f->s->t, cv->steps,
				     &cv->e[k * cv->steps]);
	}
}

static void fill_block(void *arg, size_t b)
{
	struct fill *f = arg;
	for (size_t i = b * FILL_BLOCK; i < f->d->n && i < (b + 1) * FILL_BLOCK; i++) {
		const struct btyd_row *row = &f->d->rows[i];
		struct clv_customer c = {.x = row->x, .tx = row->tx, .T = row->T};
		history(f->m, f->s, &c, f->cv.e ? &f->cv.e[f->cv.of_row[i] * f->cv.steps] : NULL, &f->parts[i]);
		f->parts[i].x = c.x;
		f->parts[i].tx = c.tx;
		f->parts[i].T = c.T;
	}
}

void clv_cache_fill(clv_cache *c, const struct model *m, const btyd_data *d, int threads)
{
	size_t n = m->kind == MODEL_RETENTION ? 0 : d->n; /* retention: a formula per customer */
	struct fill f = {m, schedule_for(c, m), d, xmalloc((n ? n : 1) * sizeof *f.parts), {0, 0, NULL, NULL, NULL}};
	if (n && (m->kind == MODEL_BGNBD || m->kind == MODEL_MBGNBD)) {
		curves_index(&f.cv, d);
		f.cv.steps = (size_t)f.s->steps;
		/* when pairs are shared, and their curves take no more than 16 values a history */
		if (2 * f.cv.n <= n && f.cv.n * f.cv.steps <= 16 * n) {
			f.cv.e = xmalloc(f.cv.n * f.cv.steps * sizeof *f.cv.e);
			threads_each((f.cv.n + CURVE_BLOCK - 1) / CURVE_BLOCK, threads, curve_block, &f);
		}
	}
	threads_each((n + FILL_BLOCK - 1) / FILL_BLOCK, threads, fill_block, &f);
	reserve(c, n); /* once, not a rehash at every doubling */
	xgrow((void **)&c->part, &c->capparts, c->n + n, sizeof *c->part);
	for (size_t i = 0; i < n; i++) {
		size_t k = slot_of(c, f.parts[i].x, f.parts[i].tx, f.parts[i].T);
		if (!c->slot[k])
			keep(c, k, &f.parts[i]);
	}
	free(f.parts);
	free(f.cv.of_row);
	free(f.cv.row);
	free(f.cv.e);
}

int clv_predict_cached(const struct model *m, clv_cache *cache, const struct clv_customer *c,
		       struct clv_result *r)
{
	const struct part *h;
	size_t i;
	if (m->kind == MODEL_RETENTION)
		return clv_predict(m, c, r);
	if (cache->shared && cache->shared->n && (h = lookup(cache->shared, c->x, c->tx, c->T)))
		return finish(m, c, h, r);
	i = slot_of(cache, c->x, c->tx, c->T);
	if (cache->slot[i]) {
		h = &cache->part[cache->slot[i] - 1];
	} else {
		struct part fresh;
		history(m, schedule_for(cache, m), c, NULL, &fresh);
		fresh.x = c->x;
		fresh.tx = c->tx;
		fresh.T = c->T;
		h = keep(cache, i, &fresh);
	}
	return finish(m, c, h, r);
}

/* The shared part of row `row`, if it is this history's. */
static const struct part *part_of_row(const clv_cache *cache, size_t row, const struct clv_customer *c)
{
	const clv_cache *s = cache->shared;
	const struct part *h;
	if (!s || row >= s->n)
		return NULL;
	h = &s->part[row];
	return h->x == c->x && h->tx == c->tx && h->T == c->T ? h : NULL;
}

int clv_predict_row(const struct model *m, clv_cache *cache, size_t row, const struct clv_customer *c,
		    struct clv_result *r)
{
	const struct part *h;
	if (m->kind != MODEL_RETENTION && (h = part_of_row(cache, row, c)))
		return finish(m, c, h, r);
	return clv_predict_cached(m, cache, c, r);
}

void clv_cache_ask(const clv_cache *cache, size_t row)
{
	if (cache->shared && row < cache->shared->n)
		__builtin_prefetch(&cache->shared->part[row]);
}

double clv_expected_orders(const struct model *m, const struct clv_customer *c, double t)
{
	struct model over = *m;
	struct clv_result r;
	over.horizon = m->kind == MODEL_BGBB ? round(t) : t;
	return clv_predict(&over, c, &r) == 0 ? r.expected_orders : NAN;
}

int clv_predict(const struct model *m, const struct clv_customer *c, struct clv_result *r)
{
	struct part h;
	struct schedule *s;
	int rc;
	if (m->kind == MODEL_RETENTION)
		return retention(m, c, r);
	s = xmalloc(sizeof *s);
	schedule_of(m, s);
	history(m, s, c, NULL, &h);
	rc = finish(m, c, &h, r);
	free(s);
	return rc;
}
