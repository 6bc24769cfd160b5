/*
 * fit — maximum-likelihood fits of the customer-lifetime models.
 *
 * Each fit runs BFGS on the log-parameters: six iterations from each of
 * several starting points (above 20,000 distinct histories, the best start is
 * picked on every 8th history and only it is explored on all: see fit.c and
 * CM_FIT_EXPLORE_ALL), then the best of them to convergence (with Newton
 * steps at the end where BFGS's line search runs out of digits); it reports the log-likelihood, whether the optimiser
 * converged (gradient norm on the log scale below 1e-4 per 1000 customers,
 * which puts the log-likelihood within about 1e-8 of the optimum),
 * standard errors from the inverse Hessian (delta method back to the natural
 * scale; NAN when the Hessian is not negative definite), AIC and BIC.
 */
#ifndef CM_FIT_H
#define CM_FIT_H

#include <stddef.h>

#include "models/btyd.h"

#define FIT_MAXP 4

struct fit {
	size_t np;
	double p[FIT_MAXP], se[FIT_MAXP];
	double loglik, n, aic, bic, gradnorm;
	int iterations, converged;
};

void fit_bgnbd(const btyd_data *d, int modified, struct fit *out);
void fit_gammagamma(const btyd_data *d, struct fit *out);
/* Pareto/NBD: analytic gradients (see pnbd.h). */
void fit_pnbd(const btyd_data *d, struct fit *out);
/* BG/BB on discrete opportunities: gradients by central differences (see bgbb.h). */
void fit_bgbb(const btyd_data *d, struct fit *out);
/* Say a warning when the data do not pin the parameters (named names[]) down:
 * a standard error undefined (singular information) or over ten times its
 * parameter (a small table's parameter running off). */
void fit_warn_loose(const char *what, const struct fit *f, const char *const *names);

#endif
