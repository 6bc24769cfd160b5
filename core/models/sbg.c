/* sbg — see sbg.h. */
#include "models/sbg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "models/optim.h"
#include "models/specfun.h"

void sbg_counts_add(struct sbg_counts *c, size_t t, double lost, double active)
{
	if (t + 1 > c->cap) { /* both arrays the same size, the new room zero */
		size_t old = c->cap, cap = c->cap;
		xgrow((void **)&c->lost, &cap, t + 1, sizeof *c->lost);
		xgrow((void **)&c->active, &c->cap, t + 1, sizeof *c->active);
		memset(c->lost + old, 0, (c->cap - old) * sizeof *c->lost);
		memset(c->active + old, 0, (c->cap - old) * sizeof *c->active);
	}
	if (t > c->n)
		c->n = t;
	c->lost[t] += lost;
	c->active[t] += active;
}

void sbg_counts_add_survival(struct sbg_counts *c, const double *alive, size_t n)
{
	for (size_t t = 1; t <= n; t++)
		sbg_counts_add(c, t, alive[t - 1] - alive[t], 0);
	sbg_counts_add(c, n + 1, 0, alive[n]);
}

void sbg_counts_free(struct sbg_counts *c)
{
	free(c->lost);
	free(c->active);
	memset(c, 0, sizeof *c);
}

/* In ratios, which stay accurate far out where differences would not:
 * S(t) = S(t - 1) r(t), P(T = t) = S(t - 1) alpha / (alpha + beta + t - 1). */
double sbg_loglik(const double p[2], const struct sbg_counts *c)
{
	double a = p[0], b = p[1], logs = 0, ll = 0; /* log S(t - 1) */
	for (size_t t = 1; t <= c->n; t++) {
		double k = a + b + (double)t - 1;
		if (c->active[t] > 0) /* in period t: survived t - 1 renewals */
			ll += c->active[t] * logs;
		if (c->lost[t] > 0)
			ll += c->lost[t] * (logs + log(a / k));
		logs += log((b + (double)t - 1) / k);
	}
	return ll;
}

static double ll_natural(const double *p, const void *ctx) { return sbg_loglik(p, ctx); }

static double on_log_scale(const double *lp, double *grad, void *ctx)
{
	double p[2] = {exp(lp[0]), exp(lp[1])}, g[2], ll;
	if (!(p[0] > 0 && p[0] < 1e12 && p[1] > 0 && p[1] < 1e12))
		return -INFINITY;
	ll = optim_central_gradient(ll_natural, ctx, p, 2, g);
	grad[0] = g[0] * p[0];
	grad[1] = g[1] * p[1];
	return isfinite(ll) && isfinite(grad[0]) && isfinite(grad[1]) ? ll : -INFINITY;
}

void sbg_fit(const struct sbg_counts *c, struct fit *out)
{
	static const double starts[][2] = {{1, 1}, {0.5, 3}, {3, 0.5}, {0.2, 0.2}};
	double best[2] = {0, 0}, bestval = -INFINITY, n = 0;
	struct optim_result r;
	memset(out, 0, sizeof *out);
	out->np = 2;
	out->loglik = -INFINITY;
	for (size_t t = 1; t <= c->n; t++)
		n += c->lost[t] + c->active[t];
	for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++) {
		double lp[2] = {log(starts[s][0]), log(starts[s][1])};
		r = optim_maximise(on_log_scale, (void *)c, lp, 2, 1e-7 * fmax(1, n), 2000);
		if (isfinite(r.value) && r.value > bestval) {
			bestval = r.value;
			memcpy(best, lp, sizeof best);
			out->iterations = r.iterations;
			out->converged = r.converged;
			out->gradnorm = r.gradnorm;
		}
	}
	if (!isfinite(bestval))
		return;
	out->loglik = bestval;
	out->p[0] = exp(best[0]);
	out->p[1] = exp(best[1]);
	out->n = n;
	out->aic = 4 - 2 * bestval;
	out->bic = 2 * log(n) - 2 * bestval;
	optim_standard_errors(on_log_scale, (void *)c, best, out->p, 2, out->se);
}

double sbg_survival(const double p[2], int t)
{
	double s = 1;
	for (int k = 1; k <= t; k++)
		s *= sbg_retention(p, k);
	return s;
}

double sbg_retention(const double p[2], int t) { return (p[1] + t - 1) / (p[0] + p[1] + t - 1); }

double sbg_derl(const double p[2], double d, int n)
{
	double a = p[0], b = p[1];
	if (!(d > 0))
		return NAN;
	return (b + n - 1) / (a + b + n - 1) * exp(specfun_log_hyp2f1(1, b + n, a + b + n, 1 / (1 + d)));
}
