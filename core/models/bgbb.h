/*
 * bgbb — the BG/BB model for discrete purchase opportunities (Fader, Hardie &
 * Shang 2010): at each of n opportunities (a yearly campaign, a weekly
 * visit) an active customer buys with probability p ~ Beta(alpha, beta), and
 * before each opportunity may leave for good with probability
 * theta ~ Beta(gamma, delta).  Parameters p = {alpha, beta, gamma, delta}.
 *
 * Rows: x transactions, t_x the opportunity of the last, n opportunities (in
 * the btyd_row fields x, tx, T).  The likelihood is a sum of Beta-function
 * terms, taken in logs; its gradient is by central differences.
 */
#ifndef CM_BGBB_H
#define CM_BGBB_H

#include "models/btyd.h"

double bgbb_loglik(const double p[4], const btyd_data *d, double grad[4]);
/* Alive at opportunity n + 1. */
double bgbb_p_alive(const double p[4], double x, double tx, double n);
/* Expected transactions in the next t opportunities (t a whole number). */
double bgbb_expected(const double p[4], double x, double tx, double n, double t);

#endif
