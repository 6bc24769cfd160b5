/* pnbd — see pnbd.h. */
#include "models/pnbd.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/threads.h"

#include "models/specfun.h"

/* log of (alpha+T)^-(r+x) (beta+T)^-s, the "alive at T" term. */
static double log_alive(const double p[4], double x, double T)
{
	return -(p[0] + x) * log(p[1] + T) - p[2] * log(p[3] + T);
}

/*
 * One end of the "died between t_x and T" term: l(t) = log 2F1(a, b; a + 1; z)
 * - a log(big + t), with a = r + s + x, big = max(alpha, beta), z = |alpha -
 * beta| / (big + t), b = s + 1 when alpha >= beta, else r + x (Fader, Hardie &
 * Lee 2005, A0); lbig = log(big + t).  Its gradient in p goes into dl: the
 * series' own derivatives in a and b, and in z through z's in alpha and beta.
 * NAN when the series fails (dl then zero).
 */
static double log_end(const double p[4], double x, double t, double lbig, double dl[4])
{
	double r = p[0], al = p[1], s = p[2], be = p[3], a = r + s + x, dh[3];
	int up = al >= be;
	double big = up ? al : be, inv = 1 / (big + t);
	double h = specfun_log_hyp2f1_a1(a, up ? s + 1 : r + x, fabs(al - be) / (big + t), dh);
	if (isnan(h)) {
		dl[0] = dl[1] = dl[2] = dl[3] = 0;
		return NAN;
	}
	dl[0] = dh[0] + (up ? 0 : dh[1]) - lbig;
	dl[2] = dh[0] + (up ? dh[1] : 0) - lbig;
	dl[1] = up ? dh[2] * (be + t) * inv * inv - a * inv : -dh[2] * inv;
	dl[3] = up ? -dh[2] * inv : dh[2] * (al + t) * inv * inv - a * inv;
	return h - a * lbig;
}

/* log of s/(r+s+x) A0, the "died between t_x and T" term; -INF when t_x == T.
 * For one history: the plain series, without the derivatives log_end carries. */
static double log_died(const double p[4], double x, double tx, double T)
{
	double r = p[0], al = p[1], s = p[2], be = p[3], rsx = r + s + x;
	double big = al >= be ? al : be, b2 = al >= be ? s + 1 : r + x, d = fabs(al - be), l1, l2;
	if (tx >= T)
		return -INFINITY;
	l1 = specfun_log_hyp2f1(rsx, b2, rsx + 1, d / (big + tx)) - rsx * log(big + tx);
	l2 = specfun_log_hyp2f1(rsx, b2, rsx + 1, d / (big + T)) - rsx * log(big + T);
	if (!(l1 > l2))
		return -INFINITY;
	return log(s / rsx) + l1 + log(-expm1(l2 - l1));
}

/* The data's points: its distinct x, and the distinct (x, t) at which some
 * history with t_x < T needs l(t), t its t_x or its T. */
#define NONE UINT32_MAX
struct pnbd_points {
	double *x;
	size_t nx;
	uint32_t (*point)[2]; /* x index, index into the data's values[] */
	size_t npoints;
	uint32_t (*row)[3];   /* per row: x index, the points of t_x and T (NONE when t_x >= T) */
};

/* Open addressing over 64-bit keys: the index of key, given the next index if new. */
struct keys {
	uint64_t *key;
	uint32_t *at; /* index + 1, 0 when the slot is free */
	size_t mask;
};

static void keys_init(struct keys *k, size_t most)
{
	size_t n = 64;
	while (n < 2 * most)
		n *= 2;
	k->key = xmalloc(n * sizeof *k->key);
	k->at = xzeroed(n, sizeof *k->at);
	k->mask = n - 1;
}

static uint32_t keys_index(struct keys *k, uint64_t key, size_t *n)
{
	uint64_t m = key; /* every bit mixed: whole-number doubles have empty low bits */
	size_t h;
	m ^= m >> 33;
	m *= UINT64_C(0xff51afd7ed558ccd);
	m ^= m >> 33;
	m *= UINT64_C(0xc4ceb9fe1a85ec53);
	m ^= m >> 33;
	h = (size_t)m & k->mask;
	for (; k->at[h]; h = (h + 1) & k->mask)
		if (k->key[h] == key)
			return k->at[h] - 1;
	k->key[h] = key;
	k->at[h] = (uint32_t)++*n;
	return (uint32_t)(*n - 1);
}

static void keys_free(struct keys *k)
{
	free(k->key);
	free(k->at);
}

