/*
 * row_workers — the rows of a customer table worked on by several threads, the
 * results written in the rows' order: the second pass of cm-segment and the
 * scoring of cm-clv, where each row's work depends only on the row and on
 * what the first pass learned.
 *
 * The rows go in runs of a few thousand through an ordered queue (ordered_queue.h):
 * worker threads take turns to read the next run (copied, so the reader may go
 * on), work on their runs at the same time, and the calling thread flushes the
 * runs' results in the rows' order.  Each run has a lane of its own: whatever
 * one thread needs for its rows (a table_writer from table_writer_batch, scratch space,
 * counters), the caller's; row_workers only hands it rows.  Lanes are used by one
 * thread at a time, and a lane's results are flushed before it gets new rows.
 *
 * The first failure in row order wins, as on one thread: the runs before it
 * and the failing run's rows before it are flushed, then row_workers returns -1
 * with that row's message.  A read error comes after every row before it.
 */
#ifndef CM_ROW_WORKERS_H
#define CM_ROW_WORKERS_H

#include "customers/customer_reader.h"
#include "base/err.h"
#include "io/record.h"

/* Row i (0 the first) on the lane's thread: 0, or -1 with a message in e. */
typedef int (*row_workers_row_fn)(void *lane, size_t i, const cm_record *r, cm_error *e);
/* The lane's results so far, written out on the calling thread. */
typedef void (*row_workers_flush_fn)(void *lane);

/* Every row of in through row() on `threads` threads, with nlanes lanes
 * (2 per thread is plenty): 0 at the end of the rows, or -1 with a message. */
int row_workers_run(customer_reader *in, int threads, void **lanes, int nlanes, row_workers_row_fn row, row_workers_flush_fn flush,
	       cm_error *e);

#endif
