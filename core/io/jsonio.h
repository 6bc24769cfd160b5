/*
 * jsonio — JSON Lines and JSON arrays in, JSON Lines out; the only module that
 * includes cJSON.h.
 *
 * Reading turns each object into a record whose columns are the keys of the
 * first object, in their order; a later object's missing key is an empty
 * field, a null is empty, numbers and booleans become their text (a number
 * as written, not through a double: 17-digit ids and large amounts stay
 * exact; a fraction of three digits gains a fourth 0, so the decimal point
 * stays the mark), nested values their compact JSON.  Keys absent from the first object are counted
 * (jsonio_extra_keys) and otherwise ignored.  Records are owned by the reader,
 * valid until its next call.
 *
 * Writing escapes by hand (cJSON would build a tree per row): strings are
 * quoted (a byte that is not UTF-8 becomes U+FFFD: JSON is UTF-8), numeric
 * columns written verbatim, empty cells as null.
 */
#ifndef CM_JSONIO_H
#define CM_JSONIO_H

#include <stddef.h>

#include "base/err.h"
#include "io/fileio.h"
#include "io/record.h"

typedef struct jsonio_reader jsonio_reader;

jsonio_reader *jsonio_reader_new(void);
/* One line of JSON Lines: 1 record, 0 blank line, -1 not an object (message). */
int jsonio_parse_line(jsonio_reader *r, const char *s, size_t n, long lineno,
		      cm_record *rec, cm_error *e);
/* A whole document holding an array of objects, then its elements one by one. */
int jsonio_load_array(jsonio_reader *r, const char *s, size_t n, cm_error *e);
/* 1 record, 0 end, -1 an element that is not an object (message; go on calling). */
int jsonio_next_element(jsonio_reader *r, cm_record *rec, cm_error *e);
/* The column names (keys of the first object); NULL before it was read. */
size_t jsonio_ncols(const jsonio_reader *r);
const char *jsonio_colname(const jsonio_reader *r, size_t i);
long jsonio_extra_keys(const jsonio_reader *r);
void jsonio_reader_free(jsonio_reader *r);

/* Write `"key":` (with a leading comma unless first) and then a value. */
void jsonio_write_key(fileio_out *out, const char *key, int first);
void jsonio_write_string(fileio_out *out, const char *s, size_t n);
/* Append a JSON string (quoted, escaped) to a growing buffer; the new length. */
size_t jsonio_format_string(char **buf, size_t *cap, size_t len, const char *s, size_t n);

/* A whole JSON document (a model or rules file), looked up by dotted paths.
 * Nothing may follow the value, no key may appear twice in an object, and no
 * string may hold a NUL: each is refused with a message. */
typedef struct jsonio_doc jsonio_doc;
jsonio_doc *jsonio_doc_parse(const char *text, size_t n, cm_error *e);
/* 0 and the number at "a.b.c", or -1 if absent or not a number. */
int jsonio_doc_number(const jsonio_doc *d, const char *path, double *v);
/* The type (enum jsonio_type) of the value at path, or -1 if absent. */
int jsonio_doc_type(const jsonio_doc *d, const char *path);
/* The string at path, owned by the document; NULL if absent or not a string. */
const char *jsonio_doc_string(const jsonio_doc *d, const char *path);
void jsonio_doc_free(jsonio_doc *d);

/* Walking a document (a rules file): values are owned by their document. */
typedef struct jsonio_value jsonio_value;
enum jsonio_type { JSONIO_NULL, JSONIO_BOOL, JSONIO_NUMBER, JSONIO_STRING, JSONIO_ARRAY, JSONIO_OBJECT };
const jsonio_value *jsonio_doc_root(const jsonio_doc *d);
int jsonio_type(const jsonio_value *v);
/* An object's member (NULL if absent); an array's length (counted: once per array). */
const jsonio_value *jsonio_member(const jsonio_value *v, const char *key);
size_t jsonio_length(const jsonio_value *v);
/* An array's elements or an object's members in order: the first, then each
 * next; NULL after the last.  A member's key is jsonio_name. */
const jsonio_value *jsonio_first(const jsonio_value *v);
const jsonio_value *jsonio_next(const jsonio_value *v);
const char *jsonio_name(const jsonio_value *member);
double jsonio_number(const jsonio_value *v);
const char *jsonio_string(const jsonio_value *v);

#endif
