/* fit — see fit.h. */
#include "fit.h"

#include <math.h>
#include <string.h>

#include "bgbb.h"
#include "bgnbd.h"
#include "gammagamma.h"
#include "pnbd.h"
#include "optim.h"

struct problem {
	const btyd_data *d;
	int kind; /* 0 BG/NBD, 1 MBG/NBD, 2 Gamma-Gamma, 3 Pareto/NBD, 4 BG/BB */
	size_t np;
};

/* The log-likelihood as a function of log-parameters. */
static double on_log_scale(const double *lp, double *grad, void *ctx)
{
	const struct problem *pr = ctx;
	double p[FIT_MAXP], g[FIT_MAXP], ll;
	for (size_t i = 0; i < pr->np; i++) {
		p[i] = exp(lp[i]);
		if (!(p[i] > 0 && p[i] < 1e12))
			return -INFINITY;
	}
	ll = pr->kind == 2   ? gammagamma_loglik(p, pr->d, g)
	     : pr->kind == 3 ? pnbd_loglik(p, pr->d, g)
	     : pr->kind == 4 ? bgbb_loglik(p, pr->d, g)
			     : bgnbd_loglik(p, pr->d, pr->kind, g);
	for (size_t i = 0; i < pr->np; i++) {
		grad[i] = g[i] * p[i];
		if (!isfinite(grad[i]))
			return -INFINITY;
	}
	return isfinite(ll) ? ll : -INFINITY;
}

static void standard_errors(struct problem *pr, const double *lp, struct fit *out)
{
	double h[OPTIM_MAXP][OPTIM_MAXP];
	optim_hessian(on_log_scale, pr, lp, pr->np, h);
	for (size_t i = 0; i < pr->np; i++)
		for (size_t j = 0; j < pr->np; j++)
			h[i][j] = -h[i][j]; /* observed information */
	if (optim_invert(h, pr->np) < 0) {
		for (size_t i = 0; i < pr->np; i++)
			out->se[i] = NAN;
		return;
	}
	for (size_t i = 0; i < pr->np; i++) /* delta method: se(p) = p se(log p) */
		out->se[i] = h[i][i] > 0 ? out->p[i] * sqrt(h[i][i]) : NAN;
}

/* A few iterations from every start, then the most promising one to convergence. */
static void run(struct problem *pr, const double starts[][FIT_MAXP], size_t nstarts, struct fit *out)
{
	double best[FIT_MAXP], bestval = -INFINITY;
	int spent = 0; /* iterations of the start that was continued */
	double tol = 1e-4 * fmax(1, pr->d->weight / 1000);
	struct optim_result r;
	memset(out, 0, sizeof *out);
	out->np = pr->np;
	out->loglik = -INFINITY;
	for (size_t s = 0; s < nstarts; s++) {
		double lp[FIT_MAXP];
		for (size_t i = 0; i < pr->np; i++)
			lp[i] = log(starts[s][i]);
		r = optim_maximise(on_log_scale, pr, lp, pr->np, tol, 6);
		if (isfinite(r.value) && r.value > bestval) {
			bestval = r.value;
			spent = r.iterations;
			memcpy(best, lp, sizeof best);
		}
	}
	if (!isfinite(bestval))
		return;
	r = optim_maximise(on_log_scale, pr, best, pr->np, tol, 2000);
	if (isfinite(r.value) && !r.converged) {
		struct optim_result p = optim_polish(on_log_scale, pr, best, pr->np, tol, 20);
		p.iterations += r.iterations;
		r = p;
	}
	out->loglik = r.value;
	out->iterations = spent + r.iterations;
	out->converged = r.converged;
	out->gradnorm = r.gradnorm;
	if (!isfinite(out->loglik))
		return;
	for (size_t i = 0; i < pr->np; i++)
		out->p[i] = exp(best[i]);
	out->n = pr->d->weight;
	out->aic = 2.0 * (double)pr->np - 2 * out->loglik;
	out->bic = (double)pr->np * log(out->n) - 2 * out->loglik;
	standard_errors(pr, best, out);
}

void fit_bgnbd(const btyd_data *d, int modified, struct fit *out)
{
	static const double starts[][FIT_MAXP] = {
		{1, 1, 1, 1}, {0.5, 5, 0.8, 2.5}, {0.2, 10, 2, 5}, {2, 50, 0.5, 0.5}};
	struct problem pr = {d, modified, 4};
	run(&pr, starts, sizeof starts / sizeof starts[0], out);
}

void fit_gammagamma(const btyd_data *d, struct fit *out)
{
	static const double starts[][FIT_MAXP] = {{1, 1, 1}, {5, 3, 15}, {2, 5, 50}, {10, 2, 5}};
	struct problem pr = {d, 2, 3};
	run(&pr, starts, sizeof starts / sizeof starts[0], out);
}

void fit_pnbd(const btyd_data *d, struct fit *out)
{
	static const double starts[][FIT_MAXP] = {
		{1, 1, 1, 1}, {0.5, 10, 0.5, 10}, {0.2, 5, 1, 20}, {2, 50, 0.5, 5}};
	struct problem pr = {d, 3, 4};
	run(&pr, starts, sizeof starts / sizeof starts[0], out);
}

void fit_bgbb(const btyd_data *d, struct fit *out)
{
	static const double starts[][FIT_MAXP] = {{1, 1, 1, 1}, {1, 0.5, 0.5, 3}, {3, 3, 2, 10}, {0.5, 2, 1, 1}};
	struct problem pr = {d, 4, 4};
	run(&pr, starts, sizeof starts / sizeof starts[0], out);
}
