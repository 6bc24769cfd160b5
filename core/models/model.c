/* model — see model.h. */
#include "models/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/version.h"
#include "io/date.h"
#include "io/fileio.h"
#include "io/jsonio.h"

static const char *const kinds[MODEL_NKINDS] = {"bgnbd", "mbgnbd", "pnbd", "bgbb", "retention"};
static const char *const units[UNIT_NUNITS] = {"day", "week", "month", "year"};
static const char *const tx_names[4] = {"r", "alpha", "a", "b"};
static const char *const pnbd_names[4] = {"r", "alpha", "s", "beta"};
static const char *const bgbb_names[4] = {"alpha", "beta", "gamma", "delta"};
static const char *const retention_names[1] = {"retention"};
static const char *const gg_names[3] = {"p", "q", "gamma"};

const char *model_kind_name(int kind) { return kinds[kind]; }
const char *const *model_param_names(int kind)
{
	return kind == MODEL_PNBD ? pnbd_names : kind == MODEL_BGBB ? bgbb_names
	       : kind == MODEL_RETENTION ? retention_names : tx_names;
}

size_t model_param_count(int kind) { return kind == MODEL_RETENTION ? 1 : 4; }
const char *model_unit_name(int unit) { return units[unit]; }
double model_unit_days(int unit)
{
	static const double days[UNIT_NUNITS] = {1, 7, 365.25 / 12, 365.25};
	return days[unit];
}

static int find(const char *const *list, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return i;
	return -1;
}

int model_kind_parse(const char *name) { return find(kinds, MODEL_NKINDS, name); }
int model_unit_parse(const char *name) { return find(units, UNIT_NUNITS, name); }

double model_parse_horizon(const char *s, int unit)
{
	char *end;
	double v = strtod(s, &end), days;
	if (end == s || !(v > 0) || !isfinite(v))
		return -1;
	if (*end == '\0')
		return v;
	if (end[1] != '\0')
		return -1;
	switch (*end) {
	case 'd': days = v; break;
	case 'w': days = 7 * v; break;
	case 'm': days = v * 365.25 / 12; break;
	case 'y': days = v * 365.25; break;
	default: return -1;
	}
	return days / model_unit_days(unit);
}

/* ---- writing ---------------------------------------------------------- */

