/* spool — see spool.h. */
#define _POSIX_C_SOURCE 200809L
#include "spool.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A record: this header, n field lengths (uint32), then the fields, each with its NUL. */
struct head {
	int64_t line;
	uint32_t n, bytes;     /* fields; bytes of lengths and fields after the header */
};

struct spool {
	FILE *f;
	char *dir;
	char *name;            /* the input's name and columns, for the custin */
	size_t ncols;
	char **names;
	char *buf;             /* one record, being written or read */
	size_t cap;
	const char **fp;       /* handed out */
	size_t *len, capf;
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
	s->dir = xstrdup(dir);
	if (!(s->f = fdopen(fd, "w+b")))
		err_die(CM_EXIT_DATA, "out of memory");
	setvbuf(s->f, NULL, _IOFBF, 1 << 20);
	copy_names(s, in);
	return s;
}

void spool_add(spool *s, const cm_record *r)
{
	struct head h = {r->line, (uint32_t)r->n, 0};
	size_t at = sizeof h + r->n * sizeof(uint32_t), need = at;
	for (size_t i = 0; i < r->n; i++)
		need += r->len[i] + 1;
	xgrow((void **)&s->buf, &s->cap, need, 1);
	h.bytes = (uint32_t)(need - sizeof h);
	memcpy(s->buf, &h, sizeof h);
	for (size_t i = 0; i < r->n; i++) {
		uint32_t len = (uint32_t)r->len[i];
		memcpy(s->buf + sizeof h + i * sizeof len, &len, sizeof len);
		memcpy(s->buf + at, r->f[i], r->len[i]);
		s->buf[at + r->len[i]] = '\0';
		at += r->len[i] + 1;
	}
	fwrite(s->buf, 1, need, s->f);
}

static int spool_next(void *src, cm_record *r, cm_error *e)
{
	spool *s = src;
	struct head h;
	size_t at;
	if (fread(&h, sizeof h, 1, s->f) != 1)
		return ferror(s->f) ? err_set(e, "%s: cannot read the temporary file in %s", s->name, s->dir) : 0;
	xgrow((void **)&s->buf, &s->cap, h.bytes, 1);
	xgrow((void **)&s->fp, &s->capf, h.n + 1, sizeof *s->fp);
	s->len = xrealloc(s->len, s->capf * sizeof *s->len);
	if (fread(s->buf, 1, h.bytes, s->f) != h.bytes)
		return err_set(e, "%s: cannot read the temporary file in %s", s->name, s->dir);
	at = h.n * sizeof(uint32_t);
	for (size_t i = 0; i < h.n; i++) {
		uint32_t len;
		memcpy(&len, s->buf + i * sizeof len, sizeof len);
		s->fp[i] = s->buf + at;
		s->len[i] = len;
		at += len + 1;
	}
	r->n = h.n;
	r->f = s->fp;
	r->len = s->len;
	r->line = (long)h.line;
	return 1;
}

static void spool_close(void *src) { spool_free(src); }

custin *spool_reopen(spool *s, cm_error *e)
{
	if (fflush(s->f) != 0 || ferror(s->f) || fseek(s->f, 0, SEEK_SET) != 0) {
		err_set(e, "cannot write the temporary file in %s: %s (the disk full? TMPDIR picks the folder)",
			s->dir, strerror(errno));
		spool_free(s);
		return NULL;
	}
	return custin_wrap(s->name, s->ncols, (const char *const *)s->names, spool_next, spool_close, s);
}

void spool_free(spool *s)
{
	if (!s)
		return;
	if (s->f)
		fclose(s->f);
	for (size_t i = 0; i < s->ncols; i++)
		free(s->names[i]);
	free(s->names);
	free(s->name);
	free(s->dir);
	free(s->buf);
	free(s->fp);
	free(s->len);
	free(s);
}
