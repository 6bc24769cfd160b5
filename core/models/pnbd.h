/*
 * pnbd — the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), in the
 * form of Fader, Hardie & Lee's note (2005): purchases at rate
 * lambda ~ Gamma(r, alpha) while alive, lifetimes exponential with rate
 * mu ~ Gamma(s, beta).  Parameters p = {r, alpha, s, beta}.
 *
 * The likelihood holds a difference of two hypergeometric terms; it is
 * computed in logs (log-sum-exp, and log(1 - e^d) for the difference) with
 * the series of 2F1(a, b; a + 1; z), so it stays finite for customers with
 * many purchases.  The gradient is analytic: the series carries its own
 * derivatives in a and b along (specfun_log_hyp2f1_a1), and z, a and the logs
 * around it are closed forms of the parameters.
 *
 * A history's series are those of two points, (x, t_x) and (x, T), and many
 * histories share them (CDNOW's 8,685 distinct histories have 2,140 points):
 * pnbd_points lists them once per data, each evaluation sums each point's
 * series once, on every core, then the histories in btyd_sum's blocks, so the
 * result is the same on any number of cores.
 */
#ifndef CM_PNBD_H
#define CM_PNBD_H

#include "models/btyd.h"

/* The points of d, for every evaluation of a fit; owned by the caller, read
 * only (by any number of threads); d must not change while they are used. */
typedef struct pnbd_points pnbd_points;
pnbd_points *pnbd_points_new(const btyd_data *d);
void pnbd_points_free(pnbd_points *pts);

/* Log-likelihood of d; grad (may be NULL) is d/dp.  pts: d's points, or NULL to
 * make them for this call. */
double pnbd_loglik(const double p[4], const btyd_data *d, const pnbd_points *pts, double grad[4]);
double pnbd_p_alive(const double p[4], double x, double tx, double T);
/* Expected purchases in (T, T + t] given the history. */
double pnbd_expected(const double p[4], double x, double tx, double T, double t);
/* The same at each of t[0..n) into e[0..n), P(alive) worked out once. */
void pnbd_expected_at(const double p[4], double x, double tx, double T, const double *t, size_t n, double *e);

/* Discounted expected residual transactions (Fader, Hardie & Lee 2005, "RFM and
 * CLV", eq. 2) at the continuous discount rate delta per unit:
 * P(alive) (r+x)/(alpha+T) E[1/(delta+mu)], mu ~ Gamma(s, beta+T), in closed form
 * through U(s, s; z) = e^z Gamma(1-s, z), z = delta (beta + T). */
double pnbd_dert(const double p[4], double x, double tx, double T, double delta);

#endif
