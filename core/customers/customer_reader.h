/*
 * customer_reader — a customer table read by the tools downstream of cm-import
 * (cm-clv, cm-segment, cm-report): any format table_reader reads, columns found by
 * their exact names, numbers parsed strictly (a customer table is machine
 * written: '.' decimals, no thousands marks), each customer_id once.
 *
 * The columns cm itself writes as numbers (customer_column_numeric) are
 * checked on every row, used or not, so a malformed table never passes through.
 * Every failure names the file, line, column and value and is final:
 * a malformed customer table is a bug upstream, not a row to skip.
 */
#ifndef CM_CUSTOMER_READER_H
#define CM_CUSTOMER_READER_H

#include "base/err.h"
#include "io/num.h"
#include "io/record.h"
#include "io/row_buffer.h"
#include "io/table_reader.h"

typedef struct customer_reader customer_reader;

customer_reader *customer_reader_open(const char *path, cm_error *e);
/* The column's index, or -1 when the table has none. */
long customer_reader_col(const customer_reader *c, const char *name);
/* The column's index, or -1 with "FILE: no column 'NAME' (why)". */
long customer_reader_require(const customer_reader *c, const char *name, const char *why, cm_error *e);
/* Parse the table on n threads (parallel_reader.h) when it is delimited text; the rows
 * and messages are the same.  Before the first customer_reader_next. */
void customer_reader_threads(customer_reader *c, int n);
/* 1 row, 0 end, -1 error (ragged row, repeated customer_id, read error). */
int customer_reader_next(customer_reader *c, cm_record *r, cm_error *e);
/* Rows copied into b (cleared first), up to max of them; a source that keeps
 * its rows in runs (a spool) hands over its next run whole, whatever max.
 * 1 while rows may follow, 0 at the end (b holds the last rows, if any), -1
 * an error (b holds the rows before it). */
int customer_reader_next_run(customer_reader *c, row_buffer *b, size_t max, cm_error *e);
/* The number in a cell: 1 a number, 0 empty, -1 not a number (message).
 * Inline for the plain form (num.h); every other form is a call away. */
int customer_reader_number_general(const customer_reader *c, const cm_record *r, long col, double *v, cm_error *e);
static inline int customer_reader_number(const customer_reader *c, const cm_record *r, long col, double *v, cm_error *e)
{
	if (r->len[col] == 0)
		return 0;
	if (num_parse_plain(r->f[col], r->len[col], v))
		return 1; /* the common case, exactly as strtod would read it */
	return customer_reader_number_general(c, r, col, v, e);
}
size_t customer_reader_ncols(const customer_reader *c);
const char *customer_reader_colname(const customer_reader *c, size_t i);
/* The input's name, for messages. */
const char *customer_reader_name(const customer_reader *c);

/* Rows from a source of this program's own (a spool): rows come from next(src),
 * or a run at a time from next_run(src) (as customer_reader_next_run), and were checked
 * on the way in, so no per-row checks; close(src) at customer_reader_close.  The name
 * and column names are copied. */
typedef int (*customer_reader_next_fn)(void *src, cm_record *r, cm_error *e);
typedef int (*customer_reader_run_fn)(void *src, row_buffer *b, size_t max, cm_error *e);
customer_reader *customer_reader_wrap(const char *name, size_t ncols, const char *const *names, customer_reader_next_fn next,
		    customer_reader_run_fn next_run, void (*close)(void *src), void *src);
void customer_reader_close(customer_reader *c);

#endif
