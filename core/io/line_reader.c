/* line_reader — see line_reader.h. */
#include "io/line_reader.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK (1 << 17)
#define FIRST (1 << 14)

struct line_reader {
	fileio_in *in;
	char *buf;
	size_t cap, pos, end; /* unread bytes are buf[pos..end) */
	int eof, full;        /* full: the last read filled the room it had */
	long lineno;
	long long offset;     /* bytes consumed: returned as lines or skipped */
	size_t max;           /* the longest line taken */
};

line_reader *line_reader_new(fileio_in *in)
{
	line_reader *lr = xcalloc(1, sizeof *lr);
	lr->in = in;
	lr->cap = FIRST; /* grown to 2 * CHUNK when the input is larger */
	lr->buf = xmalloc(lr->cap);
	lr->max = LINE_READER_MAX_DEFAULT;
	return lr;
}

void line_reader_set_max(line_reader *lr, size_t max) { lr->max = max ? max : LINE_READER_MAX_DEFAULT; }

/* Read more input after the unread bytes; 1 read some, 0 eof, -1 error. */
static int fill(line_reader *lr, cm_error *e)
{
	ssize_t got;
	if (lr->eof)
		return 0;
	if (lr->pos > 0) {
		memmove(lr->buf, lr->buf + lr->pos, lr->end - lr->pos);
		lr->end -= lr->pos;
		lr->pos = 0;
	}
	if (lr->cap - lr->end < CHUNK && (lr->full || lr->end == lr->cap)) { /* a large input: reads of CHUNK or more */
		while (lr->cap - lr->end < CHUNK)
			lr->cap *= 2;
		lr->buf = xrealloc(lr->buf, lr->cap);
	}
	got = fileio_read(lr->in, lr->buf + lr->end, lr->cap - lr->end, e);
	lr->full = got == (ssize_t)(lr->cap - lr->end);
	if (got < 0)
		return -1;
	if (got == 0) {
		lr->eof = 1;
		return 0;
	}
	lr->end += (size_t)got;
	return 1;
}

int line_reader_peek(line_reader *lr, size_t want, const char **p, size_t *n, cm_error *e)
{
	while (lr->end - lr->pos < want) {
		int rc = fill(lr, e);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
	}
	*p = lr->buf + lr->pos;
	*n = lr->end - lr->pos;
	return 0;
}

static int too_long(const line_reader *lr, cm_error *e)
{
	return err_set(e, "%s:%ld: a line longer than %zu bytes (--max-line-bytes): not a table?",
		       fileio_in_name(lr->in), lr->lineno + 1, lr->max);
}

int line_reader_next(line_reader *lr, const char **line, size_t *n, cm_error *e)
{
	size_t scanned = 0;
	for (;;) {
		char *start = lr->buf + lr->pos;
		size_t avail = lr->end - lr->pos;
		char *nl = memchr(start + scanned, '\n', avail - scanned);
		if (nl || (lr->eof && avail > 0)) {
			size_t len = nl ? (size_t)(nl - start) + 1 : avail;
			if (len > lr->max + 1) /* the '\n' not counted */
				return too_long(lr, e);
			*line = start;
			*n = len;
			lr->pos += len;
			lr->offset += (long long)len;
			lr->lineno++;
			return 1;
		}
		if (lr->eof)
			return 0;
		if (avail > lr->max)
			return too_long(lr, e);
		scanned = avail;
		if (fill(lr, e) < 0)
			return -1;
	}
}

void line_reader_skip(line_reader *lr, size_t n)
{
	if (n > lr->end - lr->pos)
		n = lr->end - lr->pos;
	lr->pos += n;
	lr->offset += (long long)n;
}

long long line_reader_offset(const line_reader *lr) { return lr->offset; }

long line_reader_lineno(const line_reader *lr) { return lr->lineno; }

void line_reader_free(line_reader *lr)
{
	if (!lr)
		return;
	free(lr->buf);
	free(lr);
}
