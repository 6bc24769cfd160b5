/*
 * contract_import — a contract export (subscriptions, contracts, memberships:
 * a row per contract with its start, its end or cancellation date when it
 * has one, and a status) to the contract table cm-clv --fit sbg reads: a row
 * per customer with the periods it has been a customer and whether it still
 * is (contracts.h).
 *
 * A customer's contracts are taken together: from the first start to the
 * last end, active while any of them runs.  A period is a calendar month, a
 * year (twelve months from the start) or a week.  An active customer is in
 * its current period: periods = the whole periods from the start to the as-of
 * date, + 1.  A customer who left did so in the period its end falls in (an
 * end on a period's boundary closes that period): the periods from start to
 * end rounded up, at least 1.
 *
 * A status column says whether a contract runs (active, aktiv, laufend,
 * running, yes, ja, 1) or was ended or cancelled (cancelled, canceled,
 * gekündigt, ended, beendet, churned, inactive, inaktiv, no, nein, 0);
 * without one, a contract runs when it has no end or ends after the as-of
 * date.  A cancelled contract whose end lies after the as-of date (notice
 * given) counts as left at its end.  A running contract that ended by the
 * as-of date, or a cancelled one without an end, is a bad row.
 *
 * Dates and amounts are read as cm-import reads them; a format the first
 * values leave open (03/04/2024, 1,250) is decided by the others: the rows
 * (one per contract) are held until the end.  Every row is accounted for:
 * read = accepted + rejected + filtered (a contract that starts after the
 * as-of date).
 */
#ifndef CM_CONTRACT_IMPORT_H
#define CM_CONTRACT_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "io/table_reader.h"
#include "io/table_writer.h"

enum contract_col { CC_ID, CC_START, CC_END, CC_STATUS, CC_FEE, CONTRACT_COLS };
enum contract_unit { CONTRACT_MONTH, CONTRACT_YEAR, CONTRACT_WEEK };

struct contract_opts {
	const char *given[CONTRACT_COLS]; /* a column's name or number; NULL: recognised by name */
	struct table_reader_opts in;
	int slash, decimal;       /* enum date_slash, enum num_decimal */
	int32_t as_of;            /* DAY_NONE: the latest start or end date up to today */
	int unit;                 /* enum contract_unit */
	long skip_footer;         /* the last N rows of each file are no contracts; 0: a footer is recognised */
	int keep_id, skip_errors, verbose, quiet, strict, allow_empty;
};

struct contract_stats {
	long read, accepted, rejected, filtered;
	long unwritten;           /* rows read but not written because a bad row stopped the run */
	long title, footer;       /* lines above the header, rows at the end that are a footer */
	long customers, active;
	int32_t as_of;
};

/* A status: 1 runs (active, aktiv, yes, 1, ...), 0 ended (cancelled,
 * gekündigt, no, 0, ...), -1 neither; in any case (GEKÜNDIGT too). */
int contract_status_of(const char *s);
/* The option's name of a column (start, end, status, fee; id). */
const char *contract_col_name(int col);
/* The unit's name as cm-clv's --unit writes it (month, year, week). */
const char *contract_unit_name(int unit);
/* Read the exports, write the contract table (customer_id, start_date,
 * end_date, periods, active, period_margin with a fee column, period_unit),
 * sorted by customer_id.  0, or -1 with a message (file, line, column, value). */
int contract_import(const struct contract_opts *o, const char *const *paths, size_t npaths, table_writer *out,
		    struct contract_stats *st, cm_error *e);

#endif
