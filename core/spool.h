/*
 * spool — keep a customer table's rows in a temporary file while a first pass
 * learns from them (a model fit, ABC and RFM cut-points), then read them again.
 * Memory stays flat whatever the table's size; standard input works too.
 *
 * spool_new creates the file (in $TMPDIR or /tmp) with the table's header;
 * spool_add copies a row; spool_reopen finishes writing and returns the rows
 * as a new custin, the file already unlinked.  spool_free discards it.
 */
#ifndef CM_SPOOL_H
#define CM_SPOOL_H

#include "custin.h"
#include "err.h"
#include "record.h"

typedef struct spool spool;

spool *spool_new(custin *in, cm_error *e);
void spool_add(spool *s, const cm_record *r);
/* The spooled rows; the spool is freed.  NULL with a message on failure. */
custin *spool_reopen(spool *s, cm_error *e);
void spool_free(spool *s);

#endif
