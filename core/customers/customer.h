/*
 * customer — the customer table: transactions aggregated per customer_id.
 *
 * Memory grows with customers and their purchase occasions (one small record
 * per distinct day, or per distinct order with CUSTOMER_BY_ORDER), never with
 * transaction lines: fifty lines on one day cost what one does.  Input may
 * come in any order; the result does not depend on it (amounts are fixed
 * point, see num.h; output is sorted by customer_id in byte order).
 *
 * An occasion is a day (or order) with at least one line of amount >= 0; a
 * day with only returns changes revenue but is not a purchase.  The columns
 * written and their meaning are those of cm(7), "The customer table".
 */
#ifndef CM_CUSTOMER_H
#define CM_CUSTOMER_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "customers/channel_mix.h"
#include "customers/cohorts.h"
#include "io/date.h"
#include "io/table_writer.h"

typedef struct customer_table customer_table;

struct customer_opts {
	int by_order;         /* occasions are distinct order ids, not days */
	int has_documents;    /* an order column was read: write documents (not by order) */
	int has_margin;       /* a margin column was read: DB I */
	int64_t margin_rate;  /* without one, DB I = revenue x this (units of 1/10,000 of 1); < 0 none */
	int has_costs;        /* db2: DB I less the order-related costs (needs DB I) */
	int64_t per_order, per_line, per_return; /* costs per occasion, line, return line (amounts) */
	int has_own_costs;    /* db3: db2 less the customer's own costs */
	int has_holdout;      /* write holdout_orders, holdout_revenue, holdout_days */
	int32_t holdout_end;  /* with has_holdout: the holdout is (as_of, holdout_end] */
	int32_t as_of;        /* DAY_NONE: the latest purchase date */
	int window;           /* days, for orders_recent / orders_previous */
	int has_mix[MIX_KINDS]; /* a channel / category column was read: how many, and the main one */
	int has_name;         /* a name column was read: customer_name, the name of the latest line */
	const char *currency; /* the amounts' currency (a code), written on each row; NULL when unknown */
};

/* A table is for one thread at a time, but for customer_add_pending: lines
 * of different shards may be added on different threads at once. */
customer_table *customer_table_new(void);
/* Keep each customer's margin per cohort period (enum cohort_unit) for
 * customer_cohorts: before the first line. */
void customer_keep_period_margin(customer_table *t, int unit);
/* Forget every customer (a read that is started again); the table must hold no master rows. */
void customer_table_clear(customer_table *t);
/* A caller's memory of the customer it added to last: lines of one customer
 * often come together, and then the id is compared, not looked up.  Zero it
 * to start; one per thread; forget it when the table is cleared. */
struct customer_cursor {
	uint32_t shard, index; /* index + 1; 0: none */
};
/* A line of this customer comes soon: where its id is looked up is fetched
 * into the cache meanwhile (a miss for every new customer of a large table),
 * unless it is the cursor's customer.  Changes nothing. */
void customer_expect(customer_table *t, const struct customer_cursor *cur, const char *id, size_t idlen);
/* One transaction line. */
struct customer_line {
	int32_t day;
	int64_t amount, margin;
	int64_t cost;          /* its order-related costs (discounts, freight: cost columns), 0 without */
	const char *order;     /* the order id (its document), or NULL */
	size_t orderlen;
	const char *mix[MIX_KINDS]; /* its channel and category (channel_mix.h), or NULL */
	size_t mixlen[MIX_KINDS];
	const char *name;      /* the customer's name on this line, or NULL */
	size_t namelen;
	int holdout;           /* after as-of */
};
/* Add a line; cur may be NULL.  NULL, or the name of the customer's sum that
 * the line would take out of the range of amounts (num.h): then nothing was
 * added.  Sums stay exact. */
const char *customer_add(customer_table *t, struct customer_cursor *cur, const char *id, size_t idlen,
			 const struct customer_line *l);
/* Lines added a batch at a time (customer_feed): the lookups of a batch's
 * customers are asked of memory together, a stage at a time, so that their
 * cache misses overlap; lines in date order each go to another customer. */
