/*
 * pnbd — the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), in the
 * form of Fader, Hardie & Lee's note (2005): purchases at rate
 * lambda ~ Gamma(r, alpha) while alive, lifetimes exponential with rate
 * mu ~ Gamma(s, beta).  Parameters p = {r, alpha, s, beta}.
 *
 * The likelihood holds a difference of two hypergeometric terms; it is
 * computed in logs (log-sum-exp, and log(1 - e^d) for the difference) with
 * specfun_log_hyp2f1, so it stays finite for customers with many purchases.
 * There is no closed form for its derivatives in the parameters of 2F1:
 * pnbd_loglik's gradient is by central differences.
 */
#ifndef CM_PNBD_H
#define CM_PNBD_H

#include "models/btyd.h"

double pnbd_loglik(const double p[4], const btyd_data *d, double grad[4]);
double pnbd_p_alive(const double p[4], double x, double tx, double T);
/* Expected purchases in (T, T + t] given the history. */
double pnbd_expected(const double p[4], double x, double tx, double T, double t);

/* Discounted expected residual transactions (Fader, Hardie & Lee 2005, "RFM and
 * CLV", eq. 2) at the continuous discount rate delta per unit:
 * P(alive) (r+x)/(alpha+T) E[1/(delta+mu)], mu ~ Gamma(s, beta+T), in closed form
 * through U(s, s; z) = e^z Gamma(1-s, z), z = delta (beta + T). */
double pnbd_dert(const double p[4], double x, double tx, double T, double delta);

#endif
