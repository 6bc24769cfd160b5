/*
 * evaluate — how well a model predicted a holdout period: predicted against
 * actual orders, in total and by calibration frequency (repeat orders 0, 1,
 * ... 6, 7+), and per customer the mean absolute error, the root mean square
 * error and the correlation.
 */
#ifndef CM_EVALUATE_H
#define CM_EVALUATE_H

#include "io/fileio.h"

#define EVAL_GROUPS 8 /* 0 .. 6 and 7+ */

struct evaluation {
	double n[EVAL_GROUPS], pred[EVAL_GROUPS], actual[EVAL_GROUPS];
	double count, abs, sq, sp, sa, spp, saa, spa;
};

void evaluate_add(struct evaluation *v, double x, double predicted, double actual, double weight);
/* A text table (or one JSON object with json set). */
void evaluate_write(const struct evaluation *v, fileio_out *out, int json);

#endif
