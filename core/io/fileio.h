/*
 * fileio — byte streams in and out; the only module that includes zlib.h.
 *
 * Input: "-" (or NULL) is standard input, named "<stdin>" in messages.  gzip is
 * detected by its magic bytes, not by the file name; plain files pass through
 * unchanged.  A truncated or corrupt gzip stream is an error, never a short read.
 *
 * Output: "-" (or NULL) is standard output.  A named file is written to a
 * temporary file in the same folder and renamed into place by
 * fileio_close_out(ok=1); on failure (ok=0, a write error, or a fatal signal)
 * the temporary is removed and an existing file keeps its old contents.  The
 * file gets the mode of the one it replaces, or 0666 less the umask when new
 * (as open(2) would give it).  A signal inherited as ignored (nohup) stays so.  A
 * name that is there and not a regular file (/dev/null, a named pipe, a
 * symbolic link such as /dev/stdout) is written directly.  A name ending in ".gz" is gzip-compressed.
 *
 * Ownership: the caller owns the returned handles and must close them.  Errors
 * are reported as -1 (or NULL) with a message in the cm_error.
 */
#ifndef CM_FILEIO_H
#define CM_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

#include "base/err.h"

typedef struct fileio_in fileio_in;
typedef struct fileio_out fileio_out;

fileio_in *fileio_open_in(const char *path, cm_error *e);
/* Read up to n bytes: >0 bytes read, 0 end of input, -1 error. */
ssize_t fileio_read(fileio_in *in, void *buf, size_t n, cm_error *e);
/* Read a gzip stream on to its end, the bytes dropped: 0, or -1 with a
 * message when it is truncated or corrupt further on (a garbled row read
 * before may come from that).  0 at once for other input. */
int fileio_in_check_rest(fileio_in *in, cm_error *e);
const char *fileio_in_name(const fileio_in *in);
/* The descriptor of a named regular file that is not compressed (for reading
 * parts of it with pread, after the first fileio_read), else -1.  Still owned
 * by the fileio_in. */
int fileio_in_plain_fd(fileio_in *in);
void fileio_close_in(fileio_in *in);

/* The first of paths[0..n) that names the same file as an earlier one (a
 * copy of the name, a link): its index, and the earlier one's in *earlier;
 * -1 if none.  "-" and paths that cannot be looked at are never the same. */
long fileio_named_twice(char *const *paths, size_t n, size_t *earlier);
fileio_out *fileio_open_out(const char *path, cm_error *e);
/* Buffered write; errors are remembered and reported by fileio_close_out. */
void fileio_write(fileio_out *out, const void *buf, size_t n);
void fileio_puts(fileio_out *out, const char *s);
void fileio_putc(fileio_out *out, int c);
const char *fileio_out_name(const fileio_out *out);
/* Flush and commit (ok=1) or discard (ok=0).  Returns 0, or -1 with a message. */
int fileio_close_out(fileio_out *out, int ok, cm_error *e);

#endif
