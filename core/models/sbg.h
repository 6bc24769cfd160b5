/*
 * sbg — the shifted-beta-geometric model of contract customers (Fader &
 * Hardie 2007, "How to project customer retention"): at the end of each
 * period a customer renews with probability 1 - theta, theta ~ Beta(alpha,
 * beta) across customers.  T, the period in which a customer leaves, has
 *   P(T = 1) = alpha / (alpha + beta),
 *   P(T = t) = (beta + t - 2) / (alpha + beta + t - 1) P(T = t - 1),
 *   S(t) = P(T > t) = S(t - 1) - P(T = t),  S(0) = 1,
 * and the retention rate r(t) = S(t) / S(t - 1) = (beta + t - 1) / (alpha +
 * beta + t - 1) rises with t: the customers who stay are those who stay.
 *
 * The data: customers lost in period t (churned after t periods) and
 * customers still active in period t (they survived t - 1 renewals:
 * censored); a survival table (1000, 631, 468, ... alive at 0, 1, 2, ...
 * renewals) is the same in counts.  The fit maximises the log-likelihood on
 * log-parameters.
 *
 * DERL (Fader & Hardie 2010), the discounted expected residual lifetime of a
 * customer in period n: the renewals to come, the next at the decision
 * undiscounted, each later one discounted by d per period:
 *   (beta + n - 1) / (alpha + beta + n - 1) 2F1(1, beta + n; alpha + beta + n; 1 / (1 + d)).
 * A customer's value is its margin per period times DERL.
 */
#ifndef CM_SBG_H
#define CM_SBG_H

#include <stddef.h>

#include "models/fit.h"

struct sbg_counts {
	size_t n, cap;       /* periods 1..n */
	double *lost;        /* lost[t]: customers who left in period t (t = 1..n) */
	double *active;      /* active[t]: customers in period t, not yet decided (t = 1..n) */
};

/* Customers lost in period t and customers active in it (zero the counts to start). */
void sbg_counts_add(struct sbg_counts *c, size_t t, double lost, double active);
/* A survival table alive[0..n] (alive after 0..n renewals): alive[t-1] -
 * alive[t] lost in period t, alive[n] active in period n + 1. */
void sbg_counts_add_survival(struct sbg_counts *c, const double *alive, size_t n);
void sbg_counts_free(struct sbg_counts *c);
double sbg_loglik(const double p[2], const struct sbg_counts *c);
/* p = {alpha, beta}; out as fit.h's, with standard errors. */
void sbg_fit(const struct sbg_counts *c, struct fit *out);
double sbg_survival(const double p[2], int t);
double sbg_retention(const double p[2], int t);
/* NAN when the series does not converge (d must be above 0). */
double sbg_derl(const double p[2], double d, int n);

#endif
