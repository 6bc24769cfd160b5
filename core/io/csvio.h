/*
 * csvio — delimited text in and out; the only module that includes csv.h.
 *
 * Reading is push-style: feed physical lines (from line_reader), then pop the
 * records they completed.  A record may span lines (a quoted newline); its
 * line number is the line it starts on.  Fields are copied out of libcsv's
 * buffers, so they stay valid until the next csvio_feed.  Blank lines are
 * skipped, as libcsv does.  CSVIO_WHITESPACE splits on runs of blanks (aligned
 * columns), without quoting.
 *
 * Lines without a quote are split here, the way libcsv would split them;
 * libcsv parses every other line (see csvio.c).  CM_LIBCSV_ONLY=1 in the
 * environment sends every line to libcsv.
 *
 * Writing quotes a field only when it must (delimiter, quote, CR or LF inside,
 * or leading/trailing space), RFC 4180 style.
 */
#ifndef CM_CSVIO_H
#define CM_CSVIO_H

#include <stddef.h>

#include "base/err.h"
#include "io/fileio.h"
#include "io/record.h"

#define CSVIO_WHITESPACE 'w'

typedef struct csvio_reader csvio_reader;

csvio_reader *csvio_reader_new(int delim);
/* Feed one line (with its '\n'); lineno is its number.  Never fails. */
void csvio_feed(csvio_reader *r, const char *line, size_t n, long lineno);
/* At end of input: 0, or -1 for a quote left open (message names the line). */
int csvio_finish(csvio_reader *r, cm_error *e);
/* Pop the next completed record: 1, or 0 when none is waiting; -1 a record
 * the guard refused (below): rec holds its first line as its one field, and
 * csvio_why the reason, until the next call. */
int csvio_next(csvio_reader *r, cm_record *rec);
const char *csvio_why(const csvio_reader *r);

/*
 * The guard against a stray quote.  A quoted field may hold line ends (an
 * address, a note), but a quote opened by mistake swallows the lines after it
 * into one field.  With the guard, a record that runs over a line end is
 * refused when it spans more than max_lines lines or max_bytes bytes, when a
 * line inside it would on its own be a whole record of `fields` fields (as
 * many delimiters outside quotes as the header, less one, and its quotes
 * closed), or when its quote is never closed.  The refused record is handed
 * out as a bad record (csvio_next) on the line where it began, and the lines
 * after that one are read again as records of their own, so no row is lost.
 * In push mode a record over a line end, or a line longer than max_bytes,
 * stops the reader (csvio_spanned): such a file is for the line reader.  Not
 * for CSVIO_WHITESPACE.
 */
void csvio_guard(csvio_reader *r, size_t fields, long max_lines, size_t max_bytes);
int csvio_spanned(const csvio_reader *r);
/* Push mode, the fast path for a byte range of a file: bytes are fed in large
 * blocks and each record is handed to fn as it is completed, without line
 * numbers; its fields are valid during the call.  fn returns nonzero to stop:
 * nothing more is parsed.  Not for CSVIO_WHITESPACE. */
typedef int (*csvio_push_fn)(void *ctx, const cm_record *r);
csvio_reader *csvio_pusher_new(int delim, csvio_push_fn fn, void *ctx);
/* Every line pushed must be valid UTF-8 (checked from its first byte >= 0x80
 * on: ASCII lines cost nothing); a line that is not stops the reader. */
void csvio_push_utf8(csvio_reader *r);
/* Parse n more bytes; returns 1 once fn said stop, -1 at a line that is not
 * valid UTF-8 (with csvio_push_utf8), else 0. */
int csvio_push(csvio_reader *r, const char *s, size_t n);
/* After the last byte of the range: 0 if it ended at a record boundary, -1 if
 * not (the range was cut inside a record, e.g. in a quoted field with a
 * newline), -2 if its last line is not valid UTF-8.  With last (the end of the
 * input) a final line without its '\n' is a record and only a quote left open
 * is -1. */
int csvio_push_end(csvio_reader *r, int last);

/* 1 if no record is waiting or half read: the next byte fed starts a record. */
int csvio_idle(const csvio_reader *r);
void csvio_reader_free(csvio_reader *r);

void csvio_write_field(fileio_out *out, const char *s, size_t n, int delim);
/* Would a spreadsheet take this cell for a formula?  It starts with = + - @,
 * a TAB or a CR (the OWASP list) and is not a plain number such as -12.50.
 * Files written for people (cm-report -f csv, reject files) put a ' before
 * such a cell, which the spreadsheet shows as text and does not run. */
int csvio_formula(const char *s, size_t n);
/* Append one field, quoted as needed, to a growing string (for reject files). */
size_t csvio_format_field(char **buf, size_t *cap, size_t len, const char *s, size_t n, int delim);
/* Fields f[0..n) formatted so, a delimiter between each: the same bytes, put
 * down at once when the fields lie one after another in memory (a row read
 * back) and none needs quotes. */
size_t csvio_format_fields(char **buf, size_t *cap, size_t len, const char *const *f, const size_t *flen, size_t n,
			   int delim);

#endif
