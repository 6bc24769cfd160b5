/* customer_reader — see customer_reader.h. */
#include "customers/customer_reader.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "customers/customer.h"
#include "base/fingerprint_set.h"
#include "io/num.h"
#include "io/parallel_reader.h"

struct customer_reader {
	table_reader *in;        /* a table read, or NULL for rows from src */
	parallel_reader *par;       /* the table parsed on several threads, or NULL */
	customer_reader_next_fn next;
	customer_reader_run_fn next_run;
	void (*close)(void *src);
	void *src;
	char *name;
	char **names;
	size_t ncols;
	long idcol;
	fingerprint_set *ids;       /* built at the first id out of order; until then: */
	uint64_t *fps;    /* the fingerprints of the ids so far, rising */
	size_t nfps, capfps;
	char *last;       /* the last id */
	size_t lastlen, lastcap;
	char *numeric;    /* columns cm writes as numbers: checked on every row */
};

static customer_reader *customer_reader_new(const char *name, size_t ncols, const char *const *names)
{
	customer_reader *c = xcalloc(1, sizeof *c);
	c->name = xstrdup(name);
	c->ncols = ncols;
	c->names = xcalloc(ncols + 1, sizeof *c->names);
	for (size_t i = 0; i < ncols; i++)
		c->names[i] = xstrdup(names[i]);
	c->idcol = customer_reader_col(c, "customer_id");
	return c;
}

customer_reader *customer_reader_open(const char *path, cm_error *e)
{
	struct table_reader_opts o = {0};
	customer_reader *c;
	table_reader *in = table_reader_open(path, &o, e);
	if (!in)
		return NULL;
	c = customer_reader_new(table_reader_name(in), table_reader_ncols(in), table_reader_colnames(in));
	c->in = in;
	c->numeric = xcalloc(c->ncols + 1, 1);
	for (size_t i = 0; i < c->ncols; i++)
		c->numeric[i] = (char)customer_column_numeric(c->names[i]);
	return c;
}

customer_reader *customer_reader_wrap(const char *name, size_t ncols, const char *const *names, customer_reader_next_fn next,
		    customer_reader_run_fn next_run, void (*close)(void *src), void *src)
{
	customer_reader *c = customer_reader_new(name, ncols, names);
	c->next = next;
	c->next_run = next_run;
	c->close = close;
	c->src = src;
	return c;
}

size_t customer_reader_ncols(const customer_reader *c) { return c->ncols; }
const char *customer_reader_colname(const customer_reader *c, size_t i) { return c->names[i]; }
const char *customer_reader_name(const customer_reader *c) { return c->name; }

long customer_reader_col(const customer_reader *c, const char *name)
{
	long found = -1;
	for (size_t i = 0; i < c->ncols; i++)
		if (strcmp(c->names[i], name) == 0 && found < 0)
			found = (long)i;
	return found;
}

long customer_reader_require(const customer_reader *c, const char *name, const char *why, cm_error *e)
{
	long col = customer_reader_col(c, name);
	if (col < 0)
		err_set(e, "%s: no column '%s' (%s)", c->name, name, why);
	return col;
}

