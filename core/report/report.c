/* report — see report.h. */
#include "report/report.h"
#include "report/report_data.h"
#include "report/action_list.h"
#include "report/channel_report.h"
#include "report/cohort_report.h"
#include "report/profit.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customers/customer.h"
#include "io/date.h"
#include "segments/lifecycle.h"
#include "models/model.h"
#include "io/num.h"
#include "base/radix.h"
#include "base/threads.h"
#include "base/text_store.h"

/* ---- sections ----------------------------------------------------------- */

/* Does a column hold the identifiers cm writes (translated), rather than the data's own text? */
static int cm_column(const char *name)
{
	static const char *const own[] = {"lifecycle", "abc", "rfm_segment", "segment", "strategy", "portfolio_cell",
					  "potential_class", "loss_maker", NULL};
	for (int i = 0; own[i]; i++)
		if (strcmp(name, own[i]) == 0)
			return 1;
	return 0;
}

static void figure(struct report_table *t, const char *label, int kind, double v)
{
	report_table_row(t);
	report_table_label(t, label);
	report_table_num(t, kind, v);
}

/* Units of 1/10,000 as money: exact to the cent within MONEY_SHOWN. */
static double shown(int64_t units) { return report_money(units); }

static void figures_of(report_doc *doc, const struct data *d)
{
	static const char *const cols[] = {"figure", "value"};
	struct report_table *t = report_doc_table(doc, "key_figures", cols, 2);
	double revenue, orders = 0, documents = 0, buyers = 0, before = 0, again = 0, repeaters = 0, active = 0, clv = 0, nclv = 0;
	long life[LC_N] = {0};
	revenue = report_total_revenue(d);
	for (size_t i = 0; i < d->n; i++) {
		const struct cust *c = &d->c[i];
		orders += c->orders;
		documents += c->documents;
		before += c->previous > 0;
		again += c->previous > 0 && c->recent > 0;
		buyers += c->orders > 0;
		repeaters += c->repeat > 0;
		active += c->recent > 0;
		if (!isnan(c->clv))
			clv += c->clv, nclv++;
		if (c->life >= 0)
			life[(int)c->life]++;
	}
	figure(t, "customers", RC_COUNT, (double)d->n);
	if (d->col.recent >= 0)
		figure(t, "active_customers", RC_COUNT, active);
	figure(t, "revenue", RC_MONEY, revenue);
	if (d->col.documents >= 0) { /* orders are documents; the purchase days beside them */
		figure(t, "orders", RC_COUNT, documents);
		figure(t, "avg_order_value", RC_MONEY, documents > 0 ? revenue / documents : 0);
		if (d->col.orders >= 0)
			figure(t, "purchase_days", RC_COUNT, orders);
	} else if (d->col.orders >= 0) {
		figure(t, "orders", RC_COUNT, orders);
		figure(t, "avg_order_value", RC_MONEY, orders > 0 ? revenue / orders : 0);
	}
	if (d->col.repeat >= 0)
		figure(t, "repeat_rate", RC_SHARE, buyers > 0 ? repeaters / buyers : 0);
	if (d->col.previous >= 0 && d->col.recent >= 0 && before > 0) { /* of the window before's buyers, how many again */
		figure(t, "retention_rate", RC_SHARE, again / before);
		figure(t, "churn_rate", RC_SHARE, 1 - again / before);
	}
	if (d->col.life >= 0) {
		figure(t, "new_customers", RC_COUNT, (double)life[LC_NEW]);
		figure(t, "lost_customers", RC_COUNT, (double)life[LC_LOST]);
		figure(t, "reactivated_customers", RC_COUNT, (double)life[LC_REACTIVATED]);
	}
	if (d->col.clv >= 0) {
		figure(t, "clv_total", RC_MONEY, clv);
		figure(t, "clv_mean", RC_MONEY, nclv > 0 ? clv / nclv : 0);
	}
	profit_figures(t, d);
	channel_figures(t, d);
}

/* The baseline's value of a figure: its row, or NULL. */
static const struct report_cell *before_of(const struct report_table *base, const char *label)
{
	for (size_t r = 0; base && r < base->nrows; r++)
		if (strcmp(report_table_cell(base, r, 0)->s, label) == 0)
			return report_table_cell(base, r, 1);
	return NULL;
}

