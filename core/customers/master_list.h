/*
 * master_list — the customer master list (--customers FILE): every customer the
 * business knows, bought or not.  Customers without purchases become
 * prospects (orders 0) in the customer table; the list's other columns are
 * carried through to it, after the standard columns.
 */
#ifndef CM_MASTER_LIST_H
#define CM_MASTER_LIST_H

#include "customers/customer.h"
#include "base/err.h"
#include "io/table_reader.h"

/* id_col: the id column's name or number, NULL to recognise it.  0 or -1. */
int master_list_load(customer_table *t, const char *path, const struct table_reader_opts *o,
		const char *id_col, int keep_id, cm_error *e);

#endif
