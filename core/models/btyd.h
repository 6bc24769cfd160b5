/*
 * btyd — the data the "buy till you die" models are fitted on: per customer
 * x (repeat purchases), t_x (time of the last purchase) and T (time since the
 * first), in model units, each with a weight; and for the spend model the
 * repeat count and mean repeat value.
 *
 * Identical rows are merged into one with the summed weight, so a million
 * customers with a few thousand distinct (x, t_x, T) cost a few thousand
 * likelihood terms.
 */
#ifndef CM_BTYD_H
#define CM_BTYD_H

#include <stddef.h>
#include <stdint.h>

struct btyd_row {
	double x, tx, T, w;
	uint32_t itx, iT;    /* where tx and T stand in values[] */
};

typedef struct btyd_data {
	struct btyd_row *rows;
	size_t n, cap;
	double weight;       /* total weight: customers counted */
	size_t *slots;       /* index + 1 of a row, for merging */
	size_t nslots;
	double *values;      /* the distinct t_x and T values: few (days), so a model */
	size_t nvalues, capvalues; /* can take log(alpha + t) once per value, not per row */
	double *logs;        /* log(values[i]), taken once for every fit (NaN if not > 0) */
	size_t *vslots;
	size_t nvslots;
	double xmin, xmax;   /* over the rows (0 when none) */
	size_t xfractions;   /* rows whose x is not a whole number in [0, 1e7) */
	unsigned char *xseen; /* whole x: xseen[x] when a row has it (xmax + 1 of them) */
	size_t capxseen;
} btyd_data;

void btyd_init(btyd_data *d);
/* Add a customer; T == 0 rows belong too (x = 0, t_x = 0). */
void btyd_add(btyd_data *d, double x, double tx, double T, double w);
/* Add n customers (their itx and iT are not read): the same as n btyd_add
 * calls, but the table's memory for the rows a few places ahead is asked for
 * while these are added, as a large table misses the cache on every row.
 * at (if not NULL): at[k] = the row customer k went into (merged or new). */
void btyd_add_rows(btyd_data *d, const struct btyd_row *in, size_t n, uint32_t *at);
/* Customers gathered one at a time and added BTYD_QUEUE at a time: set d,
 * n = 0 and rows (NULL, or the caller's array by tag), add, and flush before
 * the data is read.  With rows, (*rows)[tag] = the row the customer went into
 * (the caller grows *rows to hold every tag given). */
#define BTYD_QUEUE 64
typedef struct btyd_queue {
	btyd_data *d;
	size_t n;
	uint32_t **rows;
	struct btyd_row row[BTYD_QUEUE];
	size_t tag[BTYD_QUEUE];
} btyd_queue;
void btyd_queue_add(btyd_queue *q, double x, double tx, double T, double w, size_t tag);
void btyd_queue_flush(btyd_queue *q);
void btyd_free(btyd_data *d);

/* A model's log-likelihood: the sum over the rows of term(ctx, row, g), which
 * adds the row's gradient (np values) to g when g is given.  The rows are
 * summed in blocks on every core, block sums added in block order, so the
 * result is the same on any number of cores. */
typedef double (*btyd_term_fn)(const void *ctx, const struct btyd_row *row, double *g);
double btyd_sum(const btyd_data *d, btyd_term_fn term, const void *ctx, double *grad, int np);

#endif
