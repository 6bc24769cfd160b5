/* spool — see spool.h. */
#define _POSIX_C_SOURCE 200809L
#include "customers/spool.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A run in the file: this header, the fields' bytes (each with its NUL), then
 * for each row, in varints (7 bits a byte, low first): its number of fields,
 * its line less the row before's (zigzag: never negative in practice, but
 * allowed), and its fields' lengths.  Most numbers take one byte. */
struct head {
	uint64_t nrows, nfields, nbytes, nmeta;
};

/* The bytes go to memory, in chunks, up to a cap; past it, to the file.  They
 * come back in the same order: the chunks first (each freed once read), then
 * the file. */
#define CHUNK ((size_t)1 << 20)
#define CAP_DEFAULT 512 /* MiB */

struct spool {
	int fd;                /* the file once the memory is full, or -1 */
	int werr;              /* errno of the first failed write, or 0 */
	char *dir;
	unsigned char **chunk; /* CHUNK bytes each; the last one filling */
	size_t nchunks, capchunks;
	size_t held, cap;      /* bytes in the chunks; the most they may hold */
	size_t taken;          /* bytes of the chunks read back */
	char *name;            /* the input's name and columns, for the customer_reader */
	size_t ncols;
	char **names;
	row_buffer run;            /* rows being written, or the run being read */
	size_t at;             /* the run's next row to hand out */
	unsigned char *meta;   /* a run's counts, lines and lengths on their way to and from the file */
	size_t capmeta;
};

static void copy_names(spool *s, const customer_reader *in)
{
	s->name = xstrdup(customer_reader_name(in));
	s->ncols = customer_reader_ncols(in);
	s->names = xcalloc(s->ncols + 1, sizeof *s->names);
	for (size_t i = 0; i < s->ncols; i++)
		s->names[i] = xstrdup(customer_reader_colname(in, i));
}

/* The memory cap: CM_SPOOL_MEMORY, in MiB, or the default (an eighth of the
 * machine's memory if that is less); -1 not a number. */
static long long memory_cap(cm_error *e)
{
	const char *v = getenv("CM_SPOOL_MEMORY");
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
	long long mib = CAP_DEFAULT;
	if (pages > 0 && size > 0 && (long long)pages / 8 * size < (CAP_DEFAULT << 20))
		mib = (long long)pages / 8 * size >> 20;
	if (v && *v) {
		char *end;
		errno = 0;
		mib = strtoll(v, &end, 10);
		if (*end || errno || mib < 0 || mib > (long long)(SIZE_MAX >> 21)) {
			err_set(e, "CM_SPOOL_MEMORY: expected megabytes (a whole number, 0 or more), found '%s'", v);
			return -1;
		}
	}
	return mib << 20;
}

spool *spool_new(const customer_reader *in, cm_error *e)
{
	const char *dir = getenv("TMPDIR");
	long long cap = memory_cap(e);
	spool *s;
	if (cap < 0)
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->fd = -1;
	s->cap = (size_t)cap;
	s->dir = xstrdup(dir && *dir ? dir : "/tmp");
	copy_names(s, in);
	return s;
}

/* The file, created when the memory is full: 0, or -1 with s->werr. */
static int open_file(spool *s)
{
	size_t n = strlen(s->dir) + 32;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/cm-spool-XXXXXX", s->dir);
	s->fd = mkstemp(path);
	if (s->fd >= 0)
		unlink(path); /* it never outlives the process */
	else
		s->werr = errno;
	free(path);
	return s->fd >= 0 ? 0 : -1;
}

/* As much of p[0..n) as the memory takes: the bytes taken. */
static size_t put_memory(spool *s, const unsigned char *p, size_t n)
{
	size_t done = 0;
	while (done < n && s->held < s->cap) {
		size_t at = s->held % CHUNK, k = CHUNK - at;
		if (at == 0) {
			xgrow((void **)&s->chunk, &s->capchunks, s->nchunks + 1, sizeof *s->chunk);
			s->chunk[s->nchunks++] = xmalloc(CHUNK);
		}
		k = k < n - done ? k : n - done;
		k = k < s->cap - s->held ? k : s->cap - s->held;
		memcpy(s->chunk[s->nchunks - 1] + at, p + done, k);
		s->held += k;
		done += k;
	}
	return done;
}

