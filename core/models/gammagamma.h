/*
 * gammagamma — the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and
 * CLV"; Hardie's note 025).  A customer's order values are Gamma(p, nu) around
 * a personal mean, with nu ~ Gamma(q, gamma) across customers.  Fitted on
 * customers with at least one repeat purchase: x repeat orders with mean value
 * m (both > 0; zero or negative means are excluded by the caller, counted).
 */
#ifndef CM_GAMMAGAMMA_H
#define CM_GAMMAGAMMA_H

#include "models/btyd.h"

/* Rows use x = repeat orders, tx = mean repeat value (T unused), w = weight. */
double gammagamma_loglik(const double p[3], const btyd_data *d, double grad[3]);
/* Expected mean order value given x orders averaging m; x = 0: the population mean. */
double gammagamma_mean(const double p[3], double x, double m);

#endif
