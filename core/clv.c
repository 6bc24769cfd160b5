/* clv — see clv.h. */
#include "clv.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

#include "bgbb.h"
#include "bgnbd.h"
#include "gammagamma.h"
#include "pnbd.h"
#include "splitrun.h"

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
	int used;
};

static void history(const struct model *m, const struct clv_customer *c, struct part *h)
{
	int mod = m->kind == MODEL_MBGNBD, steps;
	double unit_rate = pow(1 + m->discount, model_unit_days(m->unit) / 365.25) - 1, prev = 0, dt;
	h->p_alive = m->kind == MODEL_PNBD   ? pnbd_p_alive(m->tx.p, c->x, c->tx, c->T)
		     : m->kind == MODEL_BGBB ? bgbb_p_alive(m->tx.p, c->x, c->tx, c->T)
					     : bgnbd_p_alive(m->tx.p, mod, c->x, c->tx, c->T);
	h->expected_orders = expected(m, c, m->horizon);
	steps = m->kind == MODEL_BGBB ? (int)m->horizon /* opportunities come one at a time */
				      : (int)ceil(m->horizon * model_unit_days(m->unit) / DAYS_PER_STEP - 1e-9);
	steps = steps < 1 ? 1 : steps > MAX_STEPS ? MAX_STEPS : steps;
	dt = m->horizon / steps;
	h->discounted = 0;
	for (int k = 1; k <= steps; k++) {
		double t = k == steps ? m->horizon : k * dt;
		double e = k == steps ? h->expected_orders : expected(m, c, t);
		h->discounted += (e - prev) / pow(1 + unit_rate, t);
		prev = e;
	}
	h->dert = m->kind == MODEL_PNBD ? pnbd_dert(m->tx.p, c->x, c->tx, c->T, log1p(unit_rate)) : NAN;
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

struct clv_cache {
	struct part *slot;
	size_t cap, n;
	const clv_cache *shared; /* looked in first, never written */
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
	free(c);
}

static size_t slot_of(const struct part *slots, size_t cap, double x, double tx, double T)
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
	for (size_t i = (size_t)h & (cap - 1);; i = (i + 1) & (cap - 1))
		if (!slots[i].used || (slots[i].x == x && slots[i].tx == tx && slots[i].T == T))
			return i;
}

/* Room for one more history. */
static void make_room(clv_cache *c)
{
	struct part *old = c->slot;
	size_t oldcap = c->cap;
	if (2 * (c->n + 1) <= c->cap)
		return;
	c->cap *= 2;
	c->slot = xzeroed(c->cap, sizeof *c->slot);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].used)
			c->slot[slot_of(c->slot, c->cap, old[i].x, old[i].tx, old[i].T)] = old[i];
	free(old);
}

/* The history's part into the cache (h computed already). */
static void keep(clv_cache *c, const struct part *h)
{
	struct part *s;
	make_room(c);
	s = &c->slot[slot_of(c->slot, c->cap, h->x, h->tx, h->T)];
	if (!s->used) {
		*s = *h;
		s->used = 1;
		c->n++;
	}
}

struct fill {
	const struct model *m;
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
		history(f->m, &c, &f->parts[i]);
		f->parts[i].x = c.x;
		f->parts[i].tx = c.tx;
		f->parts[i].T = c.T;
	}
}

void clv_cache_fill(clv_cache *c, const struct model *m, const btyd_data *d, int threads)
{
	size_t n = m->kind == MODEL_RETENTION ? 0 : d->n; /* retention: a formula per customer */
	struct fill f = {m, d, xmalloc((n ? n : 1) * sizeof *f.parts)};
	splitrun_each((n + FILL_BLOCK - 1) / FILL_BLOCK, threads, fill_block, &f);
	for (size_t i = 0; i < n; i++)
		keep(c, &f.parts[i]);
	free(f.parts);
}

int clv_predict_cached(const struct model *m, clv_cache *cache, const struct clv_customer *c,
		       struct clv_result *r)
{
	const clv_cache *sh = cache->shared;
	struct part *h;
	if (m->kind == MODEL_RETENTION)
		return clv_predict(m, c, r);
	if (sh && sh->n) {
		const struct part *s = &sh->slot[slot_of(sh->slot, sh->cap, c->x, c->tx, c->T)];
		if (s->used)
			return finish(m, c, s, r);
	}
	make_room(cache);
	h = &cache->slot[slot_of(cache->slot, cache->cap, c->x, c->tx, c->T)];
	if (!h->used) {
		history(m, c, h);
		h->x = c->x;
		h->tx = c->tx;
		h->T = c->T;
		h->used = 1;
		cache->n++;
	}
	return finish(m, c, h, r);
}

int clv_predict(const struct model *m, const struct clv_customer *c, struct clv_result *r)
{
	struct part h;
	if (m->kind == MODEL_RETENTION)
		return retention(m, c, r);
	history(m, c, &h);
	return finish(m, c, &h, r);
}