static void put(spool *s, const void *p, size_t n)
{
	size_t k = put_memory(s, p, n);
	const char *c = (const char *)p + k;
	n -= k;
	if (n > 0 && s->fd < 0 && !s->werr)
		open_file(s);
	while (n > 0 && !s->werr) {
		ssize_t w = write(s->fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			s->werr = w < 0 ? errno : ENOSPC;
			return;
		}
		c += w;
		n -= (size_t)w;
	}
}

/* As much of n bytes as the memory still holds, into p: the bytes given. */
static size_t get_memory(spool *s, unsigned char *p, size_t n)
{
	size_t done = 0;
	while (done < n && s->taken < s->held) {
		size_t c = s->taken / CHUNK, at = s->taken % CHUNK, k = CHUNK - at;
		k = k < n - done ? k : n - done;
		k = k < s->held - s->taken ? k : s->held - s->taken;
		memcpy(p + done, s->chunk[c] + at, k);
		s->taken += k;
		done += k;
		if (s->taken % CHUNK == 0 || s->taken == s->held) { /* read back: its memory goes */
			free(s->chunk[c]);
			s->chunk[c] = NULL;
		}
	}
	return done;
}

/* 1 all n bytes, 0 the end before the first, -1 a failed or short read. */
static int get(spool *s, void *p, size_t n)
{
	char *c = p;
	size_t got = get_memory(s, p, n);
	while (got < n) {
		ssize_t k = s->fd >= 0 ? read(s->fd, c + got, n - got) : 0;
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k == 0 && got == 0 ? 0 : -1;
		got += (size_t)k;
	}
	return 1;
}

static size_t put_varint(unsigned char *m, uint64_t v)
{
	size_t n = 0;
	for (; v >= 0x80; v >>= 7)
		m[n++] = (unsigned char)(v | 0x80);
	m[n++] = (unsigned char)v;
	return n;
}

/* The next varint of m[*at..n): 1, or 0 when m ends inside one or it is too long. */
static int varint_long(const unsigned char *m, size_t n, size_t *at, uint64_t *v)
{
	*v = 0;
	for (unsigned shift = 0; *at < n && shift < 64; shift += 7) {
		unsigned char c = m[(*at)++];
		*v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return 1;
	}
	return 0;
}

/* One varint, the one-byte form (most lengths) without the loop. */
static inline __attribute__((always_inline)) int get_varint(const unsigned char *m, size_t n, size_t *at,
							    uint64_t *v)
{
	if (*at < n && m[*at] < 0x80) {
		*v = m[(*at)++];
		return 1;
	}
	return varint_long(m, n, at, v);
}

static uint64_t zigzag(int64_t v) { return v < 0 ? ((uint64_t)(-(v + 1)) << 1) | 1 : (uint64_t)v << 1; }
static int64_t unzigzag(uint64_t v) { return v & 1 ? -(int64_t)(v >> 1) - 1 : (int64_t)(v >> 1); }

/* The rows of b, as one run, to the file. */
static void write_rows(spool *s, const row_buffer *b)
{
	struct head h = {b->nrows, b->nfields, b->nbytes, 0};
	long prev = 0;
	if (b->nrows == 0)
		return;
	xgrow((void **)&s->meta, &s->capmeta, 10 * (b->nfields + 2 * b->nrows) + 1, 1);
	for (size_t i = 0; i < b->nrows; i++) {
		h.nmeta += put_varint(s->meta + h.nmeta, b->first[i + 1] - b->first[i]);
		h.nmeta += put_varint(s->meta + h.nmeta, zigzag((int64_t)b->line[i] - prev));
		prev = b->line[i];
		for (size_t k = b->first[i]; k < b->first[i + 1]; k++)
			h.nmeta += put_varint(s->meta + h.nmeta, b->len[k]);
	}
	put(s, &h, sizeof h);
	put(s, b->bytes, b->nbytes);
	put(s, s->meta, h.nmeta);
}

/* The rows added one by one so far, as one run, to the file. */
static void write_run(spool *s)
{
	write_rows(s, &s->run);
	row_buffer_clear(&s->run);
}

void spool_add(spool *s, const cm_record *r)
{
	row_buffer_add(&s->run, r);
	if (s->run.nrows >= SPOOL_RUN)
		write_run(s);
}

void spool_add_run(spool *s, const row_buffer *b)
{
	write_run(s);
	write_rows(s, b);
}

