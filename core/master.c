/* master — see master.h. */
#include "master.h"

#include <stdlib.h>

#include "colmap.h"

static long find_id(tabin *in, const char *id_col, cm_error *e)
{
	size_t n = tabin_ncols(in);
	const char *const *names = tabin_colnames(in);
	long c;
	c = id_col ? colmap_find(id_col, names, n, e) : -1;
	if (c == -1)
		c = colmap_recognise(ROLE_ID, names, n, e);
	if (c == -1)
		err_set(e, "%s: no customer id column found in the customer list", tabin_name(in));
	return c;
}

static int load_rows(customer_table *t, tabin *in, long idc, int keep_id, cm_error *e)
{
	size_t n = tabin_ncols(in);
	const char **attrs = xcalloc(n + 1, sizeof *attrs);
	size_t *lens = xcalloc(n + 1, sizeof *lens);
	cm_record r;
	int rc;
	while ((rc = tabin_next(in, &r, e)) == TABIN_ROW) {
		const char *id = NULL;
		size_t idlen = 0, k = 0;
		if (r.n != n) {
			rc = err_set(e, "%s:%ld: expected %zu fields, found %zu", tabin_name(in), r.line, n, r.n);
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
			rc = err_set(e, "%s:%ld: missing customer id in the customer list", tabin_name(in), r.line);
			break;
		}
		customer_add_master(t, id, idlen, attrs, lens);
	}
	if (rc == TABIN_BADROW) {
		cm_error inner = *e;
		rc = err_set(e, "%s:%ld: %s", tabin_name(in), r.line, inner.msg);
	}
	free(attrs);
	free(lens);
	return rc == TABIN_EOF ? 0 : -1;
}

int master_load(customer_table *t, const char *path, const struct tabin_opts *o,
		const char *id_col, int keep_id, cm_error *e)
{
	tabin *in = tabin_open(path, o, e);
	long idc;
	int rc;
	if (!in)
		return -1;
	idc = find_id(in, id_col, e);
	if (idc < 0) {
		tabin_close(in);
		return -1;
	}
	for (size_t i = 0; i < tabin_ncols(in); i++)
		if ((long)i != idc && customer_column_own(tabin_colname(in, i))) {
			err_set(e, "%s: the customer list's column '%s' has the name of a column cm-import computes; "
				   "rename it (e.g. list_%s)", tabin_name(in), tabin_colname(in, i), tabin_colname(in, i));
			tabin_close(in);
			return -1;
		}
	{
		size_t n = tabin_ncols(in), k = 0;
		const char **names = xcalloc(n + 1, sizeof *names);
		for (size_t i = 0; i < n; i++)
			if ((long)i != idc)
				names[k++] = tabin_colname(in, i);
		customer_set_master_columns(t, k, names);
		free(names);
	}
	rc = load_rows(t, in, idc, keep_id, e);
	tabin_close(in);
	return rc;
}
