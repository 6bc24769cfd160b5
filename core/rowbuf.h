/*
 * rowbuf — rows copied out of a reader, so that the reader may go on while
 * another thread works on them: the fields' bytes one after another, each
 * with its NUL, and where each row's fields start.  Grows to the largest run
 * of rows it held; rowbuf_clear keeps the memory for the next run.
 */
#ifndef CM_ROWBUF_H
#define CM_ROWBUF_H

#include <stddef.h>

#include "record.h"

typedef struct rowbuf {
	char *bytes;
	size_t nbytes, capbytes;
	size_t *off, *len;        /* per field */
	size_t nfields, capfields;
	size_t *first;            /* row i: fields first[i] .. first[i + 1] */
	long *line;
	size_t nrows, caprows;
	const char **f;           /* the row last handed out */
	size_t capf;
} rowbuf;

void rowbuf_clear(rowbuf *b);
/* Room for nrows rows of nfields fields in all and nbytes bytes, the counts
 * set; the caller fills bytes, off, len, first and line (a run read back). */
void rowbuf_resize(rowbuf *b, size_t nrows, size_t nfields, size_t nbytes);
void rowbuf_add(rowbuf *b, const cm_record *r);
/* The first n rows kept, the rest dropped. */
void rowbuf_keep(rowbuf *b, size_t n);
/* Row i, valid until the next rowbuf_get, rowbuf_add or rowbuf_clear. */
void rowbuf_get(rowbuf *b, size_t i, cm_record *r);
void rowbuf_free(rowbuf *b);

#endif