int spool_fill(spool *s, customer_reader *in, spool_row_fn row, void *ctx, cm_error *e)
{
	row_buffer run = {0};
	int rc;
	do {
		rc = customer_reader_next_run(in, &run, SPOOL_RUN, e);
		for (size_t i = 0; i < run.nrows && rc >= 0; i++) {
			cm_record r;
			row_buffer_get(&run, i, &r);
			if (row(ctx, &r, e) < 0)
				rc = -1;
		}
		spool_add_run(s, &run);
	} while (rc > 0);
	row_buffer_free(&run);
	return rc;
}

static int read_failed(const spool *s, cm_error *e)
{
	return err_set(e, "%s: cannot read the temporary file in %s", s->name, s->dir);
}

/* The run's counts, lines and lengths from s->meta into b: 0, or -1 when they
 * do not add up (the file is not what was written). */
static int decode(spool *s, row_buffer *b, size_t nmeta)
{
	size_t at = 0, field = 0, off = 0;
	int64_t line = 0;
	uint64_t v;
	b->first[0] = 0;
	for (size_t i = 0; i < b->nrows; i++) {
		uint64_t nf;
		if (!get_varint(s->meta, nmeta, &at, &nf) || nf > b->nfields - field ||
		    !get_varint(s->meta, nmeta, &at, &v))
			return -1;
		line += unzigzag(v);
		b->line[i] = (long)line;
		for (uint64_t k = 0; k < nf; k++, field++) {
			if (!get_varint(s->meta, nmeta, &at, &v) || v >= b->nbytes - off)
				return -1;
			b->off[field] = off;
			b->len[field] = (size_t)v;
			off += (size_t)v + 1;
		}
		b->first[i + 1] = field;
	}
	return field == b->nfields && off == b->nbytes && at == nmeta ? 0 : -1;
}

/* The next run into b: 1, 0 at the end, -1 an error. */
static int read_run(spool *s, row_buffer *b, cm_error *e)
{
	struct head h;
	int rc = get(s, &h, sizeof h);
	if (rc <= 0)
		return rc < 0 ? read_failed(s, e) : 0;
	row_buffer_resize(b, h.nrows, h.nfields, h.nbytes);
	xgrow((void **)&s->meta, &s->capmeta, h.nmeta + 1, 1);
	if (get(s, b->bytes, h.nbytes) != 1 || get(s, s->meta, h.nmeta) != 1 || decode(s, b, h.nmeta) < 0)
		return read_failed(s, e);
	return 1;
}

static int spool_next(void *src, cm_record *r, cm_error *e)
{
	spool *s = src;
	if (s->at == s->run.nrows) {
		int rc = read_run(s, &s->run, e);
		if (rc <= 0)
			return rc;
		s->at = 0;
	}
	row_buffer_get(&s->run, s->at++, r);
	return 1;
}

static int spool_next_run(void *src, row_buffer *b, size_t max, cm_error *e)
{
	spool *s = src;
	(void)max; /* the runs are as they were written */
	row_buffer_clear(b);
	if (s->at < s->run.nrows) { /* rows were read one by one: the rest of that run, one by one */
		cm_record r;
		while (s->at < s->run.nrows && spool_next(s, &r, e) > 0)
			row_buffer_add(b, &r);
		return 1;
	}
	return read_run(s, b, e);
}

static void spool_close(void *src) { spool_free(src); }

customer_reader *spool_reopen(spool *s, cm_error *e)
{
	write_run(s);
	s->at = 0;
	if (s->werr || (s->fd >= 0 && lseek(s->fd, 0, SEEK_SET) != 0)) {
		err_set(e, "cannot write the temporary file in %s: %s (rows past CM_SPOOL_MEMORY megabytes go "
			"there; TMPDIR picks the folder)", s->dir, strerror(s->werr ? s->werr : errno));
		spool_free(s);
		return NULL;
	}
	return customer_reader_wrap(s->name, s->ncols, (const char *const *)s->names, spool_next, spool_next_run,
			   spool_close, s);
}

void spool_free(spool *s)
{
	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	for (size_t i = 0; i < s->nchunks; i++)
		free(s->chunk[i]);
	free(s->chunk);
	for (size_t i = 0; i < s->ncols; i++)
		free(s->names[i]);
	free(s->names);
	free(s->name);
	free(s->dir);
	row_buffer_free(&s->run);
	free(s->meta);
	free(s);
}
