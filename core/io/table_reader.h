/*
 * table_reader — a table from any supported input: the format is sniffed, then rows
 * come out as records of UTF-8 text under a header.
 *
 * Formats: delimited text (',' ';' TAB '|' sniffed from the first lines, or
 * aligned columns split on blanks), JSON Lines, a top-level JSON array; gzip
 * underneath any of them (fileio); a UTF-8 byte-order mark is dropped; legacy
 * encodings are converted to UTF-8.  Input that is plainly not a table (binary,
 * a ZIP or Excel file, an HTML page, UTF-16) is refused at open with a reason.
 *
 * The header is the first row (or the first object's keys); with no_header the
 * columns are named "1", "2", ...  With find_title, lines above the header
 * that are not part of the table (a report's title and date, empty lines) are
 * skipped: the header is the first line as wide as most sampled lines, with
 * two fields or more and half of them filled.  The encoding ENC_AUTO reads
 * UTF-8, or Windows-1252 when the text is not valid UTF-8 but is that (a
 * file of ASCII alone is decided by its first other byte, which is lossless:
 * the lines before read the same either way).  Delimited text is read with csvio's guard
 * against a stray quote (csvio.h), set to the header's width and the options'
 * bounds.  table_reader_next returns TABLE_ROW, TABLE_EOF,
 * TABLE_BADROW (one row could not be read: message in e, line in rec->line;
 * reading may go on) or TABLE_ERROR (reading cannot go on).
 */
#ifndef CM_TABLE_READER_H
#define CM_TABLE_READER_H

#include <stddef.h>

#include "base/err.h"
#include "io/record.h"

struct csvio_reader;

enum table_reader_format { IN_AUTO, IN_CSV, IN_JSONL, IN_JSON };
enum { TABLE_EOF = 0, TABLE_ROW = 1, TABLE_BADROW = 2, TABLE_ERROR = -1 };

struct table_reader_opts {
	int format;     /* enum table_reader_format */
	int delim;      /* 0: sniff; ',' ';' '\t' '|' or CSVIO_WHITESPACE */
	int no_header;
	int encoding;   /* enum encoding */
	long skip_lines;      /* lines above the header to skip */
	int find_title;       /* with skip_lines 0: skip the title lines found above the header */
	size_t max_line;      /* the longest line, in bytes; 0: LINE_READER_MAX_DEFAULT */
	long max_field_lines; /* the most lines a quoted field may span; 0: TABLE_FIELD_LINES */
};

#define TABLE_FIELD_LINES 20

typedef struct table_reader table_reader;

table_reader *table_reader_open(const char *path, const struct table_reader_opts *o, cm_error *e);
int table_reader_next(table_reader *t, cm_record *rec, cm_error *e);
/* For reading the rest in parts (the fast path of import): where the data rows
 * start in the file, right after the header, when the input is delimited text
 * in a named, uncompressed regular file and nothing after the header was read
 * yet; else -1.  table_reader_fd is that file's descriptor (for pread; owned by the table_reader). */
long long table_reader_data_offset(const table_reader *t);
/* For parsing on several threads (parallel_reader.h): 1 if the input is delimited text
 * (not aligned columns) of which nothing after the header was read yet. */
int table_reader_by_lines(const table_reader *t);
/* Then: the next physical line, as UTF-8, and its number; 1, 0 at the end, -1
 * a read error.  Lines given back with table_reader_unread_line, in order, are what
 * table_reader_next parses next, as if they had never been taken. */
int table_reader_line(table_reader *t, const char **line, size_t *n, long *lineno, cm_error *e);
void table_reader_unread_line(table_reader *t, const char *line, size_t n, long lineno);
int table_reader_fd(const table_reader *t);
/* The rest of a gzip input read to its end (fileio_in_check_rest): 0, or -1
 * with a message when it is damaged further on. */
int table_reader_check_rest(table_reader *t, cm_error *e);
/* Give a reader of this table's lines the guard table_reader's own reader has. */
void table_reader_guard(const table_reader *t, struct csvio_reader *r);
int table_reader_encoding(const table_reader *t);
/* With ENC_AUTO: the line from which the text was read as Windows-1252 (1:
 * all of it, told by the first bytes), or 0 when it is UTF-8. */
long table_reader_guessed(const table_reader *t);
/* The lines skipped above the header (a title, or --skip-lines). */
long table_reader_title_lines(const table_reader *t);
size_t table_reader_ncols(const table_reader *t);
const char *table_reader_colname(const table_reader *t, size_t i);
/* All column names, owned by the table_reader. */
const char *const *table_reader_colnames(const table_reader *t);
const char *table_reader_name(const table_reader *t);
/* What was sniffed, for -v: e.g. "csv, delimiter ';'" or "json lines". */
const char *table_reader_describe(const table_reader *t);
int table_reader_delim(const table_reader *t);
long table_reader_extra_keys(const table_reader *t);
void table_reader_close(table_reader *t);

#endif
