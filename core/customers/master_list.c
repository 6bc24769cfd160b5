/* master_list — see master_list.h. */
#include "customers/master_list.h"

#include <stdlib.h>

#include "customers/column_roles.h"

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

static int load_rows(customer_table *t, table_reader *in, long idc, int keep_id, cm_error *e)
{
	size_t n = table_reader_ncols(in);
	const char **attrs = xcalloc(n + 1, sizeof *attrs);
	size_t *lens = xcalloc(n + 1, sizeof *lens);
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
		if (idlen == 0) {
			rc = err_set(e, "%s:%ld: missing customer id in the customer list", table_reader_name(in), r.line);
			break;
		}
		customer_add_master(t, id, idlen, attrs, lens);
	}
	if (rc == TABLE_BADROW) {
		cm_error inner = *e;
		rc = err_set(e, "%s:%ld: %s", table_reader_name(in), r.line, inner.msg);
	}
	free(attrs);
	free(lens);
	return rc == TABLE_EOF ? 0 : -1;
}

int master_list_load(customer_table *t, const char *path, const struct table_reader_opts *o,
		const char *id_col, int keep_id, cm_error *e)
{
	table_reader *in = table_reader_open(path, o, e);
	long idc;
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
		for (size_t i = 0; i < n; i++)
			if ((long)i != idc)
				names[k++] = table_reader_colname(in, i);
		customer_set_master_columns(t, k, names);
		free(names);
	}
	rc = load_rows(t, in, idc, keep_id, e);
	table_reader_close(in);
	return rc;
}