/* The key figures; with the baseline's (base), each beside its value then and
 * the change (shares in percentage points; empty where the baseline had none);
 * with all customers' (a report for a part of them), beside those. */
static void key_figures(report_doc *doc, const struct data *d, const struct report_table *base, int all)
{
	const char *cols[] = {"figure", "value", all ? "all_customers" : "baseline", "change"};
	report_doc now = {0};
	const struct report_table *k;
	struct report_table *t;
	figures_of(&now, d);
	k = now.t[0];
	t = report_doc_table(doc, "key_figures", cols, !base ? 2 : all ? 3 : 4);
	for (size_t r = 0; r < k->nrows; r++) {
		const struct report_cell *label = report_table_cell(k, r, 0), *v = report_table_cell(k, r, 1);
		const struct report_cell *b = before_of(base, label->s);
		report_table_row(t);
		report_table_label(t, label->s);
		if (v->kind == RC_EMPTY)
			report_table_empty(t);
		else
			report_table_num(t, v->kind, v->v);
		if (!base)
			continue;
		if (b && b->kind != RC_EMPTY)
			report_table_num(t, b->kind, b->v);
		else
			report_table_empty(t);
		if (all)
			continue;
		if (b && b->kind != RC_EMPTY && v->kind != RC_EMPTY)
			report_table_num(t, v->kind, v->v - b->v);
		else
			report_table_empty(t);
	}
	report_doc_free(&now);
}

/* The baseline table's key figures (into base), for the changes since. */
static int baseline_figures(const struct report_opts *o, report_doc *base, cm_error *e)
{
	customer_reader *in = customer_reader_open(o->baseline, e);
	struct report_opts bo = *o;
	struct data b;
	int rc;
	if (!in)
		return -1;
	if (customer_reader_col(in, "revenue") < 0) { /* ids and classes only: migrations, no changes */
		customer_reader_close(in);
		return 0;
	}
	memset(&b, 0, sizeof b);
	b.ids = text_store_new();
	bo.ngroups = 0; /* the groups need not be in the baseline */
	rc = report_data_read(in, &bo, &b, e);
	customer_reader_close(in);
	if (rc == 0)
		figures_of(base, &b);
	report_data_free(&b);
	return rc;
}


/* The sort a half of the sections needs (0: revenue, 1: CLV). */
static void sort_for(struct data *d, size_t task)
{
	double *v = xmalloc((d->n + 1) * sizeof *v);
	size_t m = 0;
	if (task == 0) {
		int64_t bought = 0;
		for (size_t i = 0; i < d->n; i++) { /* returns beyond purchases do not bend the curve back */
			v[m++] = d->c[i].rev > 0 ? d->c[i].revenue : 0;
			bought += d->c[i].rev > 0 ? d->c[i].rev : 0;
		}
		d->bought = shown(bought);
		d->by_revenue = v;
	} else {
		for (size_t i = 0; i < d->n; i++)
			if (!isnan(d->c[i].clv))
				d->clv_total += (v[m++] = d->c[i].clv);
		d->by_clv = v;
		d->nclv = m;
	}
	radix_sort_desc(v, m);
}

static void concentration(report_doc *doc, const struct data *d)
{
	static const char *const cols[] = {"customer_share", "revenue_share"};
	struct report_table *t = report_doc_table(doc, "concentration", cols, 2);
	const double *v = d->by_revenue;
	double cum = 0, total = d->bought;
	size_t k = 0;
	t->chart = xstrdup("lorenz");
	for (int step = 1; step <= 20; step++) {
		size_t upto = (size_t)ceil((double)d->n * step / 20.0);
		while (k < upto && k < d->n)
			cum += v[k++];
		report_table_row(t);
		report_table_num(t, RC_SHARE, step / 20.0);
		report_table_num(t, RC_SHARE, total != 0 ? cum / total : 0);
	}
}

/* ABC: the classes with their customers, revenue and levels, and the share
 * of the measure they were formed by when that is not revenue. */
