/*
 * row_buffer — rows copied out of a reader, so that the reader may go on while
 * another thread works on them: the fields' bytes one after another, each
 * with its NUL, and where each row's fields start.  Grows to the largest run
 * of rows it held; row_buffer_clear keeps the memory for the next run.
 */
#ifndef CM_ROW_BUFFER_H
#define CM_ROW_BUFFER_H

#include <stddef.h>

#include "io/record.h"

typedef struct row_buffer {
	char *bytes;
	size_t nbytes, capbytes;
	size_t *off, *len;        /* per field */
	size_t nfields, capfields;
	size_t *first;            /* row i: fields first[i] .. first[i + 1] */
	long *line;
	size_t nrows, caprows;
	const char **f;           /* the row last handed out */
	size_t capf;
} row_buffer;

void row_buffer_clear(row_buffer *b);
/* Room for nrows rows of nfields fields in all and nbytes bytes, the counts
 * set; the caller fills bytes, off, len, first and line (a run read back). */
void row_buffer_resize(row_buffer *b, size_t nrows, size_t nfields, size_t nbytes);
void row_buffer_add(row_buffer *b, const cm_record *r);
/* The first n rows kept, the rest dropped. */
void row_buffer_keep(row_buffer *b, size_t n);
/* Row i, valid until the next row_buffer_get, row_buffer_add or row_buffer_clear. */
void row_buffer_get(row_buffer *b, size_t i, cm_record *r);
void row_buffer_free(row_buffer *b);

#endif
