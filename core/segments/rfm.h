/*
 * rfm — recency, frequency and monetary scores from 1 to bins.
 *
 * Cut points are quantiles: the k-th of bins - 1 is the value at position
 * floor(k n / bins) of the values in ascending order.  A value scores one
 * more for each cut point it exceeds, so equal values always score the same
 * (no order-dependent ranking).  Recency is reversed: fewer idle days score
 * higher.  Explicit cut points may be given instead.
 */
#ifndef CM_RFM_H
#define CM_RFM_H

#include <stddef.h>

#define RFM_MAXBINS 10

/* cuts: bins - 1 values out.  Values that are NAN (no purchase) are ignored. */
void rfm_cuts(const double *values, size_t n, int bins, double *cuts);
int rfm_score(double v, const double *cuts, int bins, int reverse);

#endif
