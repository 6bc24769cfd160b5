/* range_reader — see range_reader.h. */
#define _POSIX_C_SOURCE 200809L
#include "io/range_reader.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/encoding.h"
#include "base/err.h"

#define BLOCK (1 << 20)

struct range_reader {
	int fd, enc;
	long long at, to;
	char *buf;             /* BLOCK bytes, or the range if smaller */
	size_t cap;
	char *conv;            /* a block converted from a legacy encoding */
	size_t convcap;
};

range_reader *range_reader_new(int fd, long long from, long long to, int encoding)
{
	range_reader *r = xcalloc(1, sizeof *r);
	r->fd = fd;
	r->enc = encoding;
	r->at = from;
	r->to = to;
	r->cap = to - from < BLOCK ? (size_t)(to - from) + 1 : BLOCK;
	r->buf = xmalloc(r->cap);
	return r;
}

int range_reader_next(range_reader *r, const char **block, size_t *n)
{
	size_t want = r->to - r->at < (long long)r->cap ? (size_t)(r->to - r->at) : r->cap;
	ssize_t got;
	if (want == 0)
		return 0;
	got = pread(r->fd, r->buf, want, (off_t)r->at);
	if (got <= 0)
		return -1;
	r->at += got;
	if (memchr(r->buf, '\0', (size_t)got))
		return -1;
	if (r->enc != ENC_UTF8) {
		*n = encoding_to_utf8(r->enc, r->buf, (size_t)got, &r->conv, &r->convcap);
		*block = r->conv;
		return 1;
	}
	*block = r->buf;
	*n = (size_t)got;
	return 1;
}

void range_reader_free(range_reader *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r->conv);
	free(r);
}