/* A number as cm writes them: [-]digits[.digits][e[+-]digits]; empty is allowed. */
static int number_text(const char *s, size_t n)
{
	size_t i = 0, d = 0;
	if (n == 0)
		return 1;
	i += s[i] == '-';
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
	if (d && i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		i += i < n && (s[i] == '+' || s[i] == '-');
		if (i == n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return d > 0 && i == n;
}

/* Each customer_id once.  cm writes tables sorted by id, so while the ids keep
 * rising none can repeat and a list of their fingerprints is enough; the set
 * (random access, slower) is built from it at the first id out of order. */
static int id_is_new(customer_reader *c, const char *id, size_t n)
{
	uint64_t fp = fingerprint_set_hash(&id, &n, 1);
	if (!c->ids) {
		size_t k = n < c->lastlen ? n : c->lastlen;
		int cmp = c->nfps ? memcmp(id, c->last, k) : 1;
		if (cmp > 0 || (cmp == 0 && n > c->lastlen)) {
			xgrow((void **)&c->fps, &c->capfps, c->nfps + 1, sizeof *c->fps);
			c->fps[c->nfps++] = fp;
			xgrow((void **)&c->last, &c->lastcap, n + 1, 1);
			memcpy(c->last, id, n);
			c->lastlen = n;
			return 1;
		}
		c->ids = fingerprint_set_new();
		for (size_t i = 0; i < c->nfps; i++)
			fingerprint_set_add(c->ids, c->fps[i]);
		free(c->fps);
		c->fps = NULL;
	}
	return fingerprint_set_add(c->ids, fp);
}

/* What can be checked of a row alone (on any thread): its width and numbers. */
static int check_row(const void *ctx, const cm_record *r, cm_error *e)
{
	const customer_reader *c = ctx;
	if (r->n != c->ncols)
		return err_set(e, "%s:%ld: expected %zu fields, found %zu", c->name, r->line, c->ncols, r->n);
	for (size_t i = 0; i < r->n; i++)
		if (c->numeric[i] && !number_text(r->f[i], r->len[i]))
			return err_set(e, "%s:%ld: invalid number '%.60s' in column '%s'", c->name, r->line,
				       r->f[i], c->names[i]);
	return 0;
}

void customer_reader_threads(customer_reader *c, int n)
{
	if (c->in && !c->par)
		c->par = parallel_reader_new(c->in, n, check_row, c);
}

/* A row read and checked alone: 1, 0 at the end, -1 an error. */
static int next_checked(customer_reader *c, cm_record *r, cm_error *e)
{
	int rc;
	if (c->par)
		return parallel_reader_next(c->par, r, e);
	rc = table_reader_next(c->in, r, e);
	if (rc == TABLE_BADROW) {
		cm_error inner = *e;
		return err_set(e, "%s:%ld: %s", c->name, r->line, inner.msg);
	}
	if (rc <= 0)
		return rc;
	return check_row(c, r, e) < 0 ? -1 : 1;
}

/* 0, or -1 when the customer_id of the row at line came before. */
static int check_id(customer_reader *c, const char *id, size_t len, long line, cm_error *e)
{
	if (!id_is_new(c, id, len))
		return err_set(e, "%s:%ld: customer '%s' appears twice (a customer table has one row per customer)",
			       c->name, line, id);
	return 0;
}

int customer_reader_next(customer_reader *c, cm_record *r, cm_error *e)
{
	int rc;
	if (!c->in)
		return c->next(c->src, r, e);
	if ((rc = next_checked(c, r, e)) <= 0)
		return rc;
	if (c->idcol >= 0 && check_id(c, r->f[c->idcol], r->len[c->idcol], r->line, e) < 0)
		return -1;
	return 1;
}

int customer_reader_next_run(customer_reader *c, row_buffer *b, size_t max, cm_error *e)
{
	cm_record r;
	int rc = 1;
	if (!c->in && c->next_run)
		return c->next_run(c->src, b, max, e);
	if (c->par) { /* a parsed chunk whole, its ids checked here (every row has ncols fields) */
		rc = parallel_reader_next_run(c->par, b, max, e);
		for (size_t i = 0; i < b->nrows && c->idcol >= 0; i++) {
			size_t f = b->first[i] + (size_t)c->idcol;
			if (check_id(c, b->bytes + b->off[f], b->len[f], b->line[i], e) < 0) {
				row_buffer_keep(b, i);
				return -1;
			}
		}
		return rc;
	}
	row_buffer_clear(b);
	while (b->nrows < max && (rc = customer_reader_next(c, &r, e)) > 0)
		row_buffer_add(b, &r);
	return rc;
}

int customer_reader_number_general(const customer_reader *c, const cm_record *r, long col, double *v, cm_error *e)
{
	const char *s = r->f[col];
	char *end;
	*v = strtod(s, &end);
	if (end == s || *end || !isfinite(*v) || memchr(s, ',', r->len[col]) || strchr(" \t", s[0]))
		return err_set(e, "%s:%ld: invalid number '%.60s' in column '%s'", c->name, r->line, s,
			       c->names[col]);
	return 1;
}

void customer_reader_close(customer_reader *c)
{
	if (!c)
		return;
	parallel_reader_free(c->par);
	table_reader_close(c->in);
	if (c->close)
		c->close(c->src);
	for (size_t i = 0; i < c->ncols; i++)
		free(c->names[i]);
	free(c->names);
	free(c->name);
	fingerprint_set_free(c->ids);
	free(c->fps);
	free(c->last);
	free(c->numeric);
	free(c);
}