static void put_number(fileio_out *out, double v)
{
	char buf[40];
	if (!isfinite(v)) {
		fileio_puts(out, "null");
		return;
	}
	for (int digits = 15; digits <= 17; digits++) { /* the shortest that reads back as the very same double */
		snprintf(buf, sizeof buf, "%.*g", digits, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	fileio_puts(out, buf);
}

static void put_params(fileio_out *out, const char *key, const char *const *names, const double *v,
		       size_t n)
{
	jsonio_write_key(out, key, 0);
	fileio_putc(out, '{');
	for (size_t i = 0; i < n; i++) {
		jsonio_write_key(out, names[i], i == 0);
		put_number(out, v[i]);
	}
	fileio_putc(out, '}');
}

/* "key": number, after a comma. */
static void put_field(fileio_out *out, const char *key, double v)
{
	jsonio_write_key(out, key, 0);
	put_number(out, v);
}

static void put_fit(fileio_out *out, const struct fit *f, const char *const *names)
{
	put_params(out, "params", names, f->p, f->np);
	put_params(out, "se", names, f->se, f->np);
	put_field(out, "loglik", f->loglik);
	put_field(out, "n", f->n);
	put_field(out, "aic", f->aic);
	put_field(out, "bic", f->bic);
	put_field(out, "iterations", f->iterations);
	jsonio_write_key(out, "converged", 0);
	fileio_puts(out, f->converged ? "true" : "false");
	put_field(out, "gradient_norm", f->gradnorm);
}

int model_save(const struct model *m, const char *path, cm_error *e)
{
	char day[11];
	fileio_out *out = fileio_open_out(path, e);
	if (!out)
		return -1;
	fileio_putc(out, '{');
	jsonio_write_key(out, "model", 1);
	jsonio_write_string(out, kinds[m->kind], strlen(kinds[m->kind]));
	jsonio_write_key(out, "unit", 0);
	jsonio_write_string(out, units[m->unit], strlen(units[m->unit]));
	put_fit(out, &m->tx, model_param_names(m->kind));
	jsonio_write_key(out, "spend", 0);
	fileio_putc(out, '{');
	jsonio_write_key(out, "model", 1);
	jsonio_write_string(out, m->has_spend ? "gg" : "none", m->has_spend ? 2 : 4);
	if (m->has_spend) {
		put_fit(out, &m->spend, gg_names);
		put_field(out, "excluded", (double)m->spend_excluded);
	}
	fileio_putc(out, '}');
	if (m->kind == MODEL_RETENTION)
		put_field(out, "window_days", m->window_days);
	put_field(out, "horizon", m->horizon);
	put_field(out, "discount", m->discount);
	jsonio_write_key(out, "as_of", 0);
	if (m->as_of == DAY_NONE) {
		fileio_puts(out, "null");
	} else {
		date_format(m->as_of, day);
		jsonio_write_string(out, day, 10);
	}
	jsonio_write_key(out, "cm_version", 0);
	jsonio_write_string(out, CM_VERSION, strlen(CM_VERSION));
	fileio_puts(out, "}\n");
	return fileio_close_out(out, 1, e);
}

/* ---- reading ---------------------------------------------------------- */

static char *slurp(const char *path, size_t *n, cm_error *e)
{
	fileio_in *in = fileio_open_in(path, e);
	char *buf = NULL;
	size_t cap = 0;
	ssize_t got;
	*n = 0;
	if (!in)
		return NULL;
	for (;;) {
		xgrow((void **)&buf, &cap, *n + 65536, 1);
		got = fileio_read(in, buf + *n, cap - *n, e);
		if (got <= 0)
			break;
		*n += (size_t)got;
	}
	fileio_close_in(in);
	if (got < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int get_params(const jsonio_doc *d, const char *prefix, const char *const *names, size_t np,
		      struct fit *f, const char *path, cm_error *e)
{
	char key[64];
	f->np = np;
	for (size_t i = 0; i < np; i++) {
		snprintf(key, sizeof key, "%sparams.%s", prefix, names[i]);
		if (jsonio_doc_number(d, key, &f->p[i]) < 0 || !(f->p[i] > 0))
			return err_set(e, "%s: '%s' is missing or not a positive number", path, key);
		snprintf(key, sizeof key, "%sse.%s", prefix, names[i]);
		if (jsonio_doc_number(d, key, &f->se[i]) < 0)
			f->se[i] = NAN;
	}
	snprintf(key, sizeof key, "%sloglik", prefix);
	if (jsonio_doc_number(d, key, &f->loglik) < 0)
		f->loglik = NAN;
	snprintf(key, sizeof key, "%sn", prefix);
	if (jsonio_doc_number(d, key, &f->n) < 0)
		f->n = NAN;
	f->converged = 1;
	return 0;
}

/* An optional number at key, within [lo, hi] (above lo when open): 0 absent
 * or null (*v untouched), 1 read into *v, -1 anything else (message). */
static int optional(const jsonio_doc *d, const char *key, double lo, int open, double hi, double *v,
		    const char *path, cm_error *e)
{
	int type = jsonio_doc_type(d, key);
	double x = 0;
	char shown[64];
	if (type < 0 || type == JSONIO_NULL)
		return 0;
	if (type == JSONIO_NUMBER && jsonio_doc_number(d, key, &x) == 0 && (open ? x > lo : x >= lo) && x <= hi) {
		*v = x;
		return 1;
	}
	if (type == JSONIO_NUMBER)
		snprintf(shown, sizeof shown, "%g", x);
	else if (type == JSONIO_STRING)
		snprintf(shown, sizeof shown, "'%.40s' (text)", jsonio_doc_string(d, key));
	else
		snprintf(shown, sizeof shown, "not a number");
	return err_set(e, "%s: \"%s\" is %s: it must be a number %s %g and at most %g", path, key, shown,
		       open ? "above" : "from", lo, hi);
}

static int fill(struct model *m, const jsonio_doc *d, const char *path, cm_error *e)
{
	const char *kind = jsonio_doc_string(d, "model"), *unit = jsonio_doc_string(d, "unit");
	const char *spend = jsonio_doc_string(d, "spend.model"), *as_of = jsonio_doc_string(d, "as_of");
	if (!kind || model_kind_parse(kind) < 0)
		return err_set(e, "%s: unknown model '%s' (cm-clv reads bgnbd, mbgnbd, pnbd, bgbb and retention)", path,
			       kind ? kind : "");
	if (!unit || model_unit_parse(unit) < 0)
		return err_set(e, "%s: unknown unit '%s'", path, unit ? unit : "");
	m->kind = model_kind_parse(kind);
	m->unit = model_unit_parse(unit);
	if (get_params(d, "", model_param_names(m->kind), model_param_count(m->kind), &m->tx, path, e) < 0)
		return -1;
	if (m->kind == MODEL_RETENTION && !(m->tx.p[0] < 1))
		return err_set(e, "%s: a retention rate must be below 1", path);
	m->window_days = 365;
	if (optional(d, "window_days", 0, 1, 36525, &m->window_days, path, e) < 0)
		return -1;
	if (jsonio_doc_type(d, "spend") >= 0 && (!spend || (strcmp(spend, "gg") && strcmp(spend, "none"))))
		return err_set(e, "%s: unknown spend model '%.40s' (cm-clv reads gg and none)", path, spend ? spend : "");
	m->has_spend = spend && strcmp(spend, "gg") == 0;
	if (m->has_spend && get_params(d, "spend.", gg_names, 3, &m->spend, path, e) < 0)
		return -1;
	if (m->has_spend && !(m->spend.p[1] > 1))
		return err_set(e, "%s: spend parameter q must exceed 1 for a finite mean", path);
	if (optional(d, "horizon", 0, 1, MODEL_HORIZON_MAX_DAYS / model_unit_days(m->unit), &m->horizon, path, e) < 0)
		return -1;
	m->discount = -1;
	if (optional(d, "discount", 0, 0, MODEL_DISCOUNT_MAX, &m->discount, path, e) < 0)
		return -1;
	m->as_of = DAY_NONE;
	if (as_of && date_parse(as_of, strlen(as_of), DATE_SLASH_UNKNOWN, &m->as_of) != DATE_OK)
		return err_set(e, "%s: invalid as_of '%s'", path, as_of);
	return 0;
}

int model_load(struct model *m, const char *path, cm_error *e)
{
	size_t n;
	char *text = slurp(path, &n, e);
	jsonio_doc *d;
	cm_error inner;
	int rc;
	if (!text)
		return -1;
	d = jsonio_doc_parse(text, n, &inner);
	free(text);
	if (!d)
		return err_set(e, "%s: not a model file: %s", path, inner.msg);
	memset(m, 0, sizeof *m);
	rc = fill(m, d, path, e);
	jsonio_doc_free(d);
	return rc;
}
