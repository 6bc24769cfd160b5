/* fit — see fit.h. */
#include "models/fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "models/bgbb.h"
#include "models/bgnbd.h"
#include "models/gammagamma.h"
#include "models/pnbd.h"
#include "models/optim.h"

struct problem {
	const btyd_data *d;
	int kind; /* 0 BG/NBD, 1 MBG/NBD, 2 Gamma-Gamma, 3 Pareto/NBD, 4 BG/BB */
	size_t np;
	pnbd_points *pts; /* Pareto/NBD: d's points */
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
	     : pr->kind == 3 ? pnbd_loglik(p, pr->d, pr->pts, g)
	     : pr->kind == 4 ? bgbb_loglik(p, pr->d, g)
			     : bgnbd_loglik(p, pr->d, pr->kind, g);
	for (size_t i = 0; i < pr->np; i++) {
		grad[i] = g[i] * p[i];
		if (!isfinite(grad[i]))
			return -INFINITY;
	}
	return isfinite(ll) ? ll : -INFINITY;
}

/* Six iterations from every start on d: the best point reached (its value), and
 * how many iterations it took; -INFINITY if no start gives a finite value. */
#define EXPLORE 6
static double explore(struct problem *pr, const double starts[][FIT_MAXP], size_t nstarts, double tol,
		      double best[FIT_MAXP], int *spent, size_t *which)
{
	double bestval = -INFINITY;
	for (size_t s = 0; s < nstarts; s++) {
		double lp[FIT_MAXP];
		struct optim_result r;
		for (size_t i = 0; i < pr->np; i++)
			lp[i] = log(starts[s][i]);
		r = optim_maximise(on_log_scale, pr, lp, pr->np, tol, EXPLORE);
		if (isfinite(r.value) && r.value > bestval) {
			bestval = r.value;
			*spent = r.iterations;
			*which = s;
			memcpy(best, lp, sizeof(double) * FIT_MAXP);
		}
	}
	return bestval;
}

/*
 * Which start is most promising is asked of every 8th distinct history when
 * there are many (the starts' exploration is half of a fit's evaluations);
 * that start alone is then explored on all of them.  When the sample picks
 * the start all the histories pick, which is the rule, the fit is the one
 * the exploration of every start on all histories gives, to the bit;
 * CM_FIT_EXPLORE_ALL=1 explores every start on all (a test compares).
 */
#define SAMPLE_ABOVE 20000
#define SAMPLE_STEP 8
static double explore_sampled(struct problem *pr, const double starts[][FIT_MAXP], size_t nstarts, double tol,
			      double best[FIT_MAXP], int *spent)
{
	const char *all = getenv("CM_FIT_EXPLORE_ALL");
	btyd_data sample;
	struct problem sub = *pr;
	double ignored[FIT_MAXP];
	size_t which = nstarts;
	int n;
	if (pr->d->n <= SAMPLE_ABOVE || nstarts < 2 || (all && *all && strcmp(all, "0") != 0))
		return explore(pr, starts, nstarts, tol, best, spent, &which);
	btyd_init(&sample);
	for (size_t i = 0; i < pr->d->n; i += SAMPLE_STEP)
		btyd_add(&sample, pr->d->rows[i].x, pr->d->rows[i].tx, pr->d->rows[i].T, pr->d->rows[i].w);
	sub.d = &sample;
	sub.pts = pr->kind == 3 ? pnbd_points_new(&sample) : NULL;
	explore(&sub, starts, nstarts, 1e-4 * fmax(1, sample.weight / 1000), ignored, &n, &which);
	pnbd_points_free(sub.pts);
	btyd_free(&sample);
	if (which < nstarts) {
		double v = explore(pr, starts + which, 1, tol, best, spent, &which);
		if (isfinite(v))
			return v;
	}
	return explore(pr, starts, nstarts, tol, best, spent, &which); /* the sample told nothing: all on all */
}

/* A few iterations from every start, then the most promising one to convergence. */
static void run(struct problem *pr, const double starts[][FIT_MAXP], size_t nstarts, struct fit *out)
{
	double best[FIT_MAXP], bestval;
	int spent = 0; /* iterations of the start that was continued */
	double tol = 1e-4 * fmax(1, pr->d->weight / 1000);
	struct optim_result r;
	memset(out, 0, sizeof *out);
	out->np = pr->np;
	out->loglik = -INFINITY;
	bestval = explore_sampled(pr, starts, nstarts, tol, best, &spent);
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
	optim_standard_errors(on_log_scale, pr, best, out->p, pr->np, out->se);
}

void fit_bgnbd(const btyd_data *d, int modified, struct fit *out)
{
	static const double starts[][FIT_MAXP] = {
		{1, 1, 1, 1}, {0.5, 5, 0.8, 2.5}, {0.2, 10, 2, 5}, {2, 50, 0.5, 0.5}};
	struct problem pr = {d, modified, 4, NULL};
	run(&pr, starts, sizeof starts / sizeof starts[0], out);
}

void fit_gammagamma(const btyd_data *d, struct fit *out)
{
	static const double starts[][FIT_MAXP] = {{1, 1, 1}, {5, 3, 15}, {2, 5, 50}, {10, 2, 5}};
	struct problem pr = {d, 2, 3, NULL};
	run(&pr, starts, sizeof starts / sizeof starts[0], out);
}

void fit_pnbd(const btyd_data *d, struct fit *out)
{
	static const double starts[][FIT_MAXP] = {
		{1, 1, 1, 1}, {0.5, 10, 0.5, 10}, {0.2, 5, 1, 20}, {2, 50, 0.5, 5}};
	struct problem pr = {d, 3, 4, pnbd_points_new(d)};
	run(&pr, starts, sizeof starts / sizeof starts[0], out);
	pnbd_points_free(pr.pts);
}

void fit_bgbb(const btyd_data *d, struct fit *out)
{
	static const double starts[][FIT_MAXP] = {{1, 1, 1, 1}, {1, 0.5, 0.5, 3}, {3, 3, 2, 10}, {0.5, 2, 1, 1}};
	struct problem pr = {d, 4, 4, NULL};
	run(&pr, starts, sizeof starts / sizeof starts[0], out);
}

void fit_warn_loose(const char *what, const struct fit *f, const char *const *names)
{
	for (size_t i = 0; i < f->np; i++)
		if (!isfinite(f->se[i])) {
			err_warn("%s: warning: the data do not pin the parameters down (singular information, %.0f "
				 "customers); treat them with care", what, f->n);
			return;
		} else if (f->se[i] > 10 * fabs(f->p[i])) { /* r = 1.5e6 (se 3.7e9) on four customers */
			err_warn("%s: warning: the data hardly pin the parameters down (the standard error of %s is "
				 "%.0f times its value, %.0f customers); treat them with care", what, names[i],
				 f->se[i] / fabs(f->p[i]), f->n);
			return;
		}
}
