/*
 * spool — keep a customer table's rows while a first pass learns from them (a
 * model fit, ABC and RFM cut-points), then read them again.  The rows are held
 * in memory up to a cap (CM_SPOOL_MEMORY megabytes; unless set, 512 or an
 * eighth of the machine's memory if less; 0: none), the rest in a temporary
 * file in TMPDIR (default /tmp), created only when the memory is full and
 * unlinked at once, so it never outlives the process.
 * Memory stays bounded whatever the table's size; standard input works too.
 *
 * The rows are kept as they were read, in runs of a few thousand rows in a
 * binary form of this program's own (the bytes, then the lengths in varints, a
 * byte each for most): nothing to quote on the way out or to parse on the way
 * back, and a run read whole into a row_buffer (customer_reader_next_run: what row_workers hands
 * its threads); memory read back is freed.  spool_reopen returns the rows as a
 * customer_reader with the input's name, columns and line numbers (for messages);
 * spool_free discards a spool not reopened.
 */
#ifndef CM_SPOOL_H
#define CM_SPOOL_H

#include "customers/customer_reader.h"
#include "base/err.h"
#include "io/record.h"
#include "io/row_buffer.h"

typedef struct spool spool;

#define SPOOL_RUN 4096 /* rows per run, when they come one by one */

/* NULL with a message when CM_SPOOL_MEMORY is not a number. */
spool *spool_new(const customer_reader *in, cm_error *e);
void spool_add(spool *s, const cm_record *r);
/* The rows of b, after those added before (b is only read: no copy). */
void spool_add_run(spool *s, const row_buffer *b);
/* Every row of in into the spool, a run at a time (customer_reader_next_run), each
 * given to row(ctx, ...) first: 0 at the end, -1 with the message of the read
 * or of row, which stops it. */
typedef int (*spool_row_fn)(void *ctx, const cm_record *r, cm_error *e);
int spool_fill(spool *s, customer_reader *in, spool_row_fn row, void *ctx, cm_error *e);
/* The spooled rows (the spool now belongs to the customer_reader).  NULL with a
 * message on failure (the file could not be created or written: the disk
 * full?), the spool freed. */
customer_reader *spool_reopen(spool *s, cm_error *e);
void spool_free(spool *s);

#endif
