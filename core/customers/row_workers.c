/* row_workers — see row_workers.h. */
#include "customers/row_workers.h"

#include <stdlib.h>
#include <string.h>

#include "base/ordered_queue.h"
#include "io/row_buffer.h"

#define RUN_ROWS 4096 /* rows per run: a few hundred KB */

struct run {
	row_buffer rows;
	size_t at;               /* the number of its first row */
	int failed;              /* a row failed, or the read after the rows (message in e) */
	cm_error e;
};

struct row_workers {
	customer_reader *in;
	struct run *runs;
	void **lanes;
	row_workers_row_fn row;
	size_t at;               /* rows read so far */
	int end;                 /* the last run is read */
};

/* One worker at a time (ordered_queue): the next run of rows into slot k. */
static int fill(void *arg, size_t k)
{
	struct row_workers *d = arg;
	struct run *u = &d->runs[k];
	int rc;
	if (d->end)
		return 0;
	u->at = d->at;
	rc = customer_reader_next_run(d->in, &u->rows, RUN_ROWS, &u->e);
	d->at += u->rows.nrows;
	d->end = rc <= 0;
	u->failed = rc < 0;
	return 1;
}

static void work(void *arg, size_t k)
{
	struct row_workers *d = arg;
	struct run *u = &d->runs[k];
	cm_error e;
	for (size_t i = 0; i < u->rows.nrows; i++) {
		cm_record r;
		row_buffer_get(&u->rows, i, &r);
		if (d->row(d->lanes[k], u->at + i, &r, &e) < 0) {
			u->failed = 1;
			u->e = e;
			return;
		}
	}
}

int row_workers_run(customer_reader *in, int threads, void **lanes, int nlanes, row_workers_row_fn row, row_workers_flush_fn flush,
	       cm_error *e)
{
	struct row_workers d = {in, xcalloc((size_t)nlanes, sizeof *d.runs), lanes, row, 0, 0};
	ordered_queue *q = ordered_queue_start(threads, (size_t)nlanes, fill, work, &d);
	long k;
	int rc = 0;
	while (rc == 0 && (k = ordered_queue_next(q)) >= 0) {
		flush(lanes[k]);
		if (d.runs[k].failed) {
			*e = d.runs[k].e;
			rc = -1;
		}
		ordered_queue_release(q);
	}
	ordered_queue_stop(q);
	for (int i = 0; i < nlanes; i++)
		row_buffer_free(&d.runs[i].rows);
	free(d.runs);
	return rc;
}