/* The point of x index xi at value index vi, added to pts if new. */
static uint32_t point_of(pnbd_points *pts, struct keys *k, uint32_t xi, uint32_t vi)
{
	size_t n = pts->npoints;
	uint32_t at = keys_index(k, (uint64_t)xi << 32 | vi, &pts->npoints);
	if (pts->npoints > n) {
		pts->point[at][0] = xi;
		pts->point[at][1] = vi;
	}
	return at;
}

pnbd_points *pnbd_points_new(const btyd_data *d)
{
	pnbd_points *pts = xcalloc(1, sizeof *pts);
	struct keys xk, pk;
	keys_init(&xk, d->n);
	keys_init(&pk, 2 * d->n);
	pts->x = xmalloc((d->n + 1) * sizeof *pts->x);
	pts->point = xmalloc((2 * d->n + 1) * sizeof *pts->point);
	pts->row = xmalloc((d->n + 1) * sizeof *pts->row);
	for (size_t i = 0; i < d->n; i++) {
		const struct btyd_row *c = &d->rows[i];
		double x = c->x + 0.0; /* -0 is 0 */
		uint64_t bits;
		size_t nx = pts->nx;
		memcpy(&bits, &x, sizeof bits);
		pts->row[i][0] = keys_index(&xk, bits, &pts->nx);
		if (pts->nx > nx)
			pts->x[nx] = x;
		pts->row[i][1] = pts->row[i][2] = NONE;
		if (c->tx < c->T) {
			pts->row[i][1] = point_of(pts, &pk, pts->row[i][0], c->itx);
			pts->row[i][2] = point_of(pts, &pk, pts->row[i][0], c->iT);
		}
	}
	keys_free(&xk);
	keys_free(&pk);
	return pts;
}

void pnbd_points_free(pnbd_points *pts)
{
	if (!pts)
		return;
	free(pts->x);
	free(pts->point);
	free(pts->row);
	free(pts);
}

struct xpart {                 /* per distinct x */
	double lg, dg;              /* lnG(r+x) - lnG(r), psi(r+x) - psi(r) */
	double ls, ia;              /* log(s/a), 1/a; a = r + s + x */
};

struct ppart {                 /* per point: l(t) and its gradient */
	double l, dl[4];
};

struct eval {                  /* one evaluation: what every row's term reads */
	const double *p;
	const btyd_data *d;
	const pnbd_points *pts;
	double la0, lb0;             /* log(alpha), log(beta) */
	double *la, *lb, *ia, *ib;   /* log(alpha + t), log(beta + t), their 1/(.), per value t */
	struct xpart *xs;
	struct ppart *pp;
};

#define CHUNK 256 /* points per work item */

static void points_chunk(void *ctx, size_t k)
{
	struct eval *v = ctx;
	const pnbd_points *pts = v->pts;
	size_t end = (k + 1) * CHUNK < pts->npoints ? (k + 1) * CHUNK : pts->npoints;
	const double *lbig = v->p[1] >= v->p[3] ? v->la : v->lb;
	for (size_t i = k * CHUNK; i < end; i++) {
		uint32_t xi = pts->point[i][0], vi = pts->point[i][1];
		v->pp[i].l = log_end(v->p, pts->x[xi], v->d->values[vi], lbig[vi], v->pp[i].dl);
	}
}

/* What the rows share: the logs by value, the gamma terms by x, l(t) by point (on every core). */
static void prepare(struct eval *v)
{
	const double *p = v->p;
	const pnbd_points *pts = v->pts;
	double r = p[0], s = p[2], pr = specfun_digamma(r), lgr = lgamma(r);
	size_t nv = v->d->nvalues, chunks = (pts->npoints + CHUNK - 1) / CHUNK;
	for (size_t i = 0; i < nv; i++) {
		double t = v->d->values[i];
		v->la[i] = log(p[1] + t);
		v->lb[i] = log(p[3] + t);
		v->ia[i] = 1 / (p[1] + t);
		v->ib[i] = 1 / (p[3] + t);
	}
	for (size_t j = 0; j < pts->nx; j++) {
		double x = pts->x[j], a = r + s + x;
		v->xs[j] = (struct xpart){lgamma(r + x) - lgr, x > 0 ? specfun_digamma(r + x) - pr : 0, log(s / a), 1 / a};
	}
	threads_each(chunks, chunks > 1 ? threads_cores() : 1, points_chunk, v);
}

/*
 * One history's log-likelihood, head + log(alive + died), its gradient added to
 * g.  With alive = e^A, died = e^(A + u) (1 - q), u = log(s/a) + l(t_x) - A and
 * q = e^(l(T) - l(t_x)) < 1: log(alive + died) = A + log1p(e^u (1 - q)), or
 * A + u + log(e^-u + 1 - q) when u > 0, so no exp overflows; pd = died / (alive
 * + died) weighs the gradients of the two terms.
 */
