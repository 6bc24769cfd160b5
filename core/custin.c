/* custin — see custin.h. */
#include "custin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "customer.h"
#include "fpset.h"
#include "num.h"
#include "parin.h"

struct custin {
	tabin *in;        /* a table read, or NULL for rows from src */
	parin *par;       /* the table parsed on several threads, or NULL */
	custin_next_fn next;
	custin_run_fn next_run;
	void (*close)(void *src);
	void *src;
	char *name;
	char **names;
	size_t ncols;
	long idcol;
	fpset *ids;       /* built at the first id out of order; until then: */
	uint64_t *fps;    /* the fingerprints of the ids so far, rising */
	size_t nfps, capfps;
	char *last;       /* the last id */
	size_t lastlen, lastcap;
	char *numeric;    /* columns cm writes as numbers: checked on every row */
};

static custin *custin_new(const char *name, size_t ncols, const char *const *names)
{
	custin *c = xcalloc(1, sizeof *c);
	c->name = xstrdup(name);
	c->ncols = ncols;
	c->names = xcalloc(ncols + 1, sizeof *c->names);
	for (size_t i = 0; i < ncols; i++)
		c->names[i] = xstrdup(names[i]);
	c->idcol = custin_col(c, "customer_id");
	return c;
}

custin *custin_open(const char *path, cm_error *e)
{
	struct tabin_opts o = {0};
	custin *c;
	tabin *in = tabin_open(path, &o, e);
	if (!in)
		return NULL;
	c = custin_new(tabin_name(in), tabin_ncols(in), tabin_colnames(in));
	c->in = in;
	c->numeric = xcalloc(c->ncols + 1, 1);
	for (size_t i = 0; i < c->ncols; i++)
		c->numeric[i] = (char)customer_column_numeric(c->names[i]);
	return c;
}

custin *custin_wrap(const char *name, size_t ncols, const char *const *names, custin_next_fn next,
		    custin_run_fn next_run, void (*close)(void *src), void *src)
{
	custin *c = custin_new(name, ncols, names);
	c->next = next;
	c->next_run = next_run;
	c->close = close;
	c->src = src;
	return c;
}

size_t custin_ncols(const custin *c) { return c->ncols; }
const char *custin_colname(const custin *c, size_t i) { return c->names[i]; }
const char *custin_name(const custin *c) { return c->name; }

long custin_col(const custin *c, const char *name)
{
	long found = -1;
	for (size_t i = 0; i < c->ncols; i++)
		if (strcmp(c->names[i], name) == 0 && found < 0)
			found = (long)i;
	return found;
}

long custin_require(const custin *c, const char *name, const char *why, cm_error *e)
{
	long col = custin_col(c, name);
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
static int id_is_new(custin *c, const char *id, size_t n)
{
	uint64_t fp = fpset_hash(&id, &n, 1);
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
		c->ids = fpset_new();
		for (size_t i = 0; i < c->nfps; i++)
			fpset_add(c->ids, c->fps[i]);
		free(c->fps);
		c->fps = NULL;
	}
	return fpset_add(c->ids, fp);
}

/* What can be checked of a row alone (on any thread): its width and numbers. */
static int check_row(const void *ctx, const cm_record *r, cm_error *e)
{
	const custin *c = ctx;
	if (r->n != c->ncols)
		return err_set(e, "%s:%ld: expected %zu fields, found %zu", c->name, r->line, c->ncols, r->n);
	for (size_t i = 0; i < r->n; i++)
		if (c->numeric[i] && !number_text(r->f[i], r->len[i]))
			return err_set(e, "%s:%ld: invalid number '%.60s' in column '%s'", c->name, r->line,
				       r->f[i], c->names[i]);
	return 0;
}

void custin_threads(custin *c, int n)
{
	if (c->in && !c->par)
		c->par = parin_new(c->in, n, check_row, c);
}

/* A row read and checked alone: 1, 0 at the end, -1 an error. */
static int next_checked(custin *c, cm_record *r, cm_error *e)
{
	int rc;
	if (c->par)
		return parin_next(c->par, r, e);
	rc = tabin_next(c->in, r, e);
	if (rc == TABIN_BADROW) {
		cm_error inner = *e;
		return err_set(e, "%s:%ld: %s", c->name, r->line, inner.msg);
	}
	if (rc <= 0)
		return rc;
	return check_row(c, r, e) < 0 ? -1 : 1;
}

/* 0, or -1 when the customer_id of the row at line came before. */
static int check_id(custin *c, const char *id, size_t len, long line, cm_error *e)
{
	if (!id_is_new(c, id, len))
		return err_set(e, "%s:%ld: customer '%s' appears twice (a customer table has one row per customer)",
			       c->name, line, id);
	return 0;
}

int custin_next(custin *c, cm_record *r, cm_error *e)
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

int custin_next_run(custin *c, rowbuf *b, size_t max, cm_error *e)
{
	cm_record r;
	int rc = 1;
	if (!c->in && c->next_run)
		return c->next_run(c->src, b, max, e);
	if (c->par) { /* a parsed chunk whole, its ids checked here (every row has ncols fields) */
		rc = parin_next_run(c->par, b, max, e);
		for (size_t i = 0; i < b->nrows && c->idcol >= 0; i++) {
			size_t f = b->first[i] + (size_t)c->idcol;
			if (check_id(c, b->bytes + b->off[f], b->len[f], b->line[i], e) < 0) {
				rowbuf_keep(b, i);
				return -1;
			}
		}
		return rc;
	}
	rowbuf_clear(b);
	while (b->nrows < max && (rc = custin_next(c, &r, e)) > 0)
		rowbuf_add(b, &r);
	return rc;
}

int custin_number_general(const custin *c, const cm_record *r, long col, double *v, cm_error *e)
{
	const char *s = r->f[col];
	char *end;
	*v = strtod(s, &end);
	if (end == s || *end || !isfinite(*v) || memchr(s, ',', r->len[col]) || strchr(" \t", s[0]))
		return err_set(e, "%s:%ld: invalid number '%.60s' in column '%s'", c->name, r->line, s,
			       c->names[col]);
	return 1;
}

void custin_close(custin *c)
{
	if (!c)
		return;
	parin_free(c->par);
	tabin_close(c->in);
	if (c->close)
		c->close(c->src);
	for (size_t i = 0; i < c->ncols; i++)
		free(c->names[i]);
	free(c->names);
	free(c->name);
	fpset_free(c->ids);
	free(c->fps);
	free(c->last);
	free(c->numeric);
	free(c);
}
