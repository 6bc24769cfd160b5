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

static double expected(const struct model *m, const struct clv_customer *c, double t)
{
	if (m->kind == MODEL_PNBD)
		return pnbd_expected(m->tx.p, c->x, c->tx, c->T, t);
	if (m->kind == MODEL_BGBB)
		return bgbb_expected(m->tx.p, c->x, c->tx, c->T, t);
	return bgnbd_expected(m->tx.p, m->kind == MODEL_MBGNBD, c->x, c->tx, c->T, t);
}

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

/* The orders expected by the end of each step. */
static void expected_at(const struct model *m, const struct schedule *s, const struct clv_customer *c, double *e)
{
	if (m->kind != MODEL_PNBD && m->kind != MODEL_BGBB) {
		bgnbd_expected_at(m->tx.p, m->kind == MODEL_MBGNBD, c->x, c->tx, c->T, s->t, (size_t)s->steps, e);
		return;
	}
	for (int k = 0; k < s->steps; k++)
		e[k] = expected(m, c, s->t[k]);
}

static void history(const struct model *m, const struct schedule *s, const struct clv_customer *c, struct part *h)
{
	double e[MAX_STEPS], prev = 0;
	h->p_alive = m->kind == MODEL_PNBD   ? pnbd_p_alive(m->tx.p, c->x, c->tx, c->T)
		     : m->kind == MODEL_BGBB ? bgbb_p_alive(m->tx.p, c->x, c->tx, c->T)
					     : bgnbd_p_alive(m->tx.p, m->kind == MODEL_MBGNBD, c->x, c->tx, c->T);
	expected_at(m, s, c, e);
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

struct fill {
	const struct model *m;
	const struct schedule *s;
	const btyd_data *d;
	struct part *parts;
};

#define FILL_BLOCK 1024

static void fill_block(void *arg, size_t b)
{
	struct fill *f = arg;
	for (size_t i = b * FILL_BLOCK; i < f->d->n && i < (b + 1) * FILL_BLOCK; i++) {
		const struct btyd_row *row = &f->d->rows[i];
		struct clv_customer c = {.x = row->x, .tx = row->tx, .T = row->T};
		history(f->m, f->s, &c, &f->parts[i]);
		f->parts[i].x = c.x;
		f->parts[i].tx = c.tx;
		f->parts[i].T = c.T;
	}
}

void clv_cache_fill(clv_cache *c, const struct model *m, const btyd_data *d, int threads)
{
	size_t n = m->kind == MODEL_RETENTION ? 0 : d->n; /* retention: a formula per customer */
	struct fill f = {m, schedule_for(c, m), d, xmalloc((n ? n : 1) * sizeof *f.parts)};
	threads_each((n + FILL_BLOCK - 1) / FILL_BLOCK, threads, fill_block, &f);
	reserve(c, n); /* once, not a rehash at every doubling */
	xgrow((void **)&c->part, &c->capparts, c->n + n, sizeof *c->part);
	for (size_t i = 0; i < n; i++) {
		size_t k = slot_of(c, f.parts[i].x, f.parts[i].tx, f.parts[i].T);
		if (!c->slot[k])
			keep(c, k, &f.parts[i]);
	}
	free(f.parts);
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
		history(m, schedule_for(cache, m), c, &fresh);
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
	history(m, s, c, &h);
	rc = finish(m, c, &h, r);
	free(s);
	return rc;
}
