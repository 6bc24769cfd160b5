/*
 * action_list — the customers who need a person this week: A customers at
 * risk or lost (key accounts slipping away), and the customers the rules put
 * in a segment for a personal call (key_account_rescue, win_back), with what
 * the caller needs: name, last purchase, revenue, the last contribution level,
 * CLV, p_alive and the strategy; the most revenue at stake first.  In the text
 * form the columns that do not fit 80 characters (p_alive, CLV, contribution,
 * from the right) are left out.
 */
#ifndef CM_ACTION_LIST_H
#define CM_ACTION_LIST_H

#include <stddef.h>

#include "report/report_data.h"
#include "report/report_table.h"

void action_list(report_doc *doc, const struct data *d, size_t top);

#endif
