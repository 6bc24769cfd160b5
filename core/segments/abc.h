/*
 * abc — ABC analysis: customers ordered by a measure (revenue, margin, CLV),
 * A while the cumulative share before them is under the A threshold, B while
 * it is under A + B, C after; or by customer counts (the top 10% A, ...).
 *
 * Ties never split: customers with equal measures form one group that takes
 * one class and one cumulative share (the share at the group's end), whatever
 * the input order.  A measure of zero or less is always C, with share 1.
 * rank is 1 for the largest measure (ties share the best rank).
 */
#ifndef CM_ABC_H
#define CM_ABC_H

#include <stddef.h>

struct abc_opts {
	int by_count;     /* thresholds are shares of customers, not of the measure */
	double a, b;      /* e.g. 0.50 and 0.25 */
};

/* Returns how many customers had a measure of zero or less. */
size_t abc_classify(const double *measure, size_t n, const struct abc_opts *o, char *cls, double *share,
		    size_t *rank);

#endif