static double term(const void *ctx, const struct btyd_row *c, double *g)
{
	const struct eval *v = ctx;
	const uint32_t *m = v->pts->row[c - v->d->rows];
	const struct xpart *xp = &v->xs[m[0]];
	const double *p = v->p;
	double r = p[0], s = p[2], rx = r + c->x, w = c->w, laT = v->la[c->iT], lbT = v->lb[c->iT];
	double A = -rx * laT - s * lbT, L = 0, pd = 0, rho = 0, gd[4];
	double ga[4] = {xp->dg + v->la0 - laT, r / p[1] - rx * v->ia[c->iT], v->lb0 - lbT, s / p[3] - s * v->ib[c->iT]};
	const struct ppart *p1 = m[1] != NONE ? &v->pp[m[1]] : NULL, *p2 = p1 ? &v->pp[m[2]] : NULL;
	if (p1 && p1->l > p2->l) {
		double nq = -expm1(p2->l - p1->l), u = xp->ls + p1->l - A, f;
		if (u <= 0) {
			f = exp(u) * nq;
			L = log1p(f);
			pd = f / (1 + f);
		} else {
			f = exp(-u);
			L = u + log(f + nq);
			pd = nq / (f + nq);
		}
		rho = (1 - nq) / nq;
	}
	if (!g)
		return w * (xp->lg + r * v->la0 + s * v->lb0 + A + L);
	if (pd > 0) { /* d/dp of the died term's log, log(s/a) + l(t_x) + log(1 - q), less the alive term's */
		for (int j = 0; j < 4; j++)
			gd[j] = p1->dl[j] + rho * (p1->dl[j] - p2->dl[j]);
		gd[0] += -xp->ia + laT;
		gd[1] += rx * v->ia[c->iT];
		gd[2] += 1 / s - xp->ia + lbT;
		gd[3] += s * v->ib[c->iT];
		for (int j = 0; j < 4; j++)
			ga[j] += pd * gd[j];
	}
	for (int j = 0; j < 4; j++)
		g[j] += w * ga[j];
	return w * (xp->lg + r * v->la0 + s * v->lb0 + A + L);
}

double pnbd_loglik(const double p[4], const btyd_data *d, const pnbd_points *pts, double grad[4])
{
	pnbd_points *own = pts ? NULL : pnbd_points_new(d);
	size_t nv = d->nvalues + 1;
	double *logs = xmalloc(4 * nv * sizeof *logs), ll;
	struct eval v = {p, d, pts ? pts : own, log(p[1]), log(p[3]), logs, logs + nv, logs + 2 * nv, logs + 3 * nv,
			 NULL, NULL};
	v.xs = xmalloc((v.pts->nx + 1) * sizeof *v.xs);
	v.pp = xmalloc((v.pts->npoints + 1) * sizeof *v.pp);
	prepare(&v);
	ll = btyd_sum(d, term, &v, grad, 4);
	free(v.xs);
	free(v.pp);
	free(logs);
	pnbd_points_free(own);
	return ll;
}

double pnbd_p_alive(const double p[4], double x, double tx, double T)
{
	double a = log_alive(p, x, T), b = log_died(p, x, tx, T);
	return 1 / (1 + exp(b - a));
}

void pnbd_expected_at(const double p[4], double x, double tx, double T, const double *t, size_t n, double *e)
{
	double r = p[0], al = p[1], s = p[2], be = p[3];
	double rate = (r + x) * (be + T) / ((al + T) * (s - 1)), alive = pnbd_p_alive(p, x, tx, T), lT = log(be + T);
	for (size_t k = 0; k < n; k++)
		e[k] = alive * rate * -expm1((s - 1) * (lT - log(be + T + t[k])));
}

double pnbd_expected(const double p[4], double x, double tx, double T, double t)
{
	double e;
	pnbd_expected_at(p, x, tx, T, &t, 1, &e);
	return e;
}

double pnbd_dert(const double p[4], double x, double tx, double T, double delta)
{
	double r = p[0], al = p[1], s = p[2], be = p[3], z = delta * (be + T);
	/* E[1/(delta+mu)] = (beta+T)^s delta^(s-1) U(s, s; z), U(s, s; z) = e^z Gamma(1-s, z) */
	double l = s * log(be + T) + (s - 1) * log(delta) + z + specfun_log_upper_gamma(1 - s, z);
	return pnbd_p_alive(p, x, tx, T) * (r + x) / (al + T) * exp(l);
}
