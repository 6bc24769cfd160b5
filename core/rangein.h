/*
 * rangein — a byte range of a plain file read in large blocks of clean UTF-8,
 * for the fast path of import.
 *
 * A block holds whole characters only, no NUL byte and valid UTF-8: bytes in
 * a legacy encoding are converted, a UTF-8 character cut by the block's end
 * waits for the next block.  Input that is not clean is not reported here:
 * rangein_next says -1 and the caller reads the file the careful way, which
 * names the line and column.
 */
#ifndef CM_RANGEIN_H
#define CM_RANGEIN_H

#include <stddef.h>

typedef struct rangein rangein;

rangein *rangein_new(int fd, long long from, long long to, int encoding);
/* 1 and a block (owned by the reader, valid until the next call), 0 at the
 * end of the range, -1 a NUL byte, invalid UTF-8 or a read error. */
int rangein_next(rangein *r, const char **block, size_t *n);
void rangein_free(rangein *r);

#endif
