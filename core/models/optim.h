/*
 * optim — maximise a smooth function of a few parameters: BFGS with a
 * backtracking line search, on whatever scale the caller chooses (the models
 * use log-parameters, so every value stays positive).
 *
 * The function returns the value and fills the gradient; a non-finite value
 * means "outside the domain" and makes the line search step back.  The result
 * says whether it converged (gradient norm below tol), in how many
 * iterations, and with what gradient norm: a fit that did not converge is
 * reported as such, never passed off as an optimum.
 */
#ifndef CM_OPTIM_H
#define CM_OPTIM_H

#include <stddef.h>

#define OPTIM_MAXP 8

typedef double (*optim_fn)(const double *x, double *grad, void *ctx);

struct optim_result {
	double value, gradnorm;
	int iterations, converged;
};

/* x: start in, optimum out. */
struct optim_result optim_maximise(optim_fn f, void *ctx, double *x, size_t n, double tol, int maxit);
/* Newton steps with the Hessian of the gradient, while they shrink the
 * gradient: the last digits that BFGS's line search cannot resolve. */
struct optim_result optim_polish(optim_fn f, void *ctx, double *x, size_t n, double tol, int maxit);
/* f(p), a log-likelihood of positive parameters, and when grad is given and the
 * value finite its gradient by central differences, steps of 1e-5 relative: for
 * models whose derivatives have no closed form. */
double optim_central_gradient(double (*f)(const double *p, const void *ctx), const void *ctx, const double *p,
			      size_t n, double *grad);
/* Hessian by central differences of the gradient (symmetrised). */
void optim_hessian(optim_fn f, void *ctx, const double *x, size_t n, double h[OPTIM_MAXP][OPTIM_MAXP]);
/* Invert a symmetric positive-definite n x n matrix in place; -1 if it is not. */
int optim_invert(double m[OPTIM_MAXP][OPTIM_MAXP], size_t n);
/* Standard errors of positive parameters p = exp(lp) at the maximum lp of f
 * (a log-likelihood on the log scale): the inverse of the observed
 * information, taken back to the natural scale by the delta method (se(p) =
 * p se(log p)); NAN each when the Hessian is not negative definite. */
void optim_standard_errors(optim_fn f, void *ctx, const double *lp, const double *p, size_t n, double *se);

#endif
