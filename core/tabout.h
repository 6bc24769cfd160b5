/*
 * tabout — a table out, as CSV (RFC 4180, comma, LF), TSV or JSON Lines.
 *
 * Declare the header once, then give cells row by row; each row is built in
 * memory and written at once.  A column declared numeric is written verbatim
 * in every format (the caller guarantees a number: [-]digits[.digits][e..],
 * nothing to quote, a JSON number); in JSON Lines an empty cell of any column
 * is null.  The tabout does not own the fileio_out.  Rows may also be built
 * on several threads at once, each in a batch of its own (below).
 */
#ifndef CM_TABOUT_H
#define CM_TABOUT_H

#include <stddef.h>

#include "fileio.h"
#include "record.h"

enum tabout_format { TABOUT_CSV, TABOUT_TSV, TABOUT_JSONL };

typedef struct tabout tabout;

/* "csv", "tsv", "jsonl"; -1 if unknown. */
int tabout_format_parse(const char *name);
tabout *tabout_new(fileio_out *out, int format);
/* Add a column; numeric columns become JSON numbers. */
void tabout_column(tabout *t, const char *name, int numeric);
/* A table for people to open in a spreadsheet (a reject file): a text cell
 * that would be taken for a formula (csvio_formula) gets a ' before it.
 * Tables between the tools stay verbatim. */
void tabout_guard_formulas(tabout *t);
void tabout_header(tabout *t);
void tabout_cell(tabout *t, const char *s, size_t n);
void tabout_cstr(tabout *t, const char *s);
/* A cell formatted in place, for text with nothing to quote or escape in any
 * format (digits, '-', '.'): tabout_plain returns room for max bytes in the
 * row, tabout_plain_end(t, n) says that n were written there (0: an empty
 * cell).  Numbers and dates go out without a copy or a scan. */
char *tabout_plain(tabout *t, size_t max);
void tabout_plain_end(tabout *t, size_t n);
/* Text that needs nothing quoted or escaped in any format: valid UTF-8, no
 * byte below 0x20, no quote, backslash or comma, no blank at either end (a
 * segment's name, say).  Empty text is plain. */
int tabout_is_plain(const char *s, size_t n);
/* A cell of plain text (the caller has checked it once), as tabout_cell
 * would write it, without its scan. */
void tabout_text(tabout *t, const char *s, size_t n);
/* The fields of r but those with skip[j] set, as tabout_cell would write them
 * one by one; a run of fields that lie one after another in memory (a row
 * read back) and need no quotes goes at once. */
void tabout_fields(tabout *t, const cm_record *r, const long *skip);
void tabout_end_row(tabout *t);
void tabout_free(tabout *t);

/* For rows built on another thread: a tabout with t's columns (declared and
 * headed already) that keeps its rows until tabout_flush writes them to t's
 * output.  Free it before t. */
tabout *tabout_batch(const tabout *t);
/* The rows kept so far, written (by one thread at a time). */
void tabout_flush(tabout *t);

#endif
