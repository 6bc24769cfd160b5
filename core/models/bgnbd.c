/* bgnbd — see bgnbd.h. */
#include "models/bgnbd.h"

#include <math.h>
#include <stdlib.h>

#include "base/err.h"

#include "models/specfun.h"

/*
 * The gamma functions of the likelihood at integer x are sums over k < x:
 * lnG(r+x) - lnG(r) = sum log(r+k), psi(r+x) - psi(r) = sum 1/(r+k), and so on.
 * One table per evaluation, indexed by x, replaces four lgamma and five
 * digamma calls per row with lookups.
 */
struct sums {
	double lr, dr;     /* lnG(r+x) - lnG(r), psi(r+x) - psi(r) */
	double lb, da, db; /* the Beta term and its derivatives in a and b */
	double ld4;        /* log(a) - log(b+x-1), or log(a) - log(b+x) for MBG/NBD */
};

static struct sums *tabulate(const double p[4], int mod, size_t maxx)
{
	double r = p[0], a = p[2], b = p[3];
	size_t n = maxx + 2;
	struct sums *t = xcalloc(n + 1, sizeof *t);
	/* A2(x') = sum_{k<x'} log(b+k) - log(a+b+k), x' = x (BG/NBD) or x + 1 (MBG/NBD) */
	double lb = 0, da = 0, db = 0;
	for (size_t x = 0; x < n; x++) {
		t[x].lb = lb;
		t[x].da = da;
		t[x].db = db;
		lb += log(b + (double)x) - log(a + b + (double)x);
		da -= 1 / (a + b + (double)x);
		db += 1 / (b + (double)x) - 1 / (a + b + (double)x);
		if (x > 0) {
			t[x].lr = t[x - 1].lr + log(r + (double)(x - 1));
			t[x].dr = t[x - 1].dr + 1 / (r + (double)(x - 1));
		}
	}
	if (mod) /* shift the Beta term by one */
		for (size_t x = 0; x + 1 < n; x++) {
			t[x].lb = t[x + 1].lb;
			t[x].da = t[x + 1].da;
			t[x].db = t[x + 1].db;
		}
	for (size_t x = 0; x < n; x++) {
		double d4 = mod ? b + (double)x : b + (double)x - 1;
		t[x].ld4 = d4 > 0 ? log(a) - log(d4) : -INFINITY;
	}
	return t;
}

struct eval {                /* one evaluation: what every row's term reads */
	const double *p;
	int mod;
	const struct sums *s;       /* by x */
	const double *logs;         /* log(alpha + values[i]) of the data's distinct times */
	double lal;                 /* log(alpha) */
};

/* One history's log-likelihood and, when g is given, its gradient added to g. */
static double term(const void *ctx, const struct btyd_row *c, double *g)
{
	const struct eval *v = ctx;
	const double *p = v->p;
	const struct sums *s = &v->s[(size_t)c->x];
	double r = p[0], al = p[1], a = p[2], b = p[3], x = c->x, w = c->w, lal = v->lal;
	int mod = v->mod, two = mod || x > 0; /* is the "dropped out after t_x" term there? */
	double lT = v->logs[c->iT], ltx = v->logs[c->itx];
	double A12 = s->lr + r * lal + s->lb;
	double A3 = -(r + x) * lT;
	double d4 = mod ? b + x : b + x - 1;
	double A4, m, e, p3, p4, lse;
	if (!two) { /* no repeat purchase: the customer is alive by assumption */
		if (g) {
			g[0] += w * (s->dr + lal - lT);
			g[1] += w * (r / al - (r + x) / (al + c->T));
			g[2] += w * s->da;
			g[3] += w * s->db;
		}
		return w * (A12 + A3);
	}
	A4 = s->ld4 - (r + x) * ltx;
	m = fmax(A3, A4);
	e = exp(-fabs(A3 - A4)); /* the smaller term relative to the larger */
	lse = m + log1p(e);
	p3 = A3 >= A4 ? 1 / (1 + e) : e / (1 + e);
	p4 = 1 - p3;
	if (g) {
		g[0] += w * (s->dr + lal - p3 * lT - p4 * ltx);
		g[1] += w * (r / al - p3 * (r + x) / (al + c->T) - p4 * (r + x) / (al + c->tx));
		g[2] += w * (s->da + p4 / a);
		g[3] += w * (s->db - p4 / d4);
	}
	return w * (A12 + lse);
}