static void abc(report_doc *doc, const struct data *d)
{
	const char *cols[8 + REPORT_LEVELS];
	int other = strcmp(d->abc_by, "revenue") != 0;
	double measure[3] = {0}, all = 0;
	int64_t bought[3] = {0}, total = 0; /* revenue of the customers with revenue: what the classes cut */
	struct sums sum[3];
	struct report_table *t;
	size_t n = 0;
	if (d->col.abc < 0) {
		report_doc_skip(doc, "abc: no column 'abc' (run cm-segment)");
		return;
	}
	cols[n++] = "class";
	cols[n++] = "customers";
	cols[n++] = "share_customers";
	cols[n++] = "revenue";
	cols[n++] = "share_revenue";
	for (int k = 0; k < d->nlevels; k++)
		cols[n++] = report_level_name(k);
	if (other)
		cols[n++] = "share_abc_measure";
	t = report_doc_table(doc, "abc", cols, n);
	t->chart = xstrdup("abc");
	memset(sum, 0, sizeof sum);
	for (size_t i = 0; i < d->n; i++)
		if (d->c[i].abc) {
			report_sums_add(&sum[d->c[i].abc - 'A'], &d->c[i]);
			bought[d->c[i].abc - 'A'] += d->c[i].rev > 0 ? d->c[i].rev : 0;
			total += d->c[i].rev > 0 ? d->c[i].rev : 0;
			measure[d->c[i].abc - 'A'] += d->c[i].measure > 0 ? d->c[i].measure : 0;
			all += d->c[i].measure > 0 ? d->c[i].measure : 0;
		}
	for (int k = 0; k < 3; k++) {
		char cls[2] = {(char)('A' + k), 0};
		report_table_row(t);
		report_table_text(t, cls);
		report_table_num(t, RC_COUNT, sum[k].n);
		report_table_num(t, RC_SHARE, d->n ? sum[k].n / (double)d->n : 0);
		report_table_num(t, RC_MONEY, shown(sum[k].rev));
		if (total > 0)
			report_table_num(t, RC_SHARE, (double)bought[k] / (double)total);
		else
			report_table_empty(t); /* no revenue to share */
		for (int l = 0; l < d->nlevels; l++)
			report_table_num(t, RC_MONEY, shown(sum[k].lev[l]));
		if (other)
			report_table_num(t, RC_SHARE, all > 0 ? measure[k] / all : 0);
	}
	if (other) { /* say it: the classes are not those of revenue */
		char note[96];
		snprintf(note, sizeof note, "abc_by %s", d->abc_by);
		t->note = xstrdup(note);
		t->note_kind = NOTE_MEASURE;
		t->note_word = xstrdup(d->abc_by);
	}
	concentration(doc, d);
}

static void lifecycle(report_doc *doc, const struct data *d)
{
	const char *cols[4 + REPORT_LEVELS];
	struct sums sum[LC_N];
	struct report_table *t;
	size_t ncols;
	if (d->col.life < 0) {
		report_doc_skip(doc, "lifecycle: no column 'lifecycle' (run cm-segment)");
		return;
	}
	report_group_cols(d, "state", 0, cols, &ncols);
	t = report_doc_table(doc, "lifecycle", cols, ncols);
	t->chart = xstrdup("bars");
	memset(sum, 0, sizeof sum);
	for (size_t i = 0; i < d->n; i++)
		if (d->c[i].life >= 0)
			report_sums_add(&sum[(int)d->c[i].life], &d->c[i]);
	for (int k = 0; k < LC_N; k++) {
		report_table_row(t);
		report_table_label(t, lifecycle_name(k));
		report_group_cells(d, t, &sum[k], 0, 0);
	}
}

static void rf_grid(report_doc *doc, const struct data *d)
{
	static const char *const cols[] = {"r_score", "F1", "F2", "F3", "F4", "F5"};
	double grid[5][5] = {{0}};
	struct report_table *t;
	if (d->col.r < 0 || d->col.f < 0)
		return;
	t = report_doc_table(doc, "rf_grid", cols, 6);
	t->chart = xstrdup("heat");
	for (size_t i = 0; i < d->n; i++) {
		int r = d->c[i].r, f = d->c[i].f;
		if (r >= 1 && r <= 5 && f >= 1 && f <= 5)
			grid[r - 1][f - 1]++;
	}
	for (int r = 5; r >= 1; r--) {
		char label[16];
		snprintf(label, sizeof label, "R%d", r);
		report_table_row(t);
		report_table_text(t, label);
		for (int f = 0; f < 5; f++)
			report_table_num(t, RC_COUNT, grid[r - 1][f]);
	}
}

