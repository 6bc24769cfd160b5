/* rangein — see rangein.h. */
#define _POSIX_C_SOURCE 200809L
#include "rangein.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "encoding.h"
#include "err.h"

#define BLOCK (1 << 20)

struct rangein {
	int fd, enc;
	long long at, to;
	char *buf;             /* BLOCK bytes and a cut character's head */
	size_t kept, carry;    /* a cut character at buf[kept..kept+carry), for the next block */
	char *conv;            /* a block converted from a legacy encoding */
	size_t convcap;
};

rangein *rangein_new(int fd, long long from, long long to, int encoding)
{
	rangein *r = xcalloc(1, sizeof *r);
	r->fd = fd;
	r->enc = encoding;
	r->at = from;
	r->to = to;
	r->buf = xmalloc(BLOCK + 4);
	return r;
}

int rangein_next(rangein *r, const char **block, size_t *n)
{
	size_t want = r->to - r->at < BLOCK ? (size_t)(r->to - r->at) : BLOCK, len, valid;
	ssize_t got;
	memmove(r->buf, r->buf + r->kept, r->carry);
	r->kept = 0;
	if (want == 0)
		return r->carry ? -1 : 0; /* a character cut by the end of the range */
	got = pread(r->fd, r->buf + r->carry, want, (off_t)r->at);
	if (got <= 0)
		return -1;
	r->at += got;
	len = r->carry + (size_t)got;
	if (memchr(r->buf, '\0', len))
		return -1;
	if (r->enc != ENC_UTF8) {
		*n = encoding_to_utf8(r->enc, r->buf, len, &r->conv, &r->convcap);
		*block = r->conv;
		return 1;
	}
	valid = encoding_utf8_check(r->buf, len);
	if (valid < len && (len - valid > 3 || r->at == r->to))
		return -1;
	*block = r->buf;
	*n = valid;
	r->kept = valid; /* the head of a character cut by the block's end opens the next block */
	r->carry = len - valid;
	return 1;
}

void rangein_free(rangein *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r->conv);
	free(r);
}