double bgnbd_loglik(const double p[4], const btyd_data *d, int modified, double grad[4])
{
	double ll, *logs;
	struct sums *s;
	for (int j = 0; grad && j < 4; j++)
		grad[j] = 0;
	if (d->xfractions)
		return NAN; /* x counts purchases */
	s = tabulate(p, modified, (size_t)d->xmax);
	logs = xmalloc((d->nvalues + 1) * sizeof *logs);
	for (size_t i = 0; i < d->nvalues; i++)
		logs[i] = log(p[1] + d->values[i]);
	ll = btyd_sum(d, term, &(struct eval){p, modified, s, logs, log(p[1])}, grad, 4);
	free(logs);
	free(s);
	return ll;
}

/* a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x), in logs: the odds of having dropped out. */
static double log_dead_odds(const double p[4], int mod, double x, double tx, double T)
{
	if (!mod && x == 0)
		return -INFINITY;
	return log(p[2]) - log(mod ? p[3] + x : p[3] + x - 1) + (p[0] + x) * (log(p[1] + T) - log(p[1] + tx));
}

double bgnbd_p_alive(const double p[4], int modified, double x, double tx, double T)
{
	double lo = log_dead_odds(p, modified, x, tx, T);
	return lo == -INFINITY ? 1 : 1 / (1 + exp(lo));
}

void bgnbd_expected_alive(const double p[4], int modified, double x, double T, const double *t, size_t n, double *e)
{
	double r = p[0], al = p[1], a = p[2], b = p[3];
	double c = modified ? a + b + x : a + b + x - 1;
	double logT = log(al + T);
	for (size_t k = 0; k < n; k++) {
		double z = t[k] / (al + T + t[k]);
		if (c > 0) {
			double lh = specfun_log_hyp2f1(r + x, modified ? b + x + 1 : b + x, c, z);
			e[k] = c / (a - 1) * -expm1((r + x) * (logT - log(al + T + t[k])) + lh);
		} else { /* BG/NBD, x = 0, a + b <= 1: the 2F1 changes sign, c times it does not blow up */
			e[k] = (c - exp(r * (logT - log(al + T + t[k]))) * specfun_c_hyp2f1(r, b, c, z)) / (a - 1);
		}
	}
}

void bgnbd_expected_given(const double p[4], int modified, double x, double tx, double T, const double *alive,
			  size_t n, double *e)
{
	double lo = log_dead_odds(p, modified, x, tx, T), inv = lo == -INFINITY ? 1 : 1 + exp(lo); /* 1 / P(alive) */
	for (size_t k = 0; k < n; k++)
		e[k] = lo == -INFINITY ? alive[k] : alive[k] / inv;
}

void bgnbd_expected_at(const double p[4], int modified, double x, double tx, double T, const double *t, size_t n,
		       double *e)
{
	bgnbd_expected_alive(p, modified, x, T, t, n, e);
	bgnbd_expected_given(p, modified, x, tx, T, e, n, e);
}

double bgnbd_expected(const double p[4], int modified, double x, double tx, double T, double t)
{
	double e;
	bgnbd_expected_at(p, modified, x, tx, T, &t, 1, &e);
	return e;
}

double bgnbd_unconditional(const double p[4], double t)
{
	double r = p[0], al = p[1], a = p[2], b = p[3], c = a + b - 1, z = t / (al + t);
	if (c <= 0) /* see bgnbd_expected_at */
		return (c - exp(r * (log(al) - log(al + t))) * specfun_c_hyp2f1(r, b, c, z)) / (a - 1);
	return c / (a - 1) * -expm1(r * (log(al) - log(al + t)) + specfun_log_hyp2f1(r, b, c, z));
}