/* Customers and revenue (and CLV) per value of a pooled column. */
static void rfm(report_doc *doc, const struct data *d)
{
	if (d->col.rfmseg < 0) {
		report_doc_skip(doc, "rfm: no column 'rfm_segment' (run cm-segment)");
		return;
	}
	report_by_pool(doc, d, "rfm", "rfm_segment", &d->rfmseg, offsetof(struct cust, rfmseg), 0);
	rf_grid(doc, d);
}

static void segments(report_doc *doc, const struct data *d)
{
	static const char *const cols[] = {"segment", "strategy"};
	struct report_table *t;
	if (d->col.seg < 0) {
		report_doc_skip(doc, "segments: no column 'segment' (run cm-segment)");
		return;
	}
	report_by_pool(doc, d, "segments", "segment", &d->seg, offsetof(struct cust, seg), 0);
	if (d->col.strat < 0)
		return;
	{
		const struct report_table *segs = doc->t[doc->n - 1]; /* by_pool's table: its order */
		t = report_doc_table(doc, "strategies", cols, 2);
		for (size_t r = 0; r < segs->nrows; r++) {
			const char *name = report_table_cell(segs, r, 0)->s;
			short k = report_pool_find(&d->seg, name);
			report_table_row(t);
			report_table_label(t, name);
			report_table_label(t, k >= 0 && (size_t)k < d->strat.n ? d->strat.v[k] : ""); /* built-in ones translated */
		}
	}
}

/* A list cut to its first `top` of m says so under the table. */

static int by_clv_desc(const void *a, const void *b)
{
	const struct cust *x = *(const struct cust *const *)a, *y = *(const struct cust *const *)b;
	double u = isnan(x->clv) ? x->revenue : x->clv, v = isnan(y->clv) ? y->revenue : y->clv;
	if (u != v)
		return u < v ? 1 : -1;
	return strcmp(x->id, y->id); /* ties: a stable, input-independent order */
}

static void clv_deciles(report_doc *doc, const struct data *d, double *cut)
{
	static const char *const cols[] = {"decile", "customers", "clv", "share_clv"};
	const double *v = d->by_clv;
	double total = d->clv_total;
	size_t m = d->nclv;
	struct report_table *t = report_doc_table(doc, "clv_deciles", cols, 4);
	t->chart = xstrdup("deciles");
	*cut = m ? v[(m - 1) / 10] : INFINITY; /* the top decile starts here */
	for (int k = 0; k < 10; k++) {
		size_t lo = m * (size_t)k / 10, hi = m * (size_t)(k + 1) / 10;
		double s = 0;
		for (size_t i = lo; i < hi; i++)
			s += v[i];
		report_table_row(t);
		report_table_num(t, RC_COUNT, k + 1);
		report_table_num(t, RC_COUNT, (double)(hi - lo));
		report_table_num(t, RC_MONEY, s);
		report_table_num(t, RC_SHARE, total != 0 ? s / total : 0);
	}
}

/* The customers `want` accepts, the first `top` of them by by_clv_desc in
 * best[0..top) (best has room for all); returns how many were accepted.
 * A short list is kept sorted as the rows go by: most customers are turned
 * away by one comparison with its last entry, instead of sorting them all. */
static size_t best_of(const struct data *d, int (*want)(const struct cust *, double), double arg, size_t top,
		      const struct cust **best)
{
	size_t m = 0, kept = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct cust *c = &d->c[i];
		size_t at;
		if (!want(c, arg))
			continue;
		m++;
		if (top > 256) { /* a long list: gather all, sort once */
			best[kept++] = c;
			continue;
		}
		if (kept == top && (top == 0 || by_clv_desc(&c, &best[kept - 1]) >= 0))
			continue;
		at = kept < top ? kept++ : kept - 1;
		for (; at > 0 && by_clv_desc(&c, &best[at - 1]) < 0; at--)
			best[at] = best[at - 1];
		best[at] = c;
	}
	if (top > 256)
		qsort(best, kept, sizeof *best, by_clv_desc);
	return m;
}

