/*
 * channel_report — the sections of a customer table with channels and
 * categories (cm-import --channel / --category): multi-channel against
 * single-channel customers (how many, revenue and contribution per customer,
 * retention rate), the customers by their main channel, and
 * cross-buying (customers by the number of categories they bought in).
 */
#ifndef CM_CHANNEL_REPORT_H
#define CM_CHANNEL_REPORT_H

#include "report/report_data.h"
#include "report/report_table.h"

/* The key figures: the multi-channel share and the cross-buying rate. */
void channel_figures(struct report_table *t, const struct data *d);
void channel_sections(report_doc *doc, const struct data *d);

#endif
