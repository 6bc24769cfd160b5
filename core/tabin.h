/*
 * tabin — a table from any supported input: the format is sniffed, then rows
 * come out as records of UTF-8 text under a header.
 *
 * Formats: delimited text (',' ';' TAB '|' sniffed from the first lines, or
 * aligned columns split on blanks), JSON Lines, a top-level JSON array; gzip
 * underneath any of them (fileio); a UTF-8 byte-order mark is dropped; legacy
 * encodings are converted to UTF-8.  Input that is plainly not a table (binary,
 * a ZIP or Excel file, an HTML page, UTF-16) is refused at open with a reason.
 *
 * The header is the first row (or the first object's keys); with no_header the
 * columns are named "1", "2", ...  Delimited text is read with csvio's guard
 * against a stray quote (csvio.h), set to the header's width and the options'
 * bounds.  tabin_next returns TABIN_ROW, TABIN_EOF,
 * TABIN_BADROW (one row could not be read: message in e, line in rec->line;
 * reading may go on) or TABIN_ERROR (reading cannot go on).
 */
#ifndef CM_TABIN_H
#define CM_TABIN_H

#include <stddef.h>

#include "err.h"
#include "record.h"

struct csvio_reader;

enum tabin_format { TAB_AUTO, TAB_CSV, TAB_JSONL, TAB_JSON };
enum { TABIN_EOF = 0, TABIN_ROW = 1, TABIN_BADROW = 2, TABIN_ERROR = -1 };

struct tabin_opts {
	int format;     /* enum tabin_format */
	int delim;      /* 0: sniff; ',' ';' '\t' '|' or CSVIO_WHITESPACE */
	int no_header;
	int encoding;   /* enum encoding */
	size_t max_line;      /* the longest line, in bytes; 0: LINEIN_MAX_DEFAULT */
	long max_field_lines; /* the most lines a quoted field may span; 0: TABIN_FIELD_LINES */
};

#define TABIN_FIELD_LINES 20

typedef struct tabin tabin;

tabin *tabin_open(const char *path, const struct tabin_opts *o, cm_error *e);
int tabin_next(tabin *t, cm_record *rec, cm_error *e);
/* For reading the rest in parts (the fast path of import): where the data rows
 * start in the file, right after the header, when the input is delimited text
 * in a named, uncompressed regular file and nothing after the header was read
 * yet; else -1.  tabin_fd is that file's descriptor (for pread; owned by the tabin). */
long long tabin_data_offset(const tabin *t);
/* For parsing on several threads (parin.h): 1 if the input is delimited text
 * (not aligned columns) of which nothing after the header was read yet. */
int tabin_by_lines(const tabin *t);
/* Then: the next physical line, as UTF-8, and its number; 1, 0 at the end, -1
 * a read error.  Lines given back with tabin_unread_line, in order, are what
 * tabin_next parses next, as if they had never been taken. */
int tabin_line(tabin *t, const char **line, size_t *n, long *lineno, cm_error *e);
void tabin_unread_line(tabin *t, const char *line, size_t n, long lineno);
int tabin_fd(const tabin *t);
/* Give a reader of this table's lines the guard tabin's own reader has. */
void tabin_guard(const tabin *t, struct csvio_reader *r);
int tabin_encoding(const tabin *t);
size_t tabin_ncols(const tabin *t);
const char *tabin_colname(const tabin *t, size_t i);
/* All column names, owned by the tabin. */
const char *const *tabin_colnames(const tabin *t);
const char *tabin_name(const tabin *t);
/* What was sniffed, for -v: e.g. "csv, delimiter ';'" or "json lines". */
const char *tabin_describe(const tabin *t);
int tabin_delim(const tabin *t);
long tabin_extra_keys(const tabin *t);
void tabin_close(tabin *t);

#endif