/* A list of customers: those `want` accepts, by CLV (or revenue) descending, at most top. */
static void customer_list(report_doc *doc, const struct data *d, const char *id, size_t top,
			  int (*want)(const struct cust *, double), double arg)
{
	static const char *const cols[] = {"customer_id", "abc_class", "state", "revenue", "clv"};
	const struct cust **v = xmalloc((d->n + 1) * sizeof *v);
	size_t m = 0, ncols = 3 + (d->col.abc >= 0) + (d->col.clv >= 0), k;
	const char *use[5];
	struct report_table *t;
	use[0] = cols[0];
	k = 1;
	if (d->col.abc >= 0)
		use[k++] = cols[1];
	use[k++] = cols[2];
	use[k++] = cols[3];
	if (d->col.clv >= 0)
		use[k++] = cols[4];
	m = best_of(d, want, arg, top, v);
	t = report_doc_table(doc, id, use, ncols);
	for (size_t i = 0; i < m && i < top; i++) {
		char cls[2] = {v[i]->abc, 0};
		report_table_row(t);
		report_table_text(t, v[i]->id);
		if (d->col.abc >= 0)
			report_table_text(t, cls);
		if (v[i]->life >= 0)
			report_table_label(t, lifecycle_name(v[i]->life));
		else
			report_table_empty(t);
		report_table_num(t, RC_MONEY, v[i]->revenue);
		if (d->col.clv >= 0)
			report_table_num(t, RC_MONEY, isnan(v[i]->clv) ? 0 : v[i]->clv);
	}
	report_cut_note(t, top, m);
	free(v);
}

static int any_with_clv(const struct cust *c, double arg) { return (void)arg, !isnan(c->clv); }
static int reactivated(const struct cust *c, double arg) { return (void)arg, c->life == LC_REACTIVATED; }
static int valuable_at_risk(const struct cust *c, double cut)
{
	return (c->life == LC_AT_RISK || c->life == LC_LOST) && (c->abc == 'A' || (!isnan(c->clv) && c->clv >= cut));
}

static void value_and_actions(report_doc *doc, const struct data *d, size_t top)
{
	double cut = INFINITY;
	if (d->col.clv >= 0) {
		clv_deciles(doc, d, &cut);
		customer_list(doc, d, "top_clv", top, any_with_clv, 0);
	} else {
		report_doc_skip(doc, "clv_deciles, top_clv: no column 'clv' (run cm-clv)");
	}
	if (d->col.life >= 0 && (d->col.abc >= 0 || d->col.clv >= 0)) {
		customer_list(doc, d, "valuable_at_risk", top, valuable_at_risk, cut);
		customer_list(doc, d, "recently_reactivated", top, reactivated, 0);
	} else {
		report_doc_skip(doc, "valuable_at_risk, recently_reactivated: need 'lifecycle' and 'abc' or 'clv'");
	}
}

static void model_section(report_doc *doc, const char *path, cm_error *e, int *rc)
{
	static const char *const cols[] = {"parameter", "value"};
	struct model m;
	struct report_table *t;
	const char *const *names;
	if (model_load(&m, path, e) < 0) {
		*rc = -1;
		return;
	}
	names = model_param_names(m.kind);
	t = report_doc_table(doc, "model", cols, 2);
	report_table_row(t);
	report_table_label(t, "model_kind");
	report_table_label(t, model_kind_name(m.kind));
	report_table_row(t);
	report_table_label(t, "time_unit");
	report_table_label(t, model_unit_name(m.unit));
	for (size_t i = 0; i < m.tx.np; i++)
		figure(t, names[i], RC_NUMBER, m.tx.p[i]);
	if (!isnan(m.tx.loglik))
		figure(t, "loglik", RC_NUMBER, m.tx.loglik);
	if (!isnan(m.tx.n))
		figure(t, "n", RC_COUNT, m.tx.n);
	if (m.has_spend)
		for (size_t i = 0; i < 3; i++)
			figure(t, i == 0 ? "spend_p" : i == 1 ? "spend_q" : "spend_gamma", RC_NUMBER, m.spend.p[i]);
	if (m.horizon > 0) { /* in the model's unit: "horizon_week", 52 */
		char id[32];
		snprintf(id, sizeof id, "horizon_%s", model_unit_name(m.unit));
		figure(t, id, m.horizon == floor(m.horizon) ? RC_COUNT : RC_NUMBER, m.horizon);
	}
	if (m.discount >= 0)
		figure(t, "discount", RC_SHARE, m.discount);
}

