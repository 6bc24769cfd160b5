/*
 * master_list — the customer master list (--customers FILE): every customer the
 * business knows, bought or not.  Customers without purchases become
 * prospects (orders 0) in the customer table; the list's other columns are
 * carried through to it, after the standard columns.  A list of the
 * customers' own costs is read here too.
 */
#ifndef CM_MASTER_LIST_H
#define CM_MASTER_LIST_H

#include "customers/customer.h"
#include "base/err.h"
#include "io/table_reader.h"

/* id_col: the id column's name or number, NULL to recognise it.  0 or -1. */
int master_list_load(customer_table *t, const char *path, const struct table_reader_opts *o,
		const char *id_col, int keep_id, cm_error *e);

/* A list of customers' own costs (--customer-costs FILE: visits, key-account
 * care, service calls), one or more rows a customer: its id, an optional
 * category, an amount (cost, Kosten, Betrag, amount).  The amounts are summed
 * per customer into DB III (customer_add_own_cost).  *n: the rows read.
 * 0 or -1 (a bad amount names the file, line and value). */
int master_list_load_costs(customer_table *t, const char *path, const struct table_reader_opts *o,
			   int keep_id, long *n, cm_error *e);

#endif
