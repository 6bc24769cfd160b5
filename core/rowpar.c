/* rowpar — see rowpar.h. */
#include "rowpar.h"

#include <stdlib.h>
#include <string.h>

#include "splitrun.h"

#define ROUND_ROWS 4096 /* rows per lane and round: a few hundred KB */

/* A lane's run of rows, copied out of the reader: the fields' bytes one after
 * another (each with its NUL), and where each row's fields start. */
struct run {
	char *bytes;
	size_t nbytes, capbytes;
	size_t *off, *len;         /* per field */
	size_t nfields, capfields;
	size_t first[ROUND_ROWS + 1]; /* row i: fields first[i] .. first[i + 1] */
	long line[ROUND_ROWS];
	size_t nrows, at;          /* rows, and the number of the first one */
	const char **f;            /* one row handed out */
	size_t capf;
};

struct round {
	struct run *runs;
	void **lanes;
	rowpar_row_fn row;
	cm_error *errs;
	int *failed;
};

static void copy_row(struct run *u, const cm_record *r)
{
	size_t need = u->nbytes;
	for (size_t i = 0; i < r->n; i++)
		need += r->len[i] + 1;
	xgrow((void **)&u->bytes, &u->capbytes, need, 1);
	if (u->nfields + r->n > u->capfields) {
		size_t cap = u->capfields;
		xgrow((void **)&u->off, &u->capfields, u->nfields + r->n, sizeof *u->off);
		xgrow((void **)&u->len, &cap, u->nfields + r->n, sizeof *u->len);
	}
	for (size_t i = 0; i < r->n; i++) {
		u->off[u->nfields] = u->nbytes;
		u->len[u->nfields++] = r->len[i];
		memcpy(u->bytes + u->nbytes, r->f[i], r->len[i]);
		u->bytes[u->nbytes + r->len[i]] = '\0';
		u->nbytes += r->len[i] + 1;
	}
	u->line[u->nrows++] = r->line;
	u->first[u->nrows] = u->nfields;
}

/* Up to ROUND_ROWS rows into u, the first numbered at: what custin_next said
 * last (1: more to come). */
static int fill(struct run *u, size_t at, custin *in, cm_error *e)
{
	cm_record r;
	int rc = 1;
	u->nbytes = u->nfields = u->nrows = 0;
	u->at = at;
	u->first[0] = 0;
	while (u->nrows < ROUND_ROWS && (rc = custin_next(in, &r, e)) > 0)
		copy_row(u, &r);
	return rc;
}

static void work(void *arg, size_t k)
{
	struct round *d = arg;
	struct run *u = &d->runs[k];
	for (size_t i = 0; i < u->nrows; i++) {
		size_t n = u->first[i + 1] - u->first[i];
		cm_record r = {n, NULL, u->len + u->first[i], u->line[i]};
		xgrow((void **)&u->f, &u->capf, n + 1, sizeof *u->f);
		for (size_t j = 0; j < n; j++)
			u->f[j] = u->bytes + u->off[u->first[i] + j];
		r.f = u->f;
		if (d->row(d->lanes[k], u->at + i, &r, &d->errs[k]) < 0) {
			d->failed[k] = 1;
			return;
		}
	}
}

static void free_runs(struct run *runs, int n)
{
	for (int k = 0; k < n; k++) {
		free(runs[k].bytes);
		free(runs[k].off);
		free(runs[k].len);
		free(runs[k].f);
	}
	free(runs);
}

int rowpar_run(custin *in, void **lanes, int nlanes, rowpar_row_fn row, rowpar_flush_fn flush, cm_error *e)
{
	struct round d = {xcalloc((size_t)nlanes, sizeof *d.runs), lanes, row,
			  xcalloc((size_t)nlanes, sizeof *d.errs), xcalloc((size_t)nlanes, sizeof *d.failed)};
	int rc = 1, used, failed = -1;
	size_t at = 0;
	while (rc > 0 && failed < 0) {
		for (used = 0; used < nlanes && rc > 0; used++) {
			rc = fill(&d.runs[used], at, in, e);
			at += d.runs[used].nrows;
		}
		splitrun_each((size_t)used, used, work, &d);
		for (int k = 0; k < used && failed < 0; k++) {
			flush(lanes[k]);
			if (d.failed[k])
				failed = k;
		}
	}
	if (failed >= 0) {
		*e = d.errs[failed];
		rc = -1;
	}
	free_runs(d.runs, nlanes);
	free(d.errs);
	free(d.failed);
	return rc;
}