/* ---- the baseline: where each customer stood before --------------------- */

struct before {
	char *id;
	signed char life, abc;
};

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct before *)a)->id, ((const struct before *)b)->id);
}

static struct before *load_baseline(const char *path, const struct data *d, size_t *n, cm_error *e)
{
	customer_reader *in = customer_reader_open(path, e);
	struct before *v = NULL;
	size_t cap = 0;
	long id, life, abcc;
	cm_record r;
	int rc;
	*n = 0;
	if (!in)
		return NULL;
	if ((id = customer_reader_require(in, "customer_id", "a baseline is an earlier customer table", e)) < 0) {
		customer_reader_close(in);
		return NULL;
	}
	life = customer_reader_col(in, "lifecycle");
	abcc = customer_reader_col(in, "abc");
	if ((d->col.life >= 0 && life < 0) || (d->col.abc >= 0 && abcc < 0)) { /* every customer would come from nowhere */
		err_set(e, "%s: the baseline has no column '%s' to compare with; it must be an earlier table of "
			   "cm-segment's", customer_reader_name(in), life < 0 && d->col.life >= 0 ? "lifecycle" : "abc");
		customer_reader_close(in);
		return NULL;
	}
	while ((rc = customer_reader_next(in, &r, e)) > 0) {
		xgrow((void **)&v, &cap, *n + 1, sizeof *v);
		v[*n].id = xstrdup(r.f[id]);
		v[*n].life = (signed char)(life >= 0 ? report_life_index(r.f[life]) : -1);
		v[*n].abc = (signed char)(abcc >= 0 && strchr("ABC", r.f[abcc][0]) && r.f[abcc][0] ? r.f[abcc][0] : 0);
		(*n)++;
	}
	customer_reader_close(in);
	if (rc < 0) {
		for (size_t i = 0; i < *n; i++)
			free(v[i].id);
		free(v);
		return NULL;
	}
	qsort(v, *n, sizeof *v, by_id);
	return v ? v : xcalloc(1, sizeof *v);
}

static const struct before *was(const struct before *v, size_t n, const char *id)
{
	struct before key = {(char *)id, 0, 0};
	return bsearch(&key, v, n, sizeof *v, by_id);
}

/* Short labels, so that a 7 x 7 matrix fits a terminal. */
static const char *const short_state[LC_N + 1] = {"s_prospect", "s_lost", "s_new", "s_reactivated", "s_at_risk",
						   "s_regular", "s_occasional", "none"};

static void life_migration(report_doc *doc, const struct data *d, const struct before *v, size_t n)
{
	const char *cols[LC_N + 1];
	double m[LC_N + 1][LC_N] = {{0}};
	struct report_table *t;
	cols[0] = "from";
	for (int k = 0; k < LC_N; k++)
		cols[k + 1] = short_state[k];
	for (size_t i = 0; i < d->n; i++) {
		const struct before *b = was(v, n, d->c[i].id);
		int from = b && b->life >= 0 ? b->life : LC_N; /* LC_N: not in the baseline */
		if (d->c[i].life >= 0)
			m[from][(int)d->c[i].life]++;
	}
	t = report_doc_table(doc, "lifecycle_migration", cols, LC_N + 1);
	t->chart = xstrdup("heat");
	for (int f = 0; f <= LC_N; f++) {
		report_table_row(t);
		report_table_label(t, short_state[f]);
		for (int k = 0; k < LC_N; k++)
			report_table_num(t, RC_COUNT, m[f][k]);
	}
}

