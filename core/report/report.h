/*
 * report — the customer cockpit as data (report_table.h): key figures, ABC and the
 * concentration curve, lifecycle, RFM segments and the R x F grid, CLV deciles,
 * top customers and the action lists, segments and strategies, groups, the
 * model, and with a baseline table the migrations since then.
 *
 * A section whose columns the table lacks is left out, and report_doc->skipped says
 * why.  Memory grows with the customers (a small record each); the table is
 * read once.
 */
#ifndef CM_REPORT_H
#define CM_REPORT_H

#include <stddef.h>

#include "customers/customer_reader.h"
#include "base/err.h"
#include "report/report_table.h"

#define REPORT_GROUPS 4            /* --group-by columns at most */

struct report_opts {
	size_t top;               /* length of the lists */
	const char *group_by[REPORT_GROUPS]; /* columns for the groups sections */
	size_t ngroups;
	const char *baseline;     /* an earlier customer table, or NULL */
	const char *model_path;   /* a cm-clv model file, or NULL */
	const char *cohorts;      /* a cohort table (cm-import --cohorts), or NULL */
	int threads;              /* for the sorts once the table is read (0 counts as 1) */
};

int report_build(customer_reader *in, const struct report_opts *o, report_doc *doc, cm_error *e);

/* One report per value of a column (--split-by sales_rep): each of its
 * customers alone, the key figures of all customers beside theirs. */
struct report_part {
	char *value;
	report_doc doc;
};
int report_build_split(customer_reader *in, const struct report_opts *o, const char *column, struct report_part **parts,
		       size_t *nparts, cm_error *e);

#endif
