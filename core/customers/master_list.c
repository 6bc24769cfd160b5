/* master_list — see master_list.h. */
#include "customers/master_list.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "customers/column_roles.h"
#include "io/num.h"

static long find_id(table_reader *in, const char *id_col, cm_error *e)
{
	size_t n = table_reader_ncols(in);
	const char *const *names = table_reader_colnames(in);
	long c;
	c = id_col ? column_roles_find(id_col, names, n, e) : -1;
	if (c == -1)
		c = column_roles_recognise(ROLE_ID, names, n, e);
	if (c == -1)
		err_set(e, "%s: no customer id column found in the customer list", table_reader_name(in));
	return c;
}

/* A list's potential column (the customer's estimated total demand), or -1. */
static long find_potential(table_reader *in, long idc)
{
	static const char *const names[] = {"potential", "potenzial", NULL};
	for (int k = 0; names[k]; k++)
		for (size_t i = 0; i < table_reader_ncols(in); i++)
			if ((long)i != idc && strcasecmp(table_reader_colname(in, i), names[k]) == 0)
				return (long)i;
	return -1;
}

/* The decimal mark the values of column col prove, read ahead in a second
 * opening of the file (a list is small): 1.250 is then 1250 in a list that
 * writes 180,50 elsewhere.  NUM_AUTO when none proves it or the list is stdin. */
static int decimal_of(const char *path, const struct table_reader_opts *o, long col)
{
	table_reader *in;
	cm_error e;
	cm_record r;
	int decimal = NUM_AUTO;
	if (strcmp(path, "-") == 0 || !(in = table_reader_open(path, o, &e)))
		return NUM_AUTO;
	while (decimal == NUM_AUTO && table_reader_next(in, &r, &e) == TABLE_ROW)
		if ((size_t)col < r.n)
			decimal = num_decimal_hint(r.f[col], r.len[col]);
	table_reader_close(in);
	return decimal;
}

/* The number in column col of row r, or -1 with the file, line, column and value. */
static int number_at(table_reader *in, const cm_record *r, long col, int decimal, int64_t *v, cm_error *e)
{
	int rc = num_parse(r->f[col], r->len[col], decimal, v);
	if (rc == NUM_OK)
		return 0;
	return err_set(e, "%s:%ld: %s '%.40s' in column '%s'%s", table_reader_name(in), r->line,
		       rc == NUM_AMBIGUOUS ? "ambiguous number" : "invalid number", r->f[col],
		       table_reader_colname(in, (size_t)col),
		       rc == NUM_AMBIGUOUS ? ": no value in the list tells the decimal mark; write it with a '.'" : "");
}

/* The potential as plain decimals, whatever the list's number format; empty stays empty. */
static int plain_potential(table_reader *in, const cm_record *r, long col, int decimal, char *buf, cm_error *e)
{
	int64_t v;
	buf[0] = 0;
	if (r->len[col] == 0)
		return 0;
	if (number_at(in, r, col, decimal, &v, e) < 0)
		return -1;
	num_format_plain(v, buf);
	return 0;
}

/* An id a spreadsheet wrote in scientific notation (customer_id_lost_digits): -1. */
static int id_lost(const table_reader *in, const cm_record *r, const char *id, size_t idlen, cm_error *e)
{
	return err_set(e, "%s:%ld: customer id '%.*s' in scientific notation: " CUSTOMER_ID_LOST, table_reader_name(in),
		       r->line, (int)(idlen < 60 ? idlen : 60), id);
}

static int load_rows(customer_table *t, table_reader *in, long idc, long potc, int decimal, int keep_id, cm_error *e)
{
	size_t n = table_reader_ncols(in);
	const char **attrs = xcalloc(n + 1, sizeof *attrs);
	size_t *lens = xcalloc(n + 1, sizeof *lens);
	char potential[32];
	long *line = NULL;   /* of each master row */
	size_t nline = 0, capline = 0, row;
	cm_record r;
	int rc;
	while ((rc = table_reader_next(in, &r, e)) == TABLE_ROW) {
		const char *id = NULL;
		size_t idlen = 0, k = 0;
		if (r.n != n) {
			rc = err_set(e, "%s:%ld: expected %zu fields, found %zu", table_reader_name(in), r.line, n, r.n);
			break;
		}
		for (size_t i = 0; i < n; i++) {
			if ((long)i == idc) {
				id = r.f[i];
				idlen = customer_clean_id(&id, r.len[i], keep_id);
				continue;
			}
			attrs[k] = r.f[i];
			lens[k++] = r.len[i];
		}
		if (potc >= 0 && (size_t)potc < r.n) {
			if (plain_potential(in, &r, potc, decimal, potential, e) < 0) {
				rc = -1;
				break;
			}
			attrs[potc - (potc > idc)] = potential;
			lens[potc - (potc > idc)] = strlen(potential);
		}
		if (idlen == 0) {
			rc = err_set(e, "%s:%ld: missing customer id in the customer list", table_reader_name(in), r.line);
			break;
		}
		if (customer_id_lost_digits(id, idlen)) {
			rc = id_lost(in, &r, id, idlen, e);
			break;
		}
		if (customer_add_master(t, id, idlen, attrs, lens, &row) < 0) {
			rc = err_set(e, "%s:%ld: customer '%.*s' is in the customer list twice (line %ld too): give each "
					"customer once", table_reader_name(in), r.line, (int)(idlen < 60 ? idlen : 60), id,
				     row < nline ? line[row] : 0L);
			break;
		}
		xgrow((void **)&line, &capline, row + 1, sizeof *line);
		line[row] = r.line;
		nline = row + 1;
	}
	if (rc == TABLE_BADROW) {
		cm_error inner = *e;
		rc = err_set(e, "%s:%ld: %s", table_reader_name(in), r.line, inner.msg);
	}
	free(attrs);
	free(lens);
	free(line);
	return rc == TABLE_EOF ? 0 : -1;
}

