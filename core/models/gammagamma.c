/* gammagamma — see gammagamma.h. */
#include "models/gammagamma.h"

#include <math.h>
#include <stdlib.h>

#include "base/err.h"

#include "models/specfun.h"

/* The gamma-function terms depend on x alone (a whole number of repeat
 * orders): computed once per distinct x, not per row. */
struct xterm {
	int done;
	double lg, dp, dq, lx; /* lnG(px+q) - lnG(px) - lnG(q), its derivatives in p and q, log x */
};

static const struct xterm *xterm_of(struct xterm *t, const double p[3], double x)
{
	struct xterm *e = &t[(size_t)x];
	double P = p[0], q = p[1], px = P * x, pq;
	if (e->done)
		return e;
	pq = specfun_digamma(px + q);
	*e = (struct xterm){1, lgamma(px + q) - lgamma(px) - lgamma(q), x * (pq - specfun_digamma(px)),
			    pq - specfun_digamma(q), log(x)};
	return e;
}

struct eval {                /* one evaluation: what every row's term reads */
	const double *p;
	double lg;
	const btyd_data *d;
	const struct xterm *table;
};

static double term(const void *ctx, const struct btyd_row *c, double *grad)
{
	const struct eval *v = ctx;
	double P = v->p[0], q = v->p[1], g = v->p[2], lg = v->lg;
	double x = c->x, m = c->tx, w = c->w, px = P * x;
	double lm = v->d->logs[c->itx], lgm = log(g + x * m);
	const struct xterm *t = &v->table[(size_t)x];
	if (grad) {
		grad[0] += w * (t->dp + x * (lm + t->lx - lgm));
		grad[1] += w * (t->dq + lg - lgm);
		grad[2] += w * (q / g - (px + q) / (g + x * m));
	}
	return w * (t->lg + q * lg + (px - 1) * lm + px * t->lx - (px + q) * lgm);
}

double gammagamma_loglik(const double p[3], const btyd_data *d, double grad[3])
{
	double ll;
	struct xterm *table;
	for (int j = 0; grad && j < 3; j++)
		grad[j] = 0;
	if (d->xfractions || (d->n && d->xmin < 1))
		return NAN; /* x counts repeat orders */
	table = xcalloc((size_t)d->xmax + 1, sizeof *table);
	for (size_t x = 1; x <= (size_t)d->xmax; x++) /* each x's gamma terms, before the rows are shared out */
		if (d->xseen[x])
			xterm_of(table, p, (double)x);
	ll = btyd_sum(d, term, &(struct eval){p, log(p[2]), d, table}, grad, 3);
	free(table);
	return ll;
}

double gammagamma_mean(const double p[3], double x, double m)
{
	double P = p[0], q = p[1], g = p[2];
	if (x <= 0 || m <= 0)
		return P * g / (q - 1);
	return (g + m * x) * P / (P * x + q - 1);
}
