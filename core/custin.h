/*
 * custin — a customer table read by the tools downstream of cm-import
 * (cm-clv, cm-segment, cm-report): any format tabin reads, columns found by
 * their exact names, numbers parsed strictly (a customer table is machine
 * written: '.' decimals, no thousands marks), each customer_id once.
 *
 * The columns cm itself writes as numbers (customer_column_numeric) are
 * checked on every row, used or not, so a malformed table never passes through.
 * Every failure names the file, line, column and value and is final:
 * a malformed customer table is a bug upstream, not a row to skip.
 */
#ifndef CM_CUSTIN_H
#define CM_CUSTIN_H

#include "err.h"
#include "num.h"
#include "record.h"
#include "rowbuf.h"
#include "tabin.h"

typedef struct custin custin;

custin *custin_open(const char *path, cm_error *e);
/* The column's index, or -1 when the table has none. */
long custin_col(const custin *c, const char *name);
/* The column's index, or -1 with "FILE: no column 'NAME' (why)". */
long custin_require(const custin *c, const char *name, const char *why, cm_error *e);
/* Parse the table on n threads (parin.h) when it is delimited text; the rows
 * and messages are the same.  Before the first custin_next. */
void custin_threads(custin *c, int n);
/* 1 row, 0 end, -1 error (ragged row, repeated customer_id, read error). */
int custin_next(custin *c, cm_record *r, cm_error *e);
/* Rows copied into b (cleared first), up to max of them; a source that keeps
 * its rows in runs (a spool) hands over its next run whole, whatever max.
 * 1 while rows may follow, 0 at the end (b holds the last rows, if any), -1
 * an error (b holds the rows before it). */
int custin_next_run(custin *c, rowbuf *b, size_t max, cm_error *e);
/* The number in a cell: 1 a number, 0 empty, -1 not a number (message).
 * Inline for the plain form (num.h); every other form is a call away. */
int custin_number_general(const custin *c, const cm_record *r, long col, double *v, cm_error *e);
static inline int custin_number(const custin *c, const cm_record *r, long col, double *v, cm_error *e)
{
	if (r->len[col] == 0)
		return 0;
	if (num_parse_plain(r->f[col], r->len[col], v))
		return 1; /* the common case, exactly as strtod would read it */
	return custin_number_general(c, r, col, v, e);
}
size_t custin_ncols(const custin *c);
const char *custin_colname(const custin *c, size_t i);
/* The input's name, for messages. */
const char *custin_name(const custin *c);

/* Rows from a source of this program's own (a spool): rows come from next(src),
 * or a run at a time from next_run(src) (as custin_next_run), and were checked
 * on the way in, so no per-row checks; close(src) at custin_close.  The name
 * and column names are copied. */
typedef int (*custin_next_fn)(void *src, cm_record *r, cm_error *e);
typedef int (*custin_run_fn)(void *src, rowbuf *b, size_t max, cm_error *e);
custin *custin_wrap(const char *name, size_t ncols, const char *const *names, custin_next_fn next,
		    custin_run_fn next_run, void (*close)(void *src), void *src);
void custin_close(custin *c);

#endif
