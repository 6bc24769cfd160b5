/* parallel_reader — see parallel_reader.h. */
#include "io/parallel_reader.h"

#include <stdlib.h>
#include <string.h>

#include "io/csvio.h"
#include "base/ordered_queue.h"
#include "io/row_buffer.h"

#define CHUNK_BYTES (1 << 20)
#define CHUNK_MAX (64 * CHUNK_BYTES) /* quotes still open by then: a stray one, most likely */

/* A chunk: its lines (bytes one after another, where each ends, the first's
 * number), and what a worker made of them. */
struct chunk {
	size_t seq;              /* its place in the input */
	char *bytes;
	size_t nbytes, capbytes;
	size_t *end;
	size_t nlines, caplines;
	long first;
	int last;                /* it ends the input */
	int read_failed;         /* the read stopped after these lines (message in read_e) */
	cm_error read_e;
	csvio_reader *csv;
	row_buffer rows;
	int failed, open;        /* a row failed, or the read after the rows (message in e); a field open at the end */
	cm_error e;
};

struct parallel_reader {
	table_reader *t;
	parallel_reader_check_fn check;
	const void *ctx;
	struct chunk *c;
	size_t nslots, filled;   /* chunks gathered so far */
	int eof;                 /* the last chunk is gathered */
	ordered_queue *q;
	struct chunk *cur;       /* the chunk being handed out, or NULL */
	size_t row;              /* its next row */
	int serial;
};

static int fill(void *arg, size_t slot);

/* A chunk's reader: as the table_reader's own, guard included. */
static csvio_reader *reader(const table_reader *t)
{
	csvio_reader *r = csvio_reader_new(table_reader_delim(t));
	table_reader_guard(t, r);
	return r;
}
static void parse(void *arg, size_t slot);

parallel_reader *parallel_reader_new(table_reader *t, int threads, parallel_reader_check_fn check, const void *ctx)
{
	parallel_reader *p;
	if (threads < 2 || !table_reader_by_lines(t))
		return NULL;
	p = xcalloc(1, sizeof *p);
	p->t = t;
	p->check = check;
	p->ctx = ctx;
	p->nslots = 2 * (size_t)threads;
	p->c = xcalloc(p->nslots, sizeof *p->c);
	for (size_t k = 0; k < p->nslots; k++)
		p->c[k].csv = reader(t);
	p->q = ordered_queue_start(threads, p->nslots, fill, parse, p);
	return p;
}

/* The number of '"' in s, odd or even. */
static int quotes_odd(const char *s, size_t n)
{
	int odd = 0;
	const char *q, *end = s + n;
	while ((q = memchr(s, '"', (size_t)(end - s)))) {
		odd ^= 1;
		s = q + 1;
	}
	return odd;
}

/* Lines into c until it holds CHUNK_BYTES and every quote is closed, or the
 * input ends: 1, or -1 a read error (message in e). */
static int gather(parallel_reader *p, struct chunk *c, cm_error *e)
{
	int odd = 0, rc;
	const char *line;
	size_t n;
	long lineno;
	c->nbytes = c->nlines = 0;
	c->last = 0;
	while (c->nbytes < CHUNK_BYTES || (odd && c->nbytes < CHUNK_MAX)) {
		if ((rc = table_reader_line(p->t, &line, &n, &lineno, e)) <= 0) {
			c->last = p->eof = rc == 0;
			return rc == 0 ? 1 : -1;
		}
		if (c->nlines == 0)
			c->first = lineno;
		xgrow((void **)&c->bytes, &c->capbytes, c->nbytes + n, 1);
		xgrow((void **)&c->end, &c->caplines, c->nlines + 1, sizeof *c->end);
		memcpy(c->bytes + c->nbytes, line, n);
		c->nbytes += n;
		c->end[c->nlines++] = c->nbytes;
		odd ^= quotes_odd(line, n);
	}
	return 1;
}

/* One worker at a time (ordered_queue): the next chunk, in the input's order. */
static int fill(void *arg, size_t slot)
{
	parallel_reader *p = arg;
	struct chunk *c = &p->c[slot];
	if (p->eof)
		return 0;
	c->seq = p->filled++;
	c->read_failed = gather(p, c, &c->read_e) < 0;
	p->eof |= c->read_failed;
	return 1;
}

/* The records the reader completed, checked, into the chunk's rows. */
static void take(const parallel_reader *p, struct chunk *c)
{
	cm_record r;
	int rc;
	while (!c->failed && (rc = csvio_next(c->csv, &r)) != 0) {
		if (rc < 0) { /* as table_reader_next and next_serial say it */
			err_set(&c->e, "%s:%ld: %s", table_reader_name(p->t), r.line, csvio_why(c->csv));
			c->failed = 1;
		} else if (!(c->failed = p->check(p->ctx, &r, &c->e) < 0)) {
			row_buffer_add(&c->rows, &r);
		}
	}
}

