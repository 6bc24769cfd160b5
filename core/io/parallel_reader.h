/*
 * parallel_reader — the rows of a delimited table parsed on several threads, in the
 * order of the table, as table_reader_next would give them one by one.
 *
 * Worker threads (ordered_queue.h) take turns to cut the input into chunks of about
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
 * back to the table_reader and are read on one thread, to the end.
 */
#ifndef CM_PARALLEL_READER_H
#define CM_PARALLEL_READER_H

#include "base/err.h"
#include "io/record.h"
#include "io/row_buffer.h"
#include "io/table_reader.h"

typedef struct parallel_reader parallel_reader;

/* A row's check, on a worker's thread: 0, or -1 with a message in e. */
typedef int (*parallel_reader_check_fn)(const void *ctx, const cm_record *r, cm_error *e);

/* On `threads` workers; NULL when t cannot be read so (see table_reader_by_lines)
 * or threads < 2. */
parallel_reader *parallel_reader_new(table_reader *t, int threads, parallel_reader_check_fn check, const void *ctx);
/* 1 a row (checked; valid until the next call), 0 the end, -1 an error:
 * a read error, a quote left open at the end, or the check's message. */
int parallel_reader_next(parallel_reader *p, cm_record *r, cm_error *e);
/* The rows of a chunk at once into b (cleared first): a chunk not yet begun
 * is swapped in whole (no copy: b's memory goes to the chunk), the rest of
 * one begun by parallel_reader_next copied; on one thread (see above), up to max rows.
 * 1 while rows may follow, 0 at the end (b holds the last rows, if any), -1
 * an error (b holds the rows before it). */
int parallel_reader_next_run(parallel_reader *p, row_buffer *b, size_t max, cm_error *e);
void parallel_reader_free(parallel_reader *p);

#endif
