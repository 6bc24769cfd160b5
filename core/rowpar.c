/* rowpar — see rowpar.h. */
#include "rowpar.h"

#include <stdlib.h>
#include <string.h>

#include "ordq.h"
#include "rowbuf.h"

#define RUN_ROWS 4096 /* rows per run: a few hundred KB */

struct run {
	rowbuf rows;
	size_t at;               /* the number of its first row */
	int failed;              /* a row failed, or the read after the rows (message in e) */
	cm_error e;
};

struct rowpar {
	custin *in;
	struct run *runs;
	void **lanes;
	rowpar_row_fn row;
	size_t at;               /* rows read so far */
	int end;                 /* the last run is read */
};

/* One worker at a time (ordq): the next run of rows into slot k. */
static int fill(void *arg, size_t k)
{
	struct rowpar *d = arg;
	struct run *u = &d->runs[k];
	int rc;
	if (d->end)
		return 0;
	u->at = d->at;
	rc = custin_next_run(d->in, &u->rows, RUN_ROWS, &u->e);
	d->at += u->rows.nrows;
	d->end = rc <= 0;
	u->failed = rc < 0;
	return 1;
}

static void work(void *arg, size_t k)
{
	struct rowpar *d = arg;
	struct run *u = &d->runs[k];
	cm_error e;
	for (size_t i = 0; i < u->rows.nrows; i++) {
		cm_record r;
		rowbuf_get(&u->rows, i, &r);
		if (d->row(d->lanes[k], u->at + i, &r, &e) < 0) {
			u->failed = 1;
			u->e = e;
			return;
		}
	}
}

int rowpar_run(custin *in, int threads, void **lanes, int nlanes, rowpar_row_fn row, rowpar_flush_fn flush,
	       cm_error *e)
{
	struct rowpar d = {in, xcalloc((size_t)nlanes, sizeof *d.runs), lanes, row, 0, 0};
	ordq *q = ordq_start(threads, (size_t)nlanes, fill, work, &d);
	long k;
	int rc = 0;
	while (rc == 0 && (k = ordq_next(q)) >= 0) {
		flush(lanes[k]);
		if (d.runs[k].failed) {
			*e = d.runs[k].e;
			rc = -1;
		}
		ordq_release(q);
	}
	ordq_stop(q);
	for (int i = 0; i < nlanes; i++)
		rowbuf_free(&d.runs[i].rows);
	free(d.runs);
	return rc;
}
