/*
 * profit — what the customers leave after their costs, and what they could
 * still be worth: the report's key figures of the contribution levels and the
 * loss makers, the Stobachoff curve, and the portfolio of current value
 * against potential.  Each is left out when the table lacks its columns.
 *
 * The Stobachoff curve (the "whale curve") is the cumulative contribution of
 * the customers sorted by contribution, the best first, as a share of the
 * total: it climbs above 100% while customers add profit and falls back to
 * 100% as the loss makers take theirs away.  Its peak is the profit of the
 * customers who make one; the customers past it destroy the difference.
 */
#ifndef CM_PROFIT_H
#define CM_PROFIT_H

#include "report/report_data.h"
#include "report/report_table.h"

/* The levels' totals, the loss makers and what they cost, into key figures. */
void profit_figures(struct report_table *t, const struct data *d);
/* The sections: stobachoff (the curve and its key points) and portfolio. */
void profit_sections(report_doc *doc, const struct data *d);

#endif
