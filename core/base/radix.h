/*
 * radix — numbers put in falling order in linear time, by their bits (an LSD
 * radix sort), for the orderings of every customer: ABC, the Lorenz curve,
 * CLV deciles.  A comparison sort of a million values takes about ten times
 * longer.
 *
 * Equal values keep their input order (the sort is stable); -0 sorts just
 * after +0.  Values must not be NaN.  The caller owns every array.
 */
#ifndef CM_RADIX_H
#define CM_RADIX_H

#include <stddef.h>

/* order[k] = the index of the k-th largest of v[0..n); and sorted[k] =
 * v[order[k]] unless sorted is NULL (no pass through v in that order). */
void radix_order_desc(const double *v, size_t n, size_t *order, double *sorted);
/* v itself in falling order. */
void radix_sort_desc(double *v, size_t n);

#endif
