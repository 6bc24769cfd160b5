/*
 * rowpar — the rows of a customer table worked on by several threads, the
 * results written in the rows' order: the second pass of cm-segment and the
 * scoring of cm-clv, where each row's work depends only on the row and on
 * what the first pass learned.
 *
 * It goes in rounds: the calling thread reads a run of rows for each lane
 * (copied, so the reader may go on), the lanes work on their runs at the same
 * time (splitrun_each), then each lane's results are flushed, lane by lane.
 * A lane is the caller's: whatever one thread needs for its rows (a tabout
 * from tabout_batch, scratch space, counters); rowpar only hands it rows.
 *
 * The first failure in row order wins, as on one thread: the lanes before it
 * and the failing lane's rows before it are flushed, then rowpar returns -1
 * with that row's message.  A read error comes after every row before it.
 */
#ifndef CM_ROWPAR_H
#define CM_ROWPAR_H

#include "custin.h"
#include "err.h"
#include "record.h"

/* Row i (0 the first) on the lane's thread: 0, or -1 with a message in e. */
typedef int (*rowpar_row_fn)(void *lane, size_t i, const cm_record *r, cm_error *e);
/* The lane's results so far, written out on the calling thread. */
typedef void (*rowpar_flush_fn)(void *lane);

/* Every row of in through row() on nlanes lanes (lanes[k] for lane k), in
 * rounds.  0 at the end of the rows, or -1 with a message. */
int rowpar_run(custin *in, void **lanes, int nlanes, rowpar_row_fn row, rowpar_flush_fn flush, cm_error *e);

#endif
