/*
 * contracts — cm-clv --fit sbg: customers who leave at a known time
 * (subscriptions, contracts, memberships), with the sBG model (sbg.h).
 *
 * It reads one of two tables:
 *  - a survival table: period (0, 1, 2, ... renewals) and alive (customers
 *    still there), optionally a cohort column (each cohort's run from period
 *    0; the cohorts are fitted together).  Written back as the forecast: for
 *    each cohort and period up to the horizon, the alive observed (empty
 *    beyond), the survival and retention rates of the model and the alive to
 *    expect.
 *  - a contract table, a row per customer: periods (the periods it has been a
 *    customer, the current one included) and active (1/0, yes/no, true/false,
 *    ja/nein).  Written back with p_renew (the chance it renews at the end of
 *    this period), derl (its discounted expected residual lifetime, in
 *    periods) and, when the table has a margin per period (period_margin,
 *    margin, fee), clv = that margin x derl; 0 for a customer who left.  A
 *    period_unit column (month, year, week) gives the period's length.
 * Both are held (a spool) between the fit and the writing.
 */
#ifndef CM_CONTRACTS_H
#define CM_CONTRACTS_H

#include "base/err.h"
#include "customers/customer_reader.h"
#include "io/table_writer.h"

struct contracts_opts {
	int unit, unit_given; /* the period (enum model_unit; --unit), for the discount: a contract
			       * table's period_unit column (cm-import --contracts) names it too */
	double discount;      /* annual */
	int horizon;          /* periods of the forecast; 0: the default */
	int quiet;
};

/* 0, or -1 with a message (file, line, column and value for a bad cell). */
int contracts_run(const struct contracts_opts *o, customer_reader *in, table_writer *out, cm_error *e);

#endif