/* On a worker: the chunk's rows, checked, until the first that fails. */
static void parse(void *arg, size_t slot)
{
	parallel_reader *p = arg;
	struct chunk *c = &p->c[slot];
	size_t from = 0;
	row_buffer_clear(&c->rows);
	c->failed = c->open = 0;
	for (size_t i = 0; i < c->nlines && !c->failed; i++) {
		csvio_feed(c->csv, c->bytes + from, c->end[i] - from, c->first + (long)i);
		from = c->end[i];
		take(p, c);
	}
	if (!c->failed && c->last) {
		if (csvio_finish(c->csv, &c->e) < 0) {
			cm_error inner = c->e;
			err_set(&c->e, "%s:%s", table_reader_name(p->t), inner.msg);
			c->failed = 1;
		}
		take(p, c); /* a last line without its '\n' */
	}
	if (!c->failed && c->read_failed) { /* after the rows read before it */
		c->failed = 1;
		c->e = c->read_e;
	}
	c->open = !c->failed && !c->last && !csvio_idle(c->csv);
	if (c->failed || c->open) { /* a fresh reader for the slot's next chunk */
		csvio_reader_free(c->csv);
		c->csv = reader(p->t);
	}
}

/* The lines of the chunks from the current one on go back to the table_reader. */
static void go_serial(parallel_reader *p)
{
	size_t seq = p->cur->seq;
	ordered_queue_stop(p->q);
	p->q = NULL;
	for (; seq < p->filled; seq++) {
		struct chunk *c = &p->c[seq % p->nslots];
		size_t from = 0;
		for (size_t i = 0; i < c->nlines; i++) {
			table_reader_unread_line(p->t, c->bytes + from, c->end[i] - from, c->first + (long)i);
			from = c->end[i];
		}
	}
	p->serial = 1;
}

static int next_serial(parallel_reader *p, cm_record *r, cm_error *e)
{
	int rc = table_reader_next(p->t, r, e);
	if (rc == TABLE_ROW)
		return p->check(p->ctx, r, e) < 0 ? -1 : 1;
	if (rc == TABLE_BADROW) { /* a quote left open (csvio's guard) */
		cm_error inner = *e;
		return err_set(e, "%s:%ld: %s", table_reader_name(p->t), r->line, inner.msg);
	}
	return rc == TABLE_EOF ? 0 : -1;
}

/* The current chunk, the next one when it is done: 1, 0 at the end, or -1
 * when the chunk failed (message in e); or 2 once reading went to one thread. */
static int current(parallel_reader *p, cm_error *e)
{
	for (;;) {
		long slot;
		if (p->serial)
			return 2;
		if (!p->cur) {
			if ((slot = ordered_queue_next(p->q)) < 0)
				return 0;
			p->cur = &p->c[slot];
			p->row = 0;
			if (p->cur->open) { /* a cut inside a record: one thread from here */
				go_serial(p);
				continue;
			}
		}
		if (p->row < p->cur->rows.nrows)
			return 1;
		if (p->cur->failed) {
			*e = p->cur->e;
			return -1;
		}
		ordered_queue_release(p->q);
		p->cur = NULL;
	}
}

int parallel_reader_next_run(parallel_reader *p, row_buffer *b, size_t max, cm_error *e)
{
	cm_record r;
	int rc = current(p, e);
	row_buffer_clear(b);
	if (rc == 2) {
		while (b->nrows < max && (rc = next_serial(p, &r, e)) > 0)
			row_buffer_add(b, &r);
		return rc;
	}
	if (rc == 1 && p->row == 0) {
		row_buffer mine = *b;
		*b = p->cur->rows;
		p->cur->rows = mine; /* empty: the chunk is done */
	}
	while (rc == 1 && p->row < p->cur->rows.nrows) {
		row_buffer_get(&p->cur->rows, p->row++, &r);
		row_buffer_add(b, &r);
	}
	return rc;
}

int parallel_reader_next(parallel_reader *p, cm_record *r, cm_error *e)
{
	int rc = current(p, e);
	if (rc == 2)
		return next_serial(p, r, e);
	if (rc == 1)
		row_buffer_get(&p->cur->rows, p->row++, r);
	return rc;
}

void parallel_reader_free(parallel_reader *p)
{
	if (!p)
		return;
	ordered_queue_stop(p->q);
	for (size_t k = 0; k < p->nslots; k++) {
		free(p->c[k].bytes);
		free(p->c[k].end);
		csvio_reader_free(p->c[k].csv);
		row_buffer_free(&p->c[k].rows);
	}
	free(p->c);
	free(p);
}
