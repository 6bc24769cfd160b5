/*
 * rangein — a byte range of a plain file read in large blocks, for the fast
 * path of import.
 *
 * A block holds no NUL byte; bytes in a legacy encoding are converted to
 * UTF-8.  UTF-8 input is passed on as it is: csvio checks it line by line
 * (csvio_push_utf8), where most lines are plain ASCII and cost nothing.  Input
 * that is not clean is not reported here: rangein_next says -1 and the caller
 * reads the file the careful way, which names the line and column.
 */
#ifndef CM_RANGEIN_H
#define CM_RANGEIN_H

#include <stddef.h>

typedef struct rangein rangein;

rangein *rangein_new(int fd, long long from, long long to, int encoding);
/* 1 and a block (owned by the reader, valid until the next call), 0 at the
 * end of the range, -1 a NUL byte or a read error. */
int rangein_next(rangein *r, const char **block, size_t *n);
void rangein_free(rangein *r);

#endif