static void abc_migration(report_doc *doc, const struct data *d, const struct before *v, size_t n)
{
	static const char *const cols[] = {"from", "A", "B", "C"};
	double m[4][3] = {{0}};
	struct report_table *t = report_doc_table(doc, "abc_migration", cols, 4);
	t->chart = xstrdup("heat");
	for (size_t i = 0; i < d->n; i++) {
		const struct before *b = was(v, n, d->c[i].id);
		int from = b && b->abc ? b->abc - 'A' : 3;
		if (d->c[i].abc)
			m[from][d->c[i].abc - 'A']++;
	}
	for (int f = 0; f < 4; f++) {
		char cls[2] = {(char)('A' + f), 0};
		report_table_row(t);
		if (f < 3)
			report_table_text(t, cls);
		else
			report_table_label(t, "none");
		for (int k = 0; k < 3; k++)
			report_table_num(t, RC_COUNT, m[f][k]);
	}
}

/* Customers who are in `state` now and were not in the baseline. */
static void became(report_doc *doc, const struct data *d, const struct before *v, size_t n, int state, const char *id,
		   size_t top)
{
	static const char *const cols[] = {"customer_id", "was", "now", "revenue", "clv"};
	const struct cust **list = xmalloc((d->n + 1) * sizeof *list);
	size_t m = 0;
	struct report_table *t = report_doc_table(doc, id, cols, d->col.clv >= 0 ? 5 : 4);
	for (size_t i = 0; i < d->n; i++) {
		const struct before *b = was(v, n, d->c[i].id);
		if (d->c[i].life == state && (!b || b->life != state))
			list[m++] = &d->c[i];
	}
	qsort(list, m, sizeof *list, by_clv_desc);
	for (size_t i = 0; i < m && i < top; i++) {
		const struct before *b = was(v, n, list[i]->id);
		report_table_row(t);
		report_table_text(t, list[i]->id);
		report_table_label(t, b && b->life >= 0 ? lifecycle_name(b->life) : "none");
		report_table_label(t, lifecycle_name(state));
		report_table_num(t, RC_MONEY, list[i]->revenue);
		if (d->col.clv >= 0)
			report_table_num(t, RC_MONEY, isnan(list[i]->clv) ? 0 : list[i]->clv);
	}
	report_cut_note(t, top, m);
	free(list);
}

/* The baseline, read once for a report or all its parts: where each customer
 * stood, and its key figures (none when it has no revenue column). */
struct earlier {
	struct before *v;
	size_t n;
	report_doc figures;
};

static int load_earlier(const struct report_opts *o, const struct data *d, struct earlier *b, cm_error *e)
{
	memset(b, 0, sizeof *b);
	if (!o->baseline)
		return 0;
	if (!(b->v = load_baseline(o->baseline, d, &b->n, e)))
		return -1;
	return baseline_figures(o, &b->figures, e);
}

static void free_earlier(struct earlier *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].id);
	free(b->v);
	report_doc_free(&b->figures);
}

static void migrations(report_doc *doc, const struct data *d, const struct earlier *b, size_t top)
{
	if (d->col.life >= 0) {
		life_migration(doc, d, b->v, b->n);
		became(doc, d, b->v, b->n, LC_AT_RISK, "became_at_risk", top);
		became(doc, d, b->v, b->n, LC_LOST, "became_lost", top);
	}
	if (d->col.abc >= 0)
		abc_migration(doc, d, b->v, b->n);
}

/* The sections in two halves built at the same time, each into a document of
 * its own (the second is appended to the first: the order stays). */
struct halves {
	struct data *d;
	const struct report_opts *o;
	report_doc *doc[2];
	const struct report_table *base; /* the baseline's key figures, or NULL */
	int all;                         /* base: all customers' (a report for a part) */
};

static void half(void *ctx, size_t k)
{
	struct halves *h = ctx;
	sort_for(h->d, k);
	if (k == 0) {
		key_figures(h->doc[0], h->d, h->base, h->all);
		abc(h->doc[0], h->d);
		profit_sections(h->doc[0], h->d);
		channel_sections(h->doc[0], h->d);
		lifecycle(h->doc[0], h->d);
		rfm(h->doc[0], h->d);
	} else {
		value_and_actions(h->doc[1], h->d, h->o->top);
		action_list(h->doc[1], h->d, h->o->top);
		segments(h->doc[1], h->d);
	}
}

/* The sections of d into doc; cmp: the key figures to set beside its own (the
 * baseline's, or with all set all customers'), or NULL; b: the baseline. */
