/* custin — see custin.h. */
#include "custin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "customer.h"
#include "fpset.h"
#include "num.h"

struct custin {
	tabin *in;
	long idcol;
	fpset *ids;
	char *numeric;    /* columns cm writes as numbers: checked on every row */
	int trusted;      /* custin_trust: no checks */
};

custin *custin_open(const char *path, cm_error *e)
{
	struct tabin_opts o = {0};
	custin *c;
	tabin *in = tabin_open(path, &o, e);
	if (!in)
		return NULL;
	c = xcalloc(1, sizeof *c);
	c->in = in;
	c->idcol = custin_col(c, "customer_id");
	c->ids = fpset_new();
	c->numeric = xcalloc(tabin_ncols(in) + 1, 1);
	for (size_t i = 0; i < tabin_ncols(in); i++)
		c->numeric[i] = (char)customer_column_numeric(tabin_colname(in, i));
	return c;
}

long custin_col(const custin *c, const char *name)
{
	long found = -1;
	for (size_t i = 0; i < tabin_ncols(c->in); i++)
		if (strcmp(tabin_colname(c->in, i), name) == 0 && found < 0)
			found = (long)i;
	return found;
}

long custin_require(const custin *c, const char *name, const char *why, cm_error *e)
{
	long col = custin_col(c, name);
	if (col < 0)
		err_set(e, "%s: no column '%s' (%s)", tabin_name(c->in), name, why);
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

int custin_next(custin *c, cm_record *r, cm_error *e)
{
	int rc = tabin_next(c->in, r, e);
	if (rc == TABIN_BADROW) {
		cm_error inner = *e;
		return err_set(e, "%s:%ld: %s", tabin_name(c->in), r->line, inner.msg);
	}
	if (rc <= 0)
		return rc;
	if (r->n != tabin_ncols(c->in))
		return err_set(e, "%s:%ld: expected %zu fields, found %zu", tabin_name(c->in), r->line,
			       tabin_ncols(c->in), r->n);
	if (c->trusted)
		return 1;
	for (size_t i = 0; i < r->n; i++)
		if (c->numeric[i] && !number_text(r->f[i], r->len[i]))
			return err_set(e, "%s:%ld: invalid number '%.60s' in column '%s'", tabin_name(c->in), r->line,
				       r->f[i], tabin_colname(c->in, i));
	if (c->idcol >= 0) {
		const char *id = r->f[c->idcol];
		if (!fpset_add(c->ids, fpset_hash(&id, &r->len[c->idcol], 1)))
			return err_set(e, "%s:%ld: customer '%s' appears twice (a customer table has one row "
					  "per customer)", tabin_name(c->in), r->line, id);
	}
	return 1;
}

int custin_number(const custin *c, const cm_record *r, long col, double *v, cm_error *e)
{
	const char *s = r->f[col];
	char *end;
	if (r->len[col] == 0)
		return 0;
	if (num_parse_plain(s, r->len[col], v))
		return 1; /* the common case, exactly as strtod would read it */
	*v = strtod(s, &end);
	if (end == s || *end || !isfinite(*v) || memchr(s, ',', r->len[col]) || strchr(" \t", s[0]))
		return err_set(e, "%s:%ld: invalid number '%.60s' in column '%s'", tabin_name(c->in), r->line, s,
			       tabin_colname(c->in, (size_t)col));
	return 1;
}

tabin *custin_tabin(custin *c) { return c->in; }
void custin_trust(custin *c) { c->trusted = 1; }

void custin_close(custin *c)
{
	if (!c)
		return;
	tabin_close(c->in);
	fpset_free(c->ids);
	free(c->numeric);
	free(c);
}
