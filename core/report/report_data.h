/*
 * report_data — the customer table as the report keeps it: a small record
 * per customer (its id, exact revenue and contribution levels, the figures
 * the sections count and sum, its classes), read once (report_data_read).
 * The sections of report.c and profit.c are built from it.  Memory grows with
 * the customers.  Sums of money are taken exactly in units of 1/10,000 and
 * shown to the cent (report_money): a table whose sums could not be is
 * refused when read.
 */
#ifndef CM_REPORT_DATA_H
#define CM_REPORT_DATA_H

#include <stdint.h>

#include "base/text_store.h"
#include "customers/customer_reader.h"
#include "report/report.h"
#include "report/report_table.h"

#define REPORT_LEVELS 3                /* margin (DB I), db2, db3 */

struct cust {
	const char *id;                 /* in the data's store */
	const char *name;               /* customer_name, in the store; NULL without */
	int32_t last;                   /* last purchase (DAY_NONE: none or no column) */
	double p_alive;                 /* NAN without */
	int64_t rev;                    /* revenue, exact: units of 1/10,000 (num.h); sums are taken of these */
	int64_t lev[REPORT_LEVELS];     /* the contribution levels there are, exact */
	double revenue, clv, orders, repeat, recent;
	double documents;               /* order documents (0 without the column) */
	double previous;                /* orders in the window before the last */
	double measure;                 /* the ABC measure (abc_by), revenue when none is named */
	signed char life, abc, r, f;   /* -1 / 0 when absent */
	signed char loss;               /* a loss maker: 1, 0 not, -1 unknown */
	signed char cell;               /* portfolio cell: ABC class x potential, 0..8; -1 none */
	short rfmseg, seg, main_channel; /* indexes into pools, -1 when absent */
	int channels, categories;       /* bought in (0 without the columns) */
	short group[REPORT_GROUPS];
};

struct pool {                          /* the distinct values of a text column */
	char **v;
	size_t n, cap;
};

struct cols {
	long id, revenue, clv, orders, documents, repeat, recent, previous, life, abc, rfmseg, r, f, seg, strat, last, idle;
	long level[REPORT_LEVELS], abc_by, loss, cell, pot, currency, channels, main_channel, categories, name, p_alive;
	long first;      /* first_date */
	long measure;    /* the column abc_by names (read from the first row), -2 not yet */
	long group[REPORT_GROUPS];
};

struct data {
	struct cust *c;
	size_t n, cap;
	struct cols col;
	struct pool rfmseg, seg, strat, channel, group[REPORT_GROUPS];
	text_store *ids;                /* the customers' ids */
	double *by_revenue, *by_clv;    /* revenue (returns as 0) and the known CLVs, falling */
	size_t nclv;
	double bought, clv_total;       /* their sums, taken in the table's order */
	size_t ngroups;
	int nlevels;                    /* levels there are: margin, db2, db3 in turn */
	char *abc_by;                   /* the measure the ABC classes were formed by */
	char currency[4];               /* the amounts' currency (a code), "" when the table names none */
	int32_t as_of;
	char since[11];                 /* the earliest first purchase (YYYY-MM-DD), "" when unknown */
};

/* What a group of customers adds up to: how many, revenue and the levels
 * exact, CLV.  Zero it, add each customer, then write its cells. */
struct sums {
	double n, clv;
	int64_t rev, lev[REPORT_LEVELS];
};
void report_sums_add(struct sums *s, const struct cust *c);
/* A table's columns for groups: first (the group's name), customers, revenue,
 * the levels there are, then share of revenue (with share) and CLV (when
 * the table has it).  *n: how many. */
void report_group_cols(const struct data *d, const char *first, int share, const char **cols, size_t *n);
/* A row's cells after its name, in those columns. */
void report_group_cells(const struct data *d, struct report_table *t, const struct sums *s, int share, double total);

/* A pool index for a value beyond the first MAX_GROUPS names (500) of a column:
 * counted in a row of its own ("more_values"), never lost. */
#define REPORT_BEYOND (-2)

/* "the first TOP of M" under a list that was cut (nothing when it was not). */
void report_cut_note(struct report_table *t, size_t top, size_t m);
/* The table's revenue, exact, shown to the cent. */
double report_total_revenue(const struct data *d);
/* A section of the customers by a text column's value (an index into pool p
 * at offset in struct cust, -1: none): customers, revenue, levels, share, CLV.
 * verbatim: the values are the data's (a region, a channel), shown as they are;
 * else identifiers the report translates (segments). */
void report_by_pool(report_doc *doc, const struct data *d, const char *id, const char *first, const struct pool *p,
		    size_t offset, int verbatim);

/* Read the table.  0, or -1 with a message (a malformed cell, sums beyond what can be shown). */
int report_data_read(customer_reader *in, const struct report_opts *o, struct data *d, cm_error *e);
void report_data_free(struct data *d);
/* Units of 1/10,000 as money: exact to the cent for every sum of the table. */
double report_money(int64_t units);
/* The name of level k: "margin", "db2", "db3". */
const char *report_level_name(int k);
/* Index of s among a pool's values, -1 if none. */
short report_pool_find(const struct pool *p, const char *s);
/* The lifecycle state named s, or -1. */
int report_life_index(const char *s);

#endif
