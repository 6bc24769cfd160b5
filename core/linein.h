/*
 * linein — physical lines from a fileio_in, with a look-ahead for sniffing.
 *
 * linein_next returns each line including its '\n' (the last may lack one).
 * The returned bytes are owned by the reader and valid until the next call.
 * Memory is the longest line plus a fixed buffer, never the whole input; a
 * line longer than the maximum (LINEIN_MAX_DEFAULT unless set) is an error
 * naming the file and line, found before the line is all in memory.
 */
#ifndef CM_LINEIN_H
#define CM_LINEIN_H

#include <stddef.h>
#include "fileio.h"

typedef struct linein linein;

#define LINEIN_MAX_DEFAULT ((size_t)64 << 20)

linein *linein_new(fileio_in *in);
/* The longest line to take, in bytes; 0: the default. */
void linein_set_max(linein *lr, size_t max);
/* Fill the buffer with up to `want` bytes and show them without consuming. */
int linein_peek(linein *lr, size_t want, const char **p, size_t *n, cm_error *e);
/* 1 line, 0 end of input, -1 read error. */
int linein_next(linein *lr, const char **line, size_t *n, cm_error *e);
/* Skip n bytes at the start (a byte-order mark). */
void linein_skip(linein *lr, size_t n);
/* Bytes of input consumed so far (returned as lines or skipped). */
long long linein_offset(const linein *lr);
/* 1-based number of the last line returned. */
long linein_lineno(const linein *lr);
void linein_free(linein *lr);

#endif
