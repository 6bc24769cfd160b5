/*
 * cohorts — customers grouped by the period of their first purchase (a
 * month, quarter or year), and what each cohort did in each period since:
 * how many of its customers bought (each once, however often), and its net
 * revenue there (returns subtract).  Fed one customer at a time (its first
 * purchase, then its occasions) by customer_cohorts; memory grows with the
 * cohort-period cells, never with customers or rows.
 *
 * Written as a table, a row per cohort and period from 0 (the first
 * purchase's period) to the as-of date's, empty periods included, so every
 * cohort's run is complete: cohort (2024-03, 2024-Q1 or 2024), period,
 * cohort_customers, customers, retention (customers / cohort_customers),
 * revenue, and with margins the contribution (DB I: the margin column, or
 * revenue x a rate).  The last period ends at the as-of date and may be partial.  A
 * return before a customer's first purchase counts in its first period; a
 * customer who never bought belongs to no cohort.
 */
#ifndef CM_COHORTS_H
#define CM_COHORTS_H

#include <stdint.h>

#include "base/err.h"
#include "io/table_writer.h"

enum cohort_unit { COHORT_MONTH, COHORT_QUARTER, COHORT_YEAR };

typedef struct cohorts cohorts;

cohorts *cohorts_new(int unit);
/* The calendar period of a day: months, quarters or years since year 0. */
int32_t cohorts_period_of(int unit, int32_t day);
/* A customer whose first purchase (before as-of) was on day first. */
void cohorts_begin(cohorts *c, int32_t first);
/* One of its occasions before as-of: the day, its net value, whether it was a purchase. */
void cohorts_occasion(cohorts *c, int32_t day, int64_t value, int purchase);
/* Its margin (DB I) in a period (cohorts_period_of), before as-of. */
void cohorts_margin(cohorts *c, int32_t period, int64_t margin);
void cohorts_end(cohorts *c);
/* The table up to the period of as_of; the contribution column with
 * has_margin (the margins given), or margin_rate >= 0 (revenue x that rate,
 * units of 1/10,000 of 1).  0, or -1 when a sum leaves the range of amounts. */
int cohorts_write(const cohorts *c, int32_t as_of, int has_margin, int64_t margin_rate, table_writer *out,
		  cm_error *e);
void cohorts_free(cohorts *c);

#endif
