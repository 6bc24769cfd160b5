/*
 * spool — keep a customer table's rows in a temporary file while a first pass
 * learns from them (a model fit, ABC and RFM cut-points), then read them again.
 * Memory stays flat whatever the table's size; standard input works too.
 *
 * The file holds the records as they were read, in runs of a few thousand
 * rows in a binary form of this program's own (the bytes, then the lengths):
 * nothing to quote on the way out or to parse on the way back, and a run read
 * whole into a rowbuf (custin_next_run: what rowpar hands its threads).  It is unlinked as soon as it is created, so it
 * never outlives the process.  spool_reopen returns the rows as a custin with
 * the input's name, columns and line numbers (for messages); spool_free
 * discards a spool not reopened.
 */
#ifndef CM_SPOOL_H
#define CM_SPOOL_H

#include "custin.h"
#include "err.h"
#include "record.h"

typedef struct spool spool;

spool *spool_new(const custin *in, cm_error *e);
void spool_add(spool *s, const cm_record *r);
/* The spooled rows (the spool now belongs to the custin).  NULL with a
 * message on failure (a write error: the disk full?), the spool freed. */
custin *spool_reopen(spool *s, cm_error *e);
void spool_free(spool *s);

#endif
