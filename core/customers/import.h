/*
 * import — raw transaction rows in, clean transactions or a customer table out.
 *
 * For each row: check its shape and encoding, apply the filters, map and parse
 * the columns (column_roles, date, num), then either write it as a clean
 * transaction or add it to the customer table.  Every row read is accounted
 * for as accepted, rejected (bad data) or filtered (a rule said to leave it
 * out), and read == accepted + rejected + filtered always.
 *
 * A rejected row stops the run unless skip_errors is set; either way it goes
 * to the reject file with its line and reason.  Rows at the very end of a
 * file that would be rejected and look like a footer (a total, a count, a
 * page number, a line at most half filled; at most ten) are held until the
 * end: if nothing but more of them follows, they are the footer and no rows
 * (counted in footer), else they are rejected as they come.  Title lines
 * above the header are the table reader's (table_reader.h).  A date or amount whose format
 * the values seen so far leave open (03/04/2024; 1,234) holds the rows from it
 * on in memory until a later value settles the question; if none does by the
 * end (or within a bound), the run stops and asks for --date-format or
 * --decimal-comma.  It never guesses.
 */
#ifndef CM_IMPORT_H
#define CM_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "customers/column_roles.h"
#include "customers/currency.h"
#include "customers/customer.h"
#include "io/date_spread.h"
#include "base/err.h"
#include "io/table_reader.h"
#include "io/table_writer.h"

struct import_opts {
	const char *given[ROLE_N];   /* column per role, NULL to recognise */
	struct table_reader_opts in;
	int slash;                   /* enum date_slash, from --date-format */
	int decimal;                 /* enum num_decimal */
	int returns_drop, anon_skip, skip_errors, dedupe, keep_id, transactions, verbose;
	int by_order;                /* occasions are order ids: the order column is required */
	int allow_empty;             /* a file with a header and no rows is not an error */
	long skip_footer;            /* the last lines of each file are no rows (--skip-footer) */
	int strict;                  /* every warning is an error */
	int quiet;                   /* no warnings but those that --strict makes errors */
	int threads;                 /* read a plain file in this many parts at once; 0: line by line */
	int32_t as_of, holdout_end;  /* DAY_NONE when not given */
	const char **filters;        /* "COL=VALUE", keep matching rows */
	size_t nfilters;
	const char **excludes;       /* "COL=VALUE", drop matching rows; VALUE* is a prefix */
	size_t nexcludes;
	const char **costs;          /* "NAME=COLUMN": order-related costs of each line, off DB II */
	size_t ncosts;
	const currency_rates *rates; /* --rates: amounts in other currencies converted to its base; NULL */
	const char *reject_path;
	int csv_verbatim;            /* the reject file's cells as they are, formulas too */
};

struct import_stats {
	long read, accepted, rejected, filtered;
	long title, footer;          /* lines above the header and below the rows that are no rows */
	long no_id, excluded, not_included, returns, duplicates, after_as_of, holdout;
	struct currency_counts currencies; /* the accepted rows that name a currency, per currency */
};

typedef struct importer importer;

importer *import_new(const struct import_opts *o, customer_table *t, cm_error *e);
/* Clean transactions go here (one per bucket) instead of the customer table. */
void import_set_outputs(importer *im, table_writer **outs, size_t n);
/* Read one input.  0 done, -1 stopped (message in e). */
int import_file(importer *im, const char *path, cm_error *e);
/* After the last input: close the reject file (kept even when the run
 * failed: it says why).  0 or -1. */
int import_finish(importer *im, cm_error *e);
const struct import_stats *import_stats(const importer *im);
/* The latest date of the rows accepted so far, or DAY_NONE. */
int32_t import_latest(const importer *im);
/* The rows accepted so far whose dates lie apart from the rest (date_spread.h). */
void import_dates_apart(const importer *im, struct date_apart *early, struct date_apart *late);
/* The customer table keeps what DB II needs (customer_keep_costs) when costs
 * are to be taken off: call before the first file. */
void import_keep_costs(importer *im);
/* Which transaction columns were mapped (for the customer table's margin). */
int import_has_role(const importer *im, int role);
void import_free(importer *im);

#endif
