/*
 * table_writer — a table out, as CSV (RFC 4180, comma, LF), TSV or JSON Lines.
 *
 * Declare the header once, then give cells row by row; each row is built in
 * memory and written at once.  A column declared numeric is written verbatim
 * in every format (the caller guarantees a number: [-]digits[.digits][e..],
 * nothing to quote, a JSON number); in JSON Lines an empty cell of any column
 * is null.  The table_writer does not own the fileio_out.  Rows may also be built
 * on several threads at once, each in a batch of its own (below).
 */
#ifndef CM_TABLE_WRITER_H
#define CM_TABLE_WRITER_H

#include <stddef.h>

#include "io/fileio.h"
#include "io/record.h"

enum table_writer_format { OUT_CSV, OUT_TSV, OUT_JSONL };

typedef struct table_writer table_writer;

/* "csv", "tsv", "jsonl"; -1 if unknown. */
int table_writer_format_parse(const char *name);
table_writer *table_writer_new(fileio_out *out, int format);
/* Add a column; numeric columns become JSON numbers. */
void table_writer_column(table_writer *t, const char *name, int numeric);
/* A table for people to open in a spreadsheet (a reject file): a text cell
 * that would be taken for a formula (csvio_formula) gets a ' before it.
 * Tables between the tools stay verbatim. */
void table_writer_guard_formulas(table_writer *t);
void table_writer_header(table_writer *t);
void table_writer_cell(table_writer *t, const char *s, size_t n);
void table_writer_cstr(table_writer *t, const char *s);
/* A cell formatted in place, for text with nothing to quote or escape in any
 * format (digits, '-', '.'): table_writer_plain returns room for max bytes in the
 * row, table_writer_plain_end(t, n) says that n were written there (0: an empty
 * cell).  Numbers and dates go out without a copy or a scan. */
char *table_writer_plain(table_writer *t, size_t max);
void table_writer_plain_end(table_writer *t, size_t n);
/* A number with exactly `decimals` decimals (num_format_fixed); an empty cell
 * when it is not finite, never "nan". */
void table_writer_fixed(table_writer *t, double v, int decimals);
/* Text that needs nothing quoted or escaped in any format: valid UTF-8, no
 * byte below 0x20, no quote, backslash or comma, no blank at either end (a
 * segment's name, say).  Empty text is plain. */
int table_writer_is_plain(const char *s, size_t n);
/* A cell of plain text (the caller has checked it once), as table_writer_cell
 * would write it, without its scan. */
void table_writer_text(table_writer *t, const char *s, size_t n);
/* The fields of r but those with skip[j] set, as table_writer_cell would write them
 * one by one; a run of fields that lie one after another in memory (a row
 * read back) and need no quotes goes at once. */
void table_writer_fields(table_writer *t, const cm_record *r, const long *skip);
void table_writer_end_row(table_writer *t);
void table_writer_free(table_writer *t);

/* For rows built on another thread: a table_writer with t's columns (declared and
 * headed already) that keeps its rows until table_writer_flush writes them to t's
 * output.  Free it before t. */
table_writer *table_writer_batch(const table_writer *t);
/* The rows kept so far, written (by one thread at a time). */
void table_writer_flush(table_writer *t);

#endif
