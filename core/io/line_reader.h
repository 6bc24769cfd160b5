/*
 * line_reader — physical lines from a fileio_in, with a look-ahead for sniffing.
 *
 * line_reader_next returns each line including its '\n' (the last may lack one).
 * The returned bytes are owned by the reader and valid until the next call.
 * Memory is the longest line plus a fixed buffer, never the whole input; a
 * line longer than the maximum (LINE_READER_MAX_DEFAULT unless set) is an error
 * naming the file and line, found before the line is all in memory.
 */
#ifndef CM_LINE_READER_H
#define CM_LINE_READER_H

#include <stddef.h>
#include "io/fileio.h"

typedef struct line_reader line_reader;

#define LINE_READER_MAX_DEFAULT ((size_t)64 << 20)

line_reader *line_reader_new(fileio_in *in);
/* The longest line to take, in bytes; 0: the default. */
void line_reader_set_max(line_reader *lr, size_t max);
/* Fill the buffer with up to `want` bytes and show them without consuming. */
int line_reader_peek(line_reader *lr, size_t want, const char **p, size_t *n, cm_error *e);
/* 1 line, 0 end of input, -1 read error. */
int line_reader_next(line_reader *lr, const char **line, size_t *n, cm_error *e);
/* Skip n bytes at the start (a byte-order mark). */
void line_reader_skip(line_reader *lr, size_t n);
/* Bytes of input consumed so far (returned as lines or skipped). */
long long line_reader_offset(const line_reader *lr);
/* 1-based number of the last line returned. */
long line_reader_lineno(const line_reader *lr);
void line_reader_free(line_reader *lr);

#endif
