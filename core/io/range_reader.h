/*
 * range_reader — a byte range of a plain file read in large blocks, for the fast
 * path of import.
 *
 * A block holds no NUL byte; bytes in a legacy encoding are converted to
 * UTF-8.  UTF-8 input is passed on as it is: csvio checks it line by line
 * (csvio_push_utf8), where most lines are plain ASCII and cost nothing.  Input
 * that is not clean is not reported here: range_reader_next says -1 and the caller
 * reads the file the careful way, which names the line and column.
 */
#ifndef CM_RANGE_READER_H
#define CM_RANGE_READER_H

#include <stddef.h>

typedef struct range_reader range_reader;

range_reader *range_reader_new(int fd, long long from, long long to, int encoding);
/* 1 and a block (owned by the reader, valid until the next call), 0 at the
 * end of the range, -1 a NUL byte or a read error. */
int range_reader_next(range_reader *r, const char **block, size_t *n);
void range_reader_free(range_reader *r);

#endif
