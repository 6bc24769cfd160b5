/* spool — see spool.h. */
#define _POSIX_C_SOURCE 200809L
#include "spool.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A run in the file: this header, the fields' bytes (each with its NUL), the
 * fields' lengths (uint32), each row's number of fields (uint32), each row's
 * line (int64). */
struct head {
	uint64_t nrows, nfields, nbytes;
};

struct spool {
	int fd;
	int werr;              /* errno of the first failed write, or 0 */
	char *dir;
	char *name;            /* the input's name and columns, for the custin */
	size_t ncols;
	char **names;
	rowbuf run;            /* rows being written, or the run being read */
	size_t at;             /* the run's next row to hand out */
	uint32_t *n32;         /* lengths and field counts on their way to and from the file */
	size_t capn32;
	int64_t *lines;
	size_t caplines;
};

static void copy_names(spool *s, const custin *in)
{
	s->name = xstrdup(custin_name(in));
	s->ncols = custin_ncols(in);
	s->names = xcalloc(s->ncols + 1, sizeof *s->names);
	for (size_t i = 0; i < s->ncols; i++)
		s->names[i] = xstrdup(custin_colname(in, i));
}

spool *spool_new(const custin *in, cm_error *e)
{
	const char *dir = getenv("TMPDIR");
	size_t n;
	char *path;
	int fd;
	spool *s;
	dir = dir && *dir ? dir : "/tmp";
	n = strlen(dir) + 32;
	path = xmalloc(n);
	snprintf(path, n, "%s/cm-spool-XXXXXX", dir);
	fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	free(path);
	if (fd < 0) {
		err_set(e, "cannot create a temporary file in %s: %s", dir, strerror(errno));
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->fd = fd;
	s->dir = xstrdup(dir);
	copy_names(s, in);
	return s;
}

static void put(spool *s, const void *p, size_t n)
{
	const char *c = p;
	while (n > 0 && !s->werr) {
		ssize_t k = write(s->fd, c, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			s->werr = k < 0 ? errno : ENOSPC;
			return;
		}
		c += k;
		n -= (size_t)k;
	}
}

/* 1 all n bytes, 0 the end of the file before the first, -1 a failed or short read. */
static int get(spool *s, void *p, size_t n)
{
	char *c = p;
	size_t got = 0;
	while (got < n) {
		ssize_t k = read(s->fd, c + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k == 0 && got == 0 ? 0 : -1;
		got += (size_t)k;
	}
	return 1;
}

static void room(spool *s, size_t n32, size_t nlines)
{
	xgrow((void **)&s->n32, &s->capn32, n32 + 1, sizeof *s->n32);
	xgrow((void **)&s->lines, &s->caplines, nlines + 1, sizeof *s->lines);
}

/* The rows of b, as one run, to the file. */
static void write_rows(spool *s, const rowbuf *b)
{
	struct head h = {b->nrows, b->nfields, b->nbytes};
	if (b->nrows == 0)
		return;
	room(s, b->nfields > b->nrows ? b->nfields : b->nrows, b->nrows);
	put(s, &h, sizeof h);
	put(s, b->bytes, b->nbytes);
	for (size_t i = 0; i < b->nfields; i++)
		s->n32[i] = (uint32_t)b->len[i];
	put(s, s->n32, b->nfields * sizeof *s->n32);
	for (size_t i = 0; i < b->nrows; i++) {
		s->n32[i] = (uint32_t)(b->first[i + 1] - b->first[i]);
		s->lines[i] = b->line[i];
	}
	put(s, s->n32, b->nrows * sizeof *s->n32);
	put(s, s->lines, b->nrows * sizeof *s->lines);
}

/* The rows added one by one so far, as one run, to the file. */
static void write_run(spool *s)
{
	write_rows(s, &s->run);
	rowbuf_clear(&s->run);
}

void spool_add(spool *s, const cm_record *r)
{
	rowbuf_add(&s->run, r);
	if (s->run.nrows >= SPOOL_RUN)
		write_run(s);
}

void spool_add_run(spool *s, const rowbuf *b)
{
	write_run(s);
	write_rows(s, b);
}

int spool_fill(spool *s, custin *in, spool_row_fn row, void *ctx, cm_error *e)
{
	rowbuf run = {0};
	int rc;
	do {
		rc = custin_next_run(in, &run, SPOOL_RUN, e);
		for (size_t i = 0; i < run.nrows && rc >= 0; i++) {
			cm_record r;
			rowbuf_get(&run, i, &r);
			if (row(ctx, &r, e) < 0)
				rc = -1;
		}
		spool_add_run(s, &run);
	} while (rc > 0);
	rowbuf_free(&run);
	return rc;
}

static int read_failed(const spool *s, cm_error *e)
{
	return err_set(e, "%s: cannot read the temporary file in %s", s->name, s->dir);
}

/* The next run into b: 1, 0 at the end, -1 an error. */
static int read_run(spool *s, rowbuf *b, cm_error *e)
{
	struct head h;
	size_t off = 0;
	int rc = get(s, &h, sizeof h);
	if (rc <= 0)
		return rc < 0 ? read_failed(s, e) : 0;
	rowbuf_resize(b, h.nrows, h.nfields, h.nbytes);
	room(s, h.nfields > h.nrows ? h.nfields : h.nrows, h.nrows);
	if (get(s, b->bytes, h.nbytes) != 1 || get(s, s->n32, h.nfields * sizeof *s->n32) != 1)
		return read_failed(s, e);
	for (size_t i = 0; i < h.nfields; i++) {
		b->off[i] = off;
		b->len[i] = s->n32[i];
		off += s->n32[i] + 1;
	}
	if (get(s, s->n32, h.nrows * sizeof *s->n32) != 1 || get(s, s->lines, h.nrows * sizeof *s->lines) != 1)
		return read_failed(s, e);
	b->first[0] = 0;
	for (size_t i = 0; i < h.nrows; i++) {
		b->first[i + 1] = b->first[i] + s->n32[i];
		b->line[i] = (long)s->lines[i];
	}
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
	rowbuf_get(&s->run, s->at++, r);
	return 1;
}

static int spool_next_run(void *src, rowbuf *b, size_t max, cm_error *e)
{
	spool *s = src;
	(void)max; /* the runs are as they were written */
	rowbuf_clear(b);
	if (s->at < s->run.nrows) { /* rows were read one by one: the rest of that run, one by one */
		cm_record r;
		while (s->at < s->run.nrows && spool_next(s, &r, e) > 0)
			rowbuf_add(b, &r);
		return 1;
	}
	return read_run(s, b, e);
}

static void spool_close(void *src) { spool_free(src); }

custin *spool_reopen(spool *s, cm_error *e)
{
	write_run(s);
	s->at = 0;
	if (s->werr || lseek(s->fd, 0, SEEK_SET) != 0) {
		err_set(e, "cannot write the temporary file in %s: %s (the disk full? TMPDIR picks the folder)",
			s->dir, strerror(s->werr ? s->werr : errno));
		spool_free(s);
		return NULL;
	}
	return custin_wrap(s->name, s->ncols, (const char *const *)s->names, spool_next, spool_next_run,
			   spool_close, s);
}

void spool_free(spool *s)
{
	if (!s)
		return;
	close(s->fd);
	for (size_t i = 0; i < s->ncols; i++)
		free(s->names[i]);
	free(s->names);
	free(s->name);
	free(s->dir);
	rowbuf_free(&s->run);
	free(s->n32);
	free(s->lines);
	free(s);
}