static int build(report_doc *doc, struct data *d, const struct report_opts *o, const struct report_table *cmp, int all,
		 const struct earlier *b, cm_error *e)
{
	report_doc second = {0};
	struct halves h = {d, o, {doc, &second}, cmp, all};
	int rc = 0;
	memcpy(doc->currency, d->currency, sizeof doc->currency);
	memcpy(doc->since, d->since, sizeof doc->since);
	if (d->as_of != DAY_NONE) {
		char day[11];
		date_format(d->as_of, day);
		doc->as_of = xstrdup(day);
	}
	threads_each(2, o->threads > 1 ? 2 : 1, half, &h);
	report_doc_append(doc, &second);
	for (size_t k = 0; k < o->ngroups; k++) {
		static const char *const ids[REPORT_GROUPS] = {"groups", "groups_2", "groups_3", "groups_4"};
		report_by_pool(doc, d, ids[k], o->group_by[k], &d->group[k], offsetof(struct cust, group) + k * sizeof(short),
			       !cm_column(o->group_by[k]));
	}
	if (o->model_path)
		model_section(doc, o->model_path, e, &rc);
	if (rc == 0 && o->cohorts)
		rc = cohort_sections(doc, o->cohorts, o->top, e);
	if (rc == 0 && o->baseline)
		migrations(doc, d, b, o->top);
	return rc;
}

int report_build(customer_reader *in, const struct report_opts *o, report_doc *doc, cm_error *e)
{
	struct data d;
	struct earlier b = {0};
	int rc;
	memset(&d, 0, sizeof d);
	d.ids = text_store_new();
	rc = report_data_read(in, o, &d, e);
	memcpy(doc->currency, d.currency, sizeof doc->currency);
	if (rc == 0)
		rc = load_earlier(o, &d, &b, e);
	if (rc == 0)
		rc = build(doc, &d, o, b.figures.n > 0 ? b.figures.t[0] : NULL, 0, &b, e);
	free_earlier(&b);
	report_data_free(&d);
	return rc;
}

int report_build_split(customer_reader *in, const struct report_opts *o, const char *column, struct report_part **parts,
		       size_t *nparts, cm_error *e)
{
	struct report_opts with = *o;
	struct data d, part;
	struct earlier b = {0};
	report_doc all = {0};
	int rc;
	*parts = NULL;
	*nparts = 0;
	if (o->ngroups == REPORT_GROUPS)
		return err_set(e, "--split-by takes one of the %d --group-by columns: give at most %d", REPORT_GROUPS,
			       REPORT_GROUPS - 1);
	with.group_by[with.ngroups++] = column; /* read as one more group, not shown as one */
	memset(&d, 0, sizeof d);
	d.ids = text_store_new();
	rc = report_data_read(in, &with, &d, e);
	for (size_t i = 0; rc == 0 && i < d.n; i++)
		if (d.c[i].group[o->ngroups] == REPORT_BEYOND)
			rc = err_set(e, "--split-by %s: more than 500 values; split by a column with fewer", column);
	if (rc == 0)
		figures_of(&all, &d);
	if (rc == 0)
		rc = load_earlier(o, &d, &b, e);
	*parts = xcalloc(d.group[o->ngroups].n + 1, sizeof **parts);
	for (size_t k = 0; rc == 0 && k < d.group[o->ngroups].n; k++) {
		struct report_part *p = &(*parts)[(*nparts)++];
		part = d;
		part.c = xmalloc((d.n + 1) * sizeof *part.c);
		part.n = 0;
		part.by_revenue = part.by_clv = NULL;
		part.bought = part.clv_total = 0;
		part.nclv = 0;
		for (size_t i = 0; i < d.n; i++)
			if (d.c[i].group[o->ngroups] == (short)k)
				part.c[part.n++] = d.c[i];
		p->value = xstrdup(d.group[o->ngroups].v[k]);
		rc = build(&p->doc, &part, o, all.t[0], 1, &b, e);
		free(part.c);
		free(part.by_revenue);
		free(part.by_clv);
	}
	free_earlier(&b);
	report_doc_free(&all);
	report_data_free(&d);
	return rc;
}
