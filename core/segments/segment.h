/*
 * segment — the customer table segmented: ABC, RFM scores and named RFM
 * segments, lifecycle, and the portfolio segment with its strategy.
 *
 * Two passes over the table (spool.h): the first gathers the measures (ABC
 * needs every customer's value, RFM the distributions), the second writes each
 * row with its columns appended: abc, abc_share, r_score, f_score, m_score,
 * rfm, rfm_segment, lifecycle, segment, strategy.  Columns of those names in
 * the input are recomputed and move to the end.
 *
 * Rules (rules.h) see every input column, the computed ones above (but
 * segment and strategy), and three more: abc_rank (1 = the largest measure),
 * key_account ("yes" for the --key-accounts top customers) and clv_quintile
 * (1-5, when the table has clv).
 */
#ifndef CM_SEGMENT_H
#define CM_SEGMENT_H

#include "segments/abc.h"
#include "customers/customer_reader.h"
#include "base/err.h"
#include "segments/lifecycle.h"
#include "segments/rfm.h"
#include "io/table_writer.h"

struct segment_opts {
	const char *abc_by, *m_by;          /* columns */
	struct abc_opts abc;
	int bins;
	double cuts[3][RFM_MAXBINS];         /* explicit R, F, M cut points */
	int has_cuts[3];
	struct lifecycle_opts life;
	const char *rules_path, *rfm_rules_path;
	double key_accounts;                 /* a count, or a share with key_share */
	int key_share, verbose, quiet;
	int threads;                         /* reading (customer_reader_threads) and the second pass (row_workers.h) */
};

/* The built-in rules as JSON text: "rfm" or "portfolio". */
const char *segment_default_rules(const char *which);
/* Segment the table into out.  0, or -1 with a message. */
int segment_run(customer_reader *in, const struct segment_opts *o, table_writer *out, cm_error *e);

#endif
