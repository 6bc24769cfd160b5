/* spool — see spool.h. */
#define _POSIX_C_SOURCE 200809L
#include "spool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "tabout.h"

struct spool {
	char *path;
	fileio_out *f;
	tabout *t;
};

spool *spool_new(custin *in, cm_error *e)
{
	const char *dir = getenv("TMPDIR");
	size_t n = (dir ? strlen(dir) : 4) + 32;
	tabin *tin = custin_tabin(in);
	spool *s = xcalloc(1, sizeof *s);
	int fd;
	s->path = xmalloc(n);
	snprintf(s->path, n, "%s/cm-spool-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(s->path)) < 0) {
		err_set(e, "cannot create a temporary file in %s", dir && *dir ? dir : "/tmp");
		free(s->path);
		free(s);
		return NULL;
	}
	close(fd);
	if (!(s->f = fileio_open_out(s->path, e))) {
		spool_free(s);
		return NULL;
	}
	s->t = tabout_new(s->f, TABOUT_CSV);
	for (size_t i = 0; i < tabin_ncols(tin); i++)
		tabout_column(s->t, tabin_colname(tin, i), 0);
	tabout_header(s->t);
	return s;
}

void spool_add(spool *s, const cm_record *r)
{
	for (size_t i = 0; i < r->n; i++)
		tabout_cell(s->t, r->f[i], r->len[i]);
	tabout_end_row(s->t);
}

custin *spool_reopen(spool *s, cm_error *e)
{
	custin *in = NULL;
	int rc;
	tabout_free(s->t);
	s->t = NULL;
	rc = fileio_close_out(s->f, 1, e);
	s->f = NULL;
	if (rc == 0 && (in = custin_open(s->path, e)))
		custin_trust(in); /* every row was checked when it was spooled */
	spool_free(s);
	return in;
}

void spool_free(spool *s)
{
	if (!s)
		return;
	tabout_free(s->t);
	if (s->f)
		fileio_close_out(s->f, 0, NULL);
	unlink(s->path);
	free(s->path);
	free(s);
}
