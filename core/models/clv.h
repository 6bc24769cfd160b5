/*
 * clv — what a fitted model says about one customer: the chance of still
 * being a customer, the orders expected over the horizon, the expected order
 * value, and the customer lifetime value.
 *
 * CLV is the discounted expected value of future orders over the horizon:
 * the sum over the months of the horizon (365.25/12 days each, the last one
 * shorter) of the orders expected in that month, times the expected order
 * value, times the margin rate, discounted from the end of the month to the
 * as-of date at the annual rate, converted to the model's unit as
 * (1 + d)^(unit days / 365.25) - 1.  For BG/BB the steps are its
 * opportunities, and the horizon is a whole number of them.
 *
 * The retention model (Gupta & Lehmann) is a formula: with retention rate r
 * per window and the discount d converted to the window, a customer active
 * in the last window (orders_recent > 0) has p_alive r, expected orders
 * orders_recent * sum of r^k over the windows of the horizon, and
 * CLV = m r / (1 + d - r), with m the margin of the last window
 * (orders_recent * own mean order value * margin rate): the infinite-horizon
 * value the formula is known for.  A customer inactive in the last window is
 * lost to the model: 0 everywhere.
 */
#ifndef CM_CLV_H
#define CM_CLV_H

#include "models/btyd.h"
#include "models/model.h"

struct clv_customer {
	double x, tx, T;      /* repeat orders, last and age, in model units */
	double mean_value;    /* mean repeat order value (spend model input) */
	double own_value;     /* the customer's own mean order value (no spend model); NAN if unknown */
	double margin_rate;   /* share of revenue that is margin; 1 for revenue CLV */
	double orders_recent; /* retention: orders in the last window */
};

struct clv_result {
	double p_alive, expected_orders, expected_value, clv;
	double dert;          /* Pareto/NBD only: discounted expected residual transactions; else NAN */
};

/* The transaction model's part of a prediction depends only on (x, t_x, T):
 * customers with the same history share it.  A cache keeps it per history,
 * for one model, with the model's monthly steps and their discount factors
 * (memory grows with distinct histories, at most the customers).  A cache may
 * look in a shared one first: filled once on every core (clv_cache_fill),
 * then only read, by any number of threads, each with a cache of its own for
 * the histories the shared one lacks. */
typedef struct clv_cache clv_cache;
clv_cache *clv_cache_new(const clv_cache *shared);
void clv_cache_free(clv_cache *c);
/* The parts of the histories in d (the data the model was fitted on),
 * worked out on `threads` threads.  Into an empty cache, part k is that of
 * d's row k (below). */
void clv_cache_fill(clv_cache *c, const struct model *m, const btyd_data *d, int threads);

/* As clv_predict, with the history's part from the cache when it is there. */
int clv_predict_cached(const struct model *m, clv_cache *cache, const struct clv_customer *c,
		       struct clv_result *r);
/* The same, told that the history is likely row `row` of the data the
 * shared cache was filled from: then its part is taken without a lookup
 * (checked against the history; a wrong or unknown row, SIZE_MAX, only
 * costs the lookup).  clv_cache_ask asks for that part's memory ahead. */
int clv_predict_row(const struct model *m, clv_cache *cache, size_t row, const struct clv_customer *c,
		    struct clv_result *r);
void clv_cache_ask(const clv_cache *cache, size_t row);

/* 0, or -1 when a value came out non-finite (the customer is reported).
 * Without a spend model and without the customer's own value, expected_value
 * and clv are NAN: unknown, written as empty cells. */
int clv_predict(const struct model *m, const struct clv_customer *c, struct clv_result *r);
/* The orders expected over t model units (whole opportunities for BG/BB)
 * instead of the model's horizon; NAN when not finite.  For --evaluate. */
double clv_expected_orders(const struct model *m, const struct clv_customer *c, double t);

#endif
