/*
 * parin — the rows of a delimited table parsed on several threads, in the
 * order of the table, as tabin_next would give them one by one.
 *
 * Worker threads (ordq.h) take turns to cut the input into chunks of about
 * 1 MB of whole lines, each ending where its quotes are all closed; each
 * parses its chunk with a reader of its own and runs the caller's check on
 * every row, and the rows come out on the calling thread in order, each with
 * the line it starts on.  The first failure in the table's order wins, with
 * the message one thread would give (a read error comes after the rows read
 * before it).
 *
 * A cut can still fall inside a record when a stray quote (one inside an
 * unquoted field, which the parser keeps as text) misled the count: the
 * chunk's reader then ends with a field open.  From that chunk on the lines go
 * back to the tabin and are read on one thread, to the end.
 */
#ifndef CM_PARIN_H
#define CM_PARIN_H

#include "err.h"
#include "record.h"
#include "rowbuf.h"
#include "tabin.h"

typedef struct parin parin;

/* A row's check, on a worker's thread: 0, or -1 with a message in e. */
typedef int (*parin_check_fn)(const void *ctx, const cm_record *r, cm_error *e);

/* On `threads` workers; NULL when t cannot be read so (see tabin_by_lines)
 * or threads < 2. */
parin *parin_new(tabin *t, int threads, parin_check_fn check, const void *ctx);
/* 1 a row (checked; valid until the next call), 0 the end, -1 an error:
 * a read error, a quote left open at the end, or the check's message. */
int parin_next(parin *p, cm_record *r, cm_error *e);
/* The rows of a chunk at once into b (cleared first): a chunk not yet begun
 * is swapped in whole (no copy: b's memory goes to the chunk), the rest of
 * one begun by parin_next copied; on one thread (see above), up to max rows.
 * 1 while rows may follow, 0 at the end (b holds the last rows, if any), -1
 * an error (b holds the rows before it). */
int parin_next_run(parin *p, rowbuf *b, size_t max, cm_error *e);
void parin_free(parin *p);

#endif