int master_list_load(customer_table *t, const char *path, const struct table_reader_opts *o,
		const char *id_col, int keep_id, cm_error *e)
{
	table_reader *in = table_reader_open(path, o, e);
	long idc, potc;
	int rc;
	if (!in)
		return -1;
	idc = find_id(in, id_col, e);
	if (idc < 0) {
		table_reader_close(in);
		return -1;
	}
	for (size_t i = 0; i < table_reader_ncols(in); i++)
		if ((long)i != idc && customer_column_own(table_reader_colname(in, i))) {
			err_set(e, "%s: the customer list's column '%s' has the name of a column cm-import computes; "
				   "rename it (e.g. list_%s)", table_reader_name(in), table_reader_colname(in, i), table_reader_colname(in, i));
			table_reader_close(in);
			return -1;
		}
	{
		size_t n = table_reader_ncols(in), k = 0;
		const char **names = xcalloc(n + 1, sizeof *names);
		potc = find_potential(in, idc);
		for (size_t i = 0; i < n; i++)
			if ((long)i != idc)
				names[k++] = (long)i == potc ? "potential" : table_reader_colname(in, i);
		customer_set_master_columns(t, k, names);
		free(names);
	}
	rc = load_rows(t, in, idc, potc, potc >= 0 ? decimal_of(path, o, potc) : NUM_AUTO, keep_id, e);
	table_reader_close(in);
	return rc;
}

/* The cost column of a cost list: the first named like an amount. */
static long find_cost(table_reader *in, long idc)
{
	static const char *const names[] = {"cost", "costs", "kosten", "amount", "betrag", "value", "wert", NULL};
	for (int k = 0; names[k]; k++)
		for (size_t i = 0; i < table_reader_ncols(in); i++)
			if ((long)i != idc && strcasecmp(table_reader_colname(in, i), names[k]) == 0)
				return (long)i;
	return -1;
}

static int load_costs(customer_table *t, table_reader *in, long idc, long cc, int decimal, int keep_id, long *n,
		      cm_error *e)
{
	cm_record r;
	int rc;
	while ((rc = table_reader_next(in, &r, e)) == TABLE_ROW) {
		const char *id = r.f[idc], *why;
		size_t idlen;
		int64_t v;
		if (r.n != table_reader_ncols(in))
			return err_set(e, "%s:%ld: expected %zu fields, found %zu", table_reader_name(in), r.line,
				       table_reader_ncols(in), r.n);
		idlen = customer_clean_id(&id, r.len[idc], keep_id);
		if (idlen == 0)
			return err_set(e, "%s:%ld: missing customer id in the cost list", table_reader_name(in), r.line);
		if (customer_id_lost_digits(id, idlen))
			return id_lost(in, &r, id, idlen, e);
		if (number_at(in, &r, cc, decimal, &v, e) < 0)
			return -1;
		if ((why = customer_add_own_cost(t, id, idlen, v)))
			return err_set(e, "%s:%ld: the %s of customer '%.40s' would leave the range of amounts",
				       table_reader_name(in), r.line, why, id);
		(*n)++;
	}
	if (rc == TABLE_BADROW) {
		cm_error inner = *e;
		return err_set(e, "%s:%ld: %s", table_reader_name(in), r.line, inner.msg);
	}
	return rc == TABLE_EOF ? 0 : -1;
}

int master_list_load_costs(customer_table *t, const char *path, const struct table_reader_opts *o, int keep_id,
			   long *n, cm_error *e)
{
	table_reader *in = table_reader_open(path, o, e);
	long idc, cc;
	int rc;
	*n = 0;
	if (!in)
		return -1;
	idc = find_id(in, NULL, e);
	cc = idc < 0 ? -1 : find_cost(in, idc);
	if (idc >= 0 && cc < 0)
		err_set(e, "%s: no cost column found (cost, Kosten, amount, Betrag)", table_reader_name(in));
	rc = idc >= 0 && cc >= 0 ? load_costs(t, in, idc, cc, decimal_of(path, o, cc), keep_id, n, e) : -1;
	table_reader_close(in);
	return rc;
}