#define CUSTOMER_BATCH 64
struct customer_pending {
	uint64_t hash;               /* customer_hash of the id */
	const char *id;
	uint32_t idlen;
	int same;                    /* the same id as the line before it (nothing to fetch) */
	uint64_t mixkey[MIX_KINDS];  /* mix_key of its channel and category, 0: none (names kept by the caller) */
	struct customer_line l;
};
uint64_t customer_hash(const char *id, size_t idlen);
/* The shard of a hash, 0 to CUSTOMER_SHARDS - 1: lines of different shards
 * may be added on different threads at the same time, each shard's on one. */
#define CUSTOMER_SHARDS 64
size_t customer_shard(uint64_t hash);
/* Add n lines, in order; NULL, or what customer_add says of the first line
 * refused (the lines after it are not added). */
const char *customer_add_pending(customer_table *t, struct customer_cursor *cur, const struct customer_pending *p,
				 size_t n);
/* The names behind the mix keys of lines added with customer_add_pending. */
void customer_take_names(customer_table *t, const struct mix_names *names);
/* An occasion is a document (an order id) whatever its days, not a day
 * (--occasion order): before the first line. */
void customer_occasions_by_order(customer_table *t);
/* Lines will name a channel, a category or the customer: each customer's
 * profile of them is kept beside its record (read with it: one miss, not
 * two), in shards that have no customer yet. */
void customer_profiles_paired(customer_table *t);
/* Keep the costs of lines (their cost, and how many lines and return lines):
 * before the first line. */
void customer_keep_costs(customer_table *t);
/* A customer's own costs (visits, key-account care: DB III), added to those
 * given before; a customer not in the table yet is added.  NULL, or the sum's
 * name when it would leave the range. */
const char *customer_add_own_cost(customer_table *t, const char *id, size_t idlen, int64_t amount);
/* A customer from the master list, with its extra attributes (copied); its
 * row among the master rows (0, 1, ...) into *row.  -1 when the id came in an
 * earlier master row (its row into *row; nothing changed). */
int customer_add_master(customer_table *t, const char *id, size_t idlen, const char *const *attrs,
			const size_t *lens, size_t *row);
/* Names of the master list's extra columns (copied); call before adding master rows. */
void customer_set_master_columns(customer_table *t, size_t n, const char *const *names);
size_t customer_count(const customer_table *t);
/* Each customer with a purchase before as-of into its cohort (cohorts.h). */
void customer_cohorts(const customer_table *t, cohorts *c);
/* The as-of date: the option, else the latest purchase. */
int32_t customer_as_of(const customer_table *t, const struct customer_opts *o);
/* Customers whose every occasion is after as-of (dropped from the table). */
size_t customer_holdout_only(const customer_table *t, const struct customer_opts *o);
/* Write the table, sorted by id; with nbuckets > 1, to outs[bucket_of(id)].
 * Rows are formatted on `threads` threads; the bytes are the same on any number.
 * 0, or -1 when a customer's contribution level leaves the range of amounts
 * (message in e, naming the customer). */
int customer_write(customer_table *t, const struct customer_opts *o, table_writer **outs, size_t nbuckets,
		   int threads, cm_error *e);
void customer_table_free(customer_table *t);

/* 1 if the customer table has a column of that name of its own (revenue,
 * orders, ...): a master list's column must not take such a name. */
int customer_column_own(const char *name);
/* 1 if a column of that name in a customer table holds numbers (for JSON output). */
int customer_column_numeric(const char *name);

/* Trim blanks around an id and, unless keep, turn a spreadsheet's "17850.0"
 * into "17850".  Moves *s; returns the new length. */
size_t customer_clean_id(const char **s, size_t n, int keep);

/* 1 if a cleaned id is a number a spreadsheet wrote in scientific notation
 * (1.23457E+11, 1,23457E+11): its digits are lost, and customers that differ
 * in them would become one. */
int customer_id_lost_digits(const char *s, size_t n);
#define CUSTOMER_ID_LOST "its digits are lost, as a spreadsheet writes a long number; export the column as text"

/* The stable bucket of an id: FNV-1a 64 of its bytes, modulo n. */
size_t customer_bucket(const char *id, size_t idlen, size_t n);

#endif
