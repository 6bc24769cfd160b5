/*
 * rowpar — the rows of a customer table worked on by several threads, the
 * results written in the rows' order: the second pass of cm-segment and the
 * scoring of cm-clv, where each row's work depends only on the row and on
 * what the first pass learned.
 *
 * The rows go in runs of a few thousand through an ordered queue (ordq.h):
 * worker threads take turns to read the next run (copied, so the reader may go
 * on), work on their runs at the same time, and the calling thread flushes the
 * runs' results in the rows' order.  Each run has a lane of its own: whatever
 * one thread needs for its rows (a tabout from tabout_batch, scratch space,
 * counters), the caller's; rowpar only hands it rows.  Lanes are used by one
 * thread at a time, and a lane's results are flushed before it gets new rows.
 *
 * The first failure in row order wins, as on one thread: the runs before it
 * and the failing run's rows before it are flushed, then rowpar returns -1
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

/* Every row of in through row() on `threads` threads, with nlanes lanes
 * (2 per thread is plenty): 0 at the end of the rows, or -1 with a message. */
int rowpar_run(custin *in, int threads, void **lanes, int nlanes, rowpar_row_fn row, rowpar_flush_fn flush,
	       cm_error *e);

#endif
