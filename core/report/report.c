/* report — see report.h. */
#include "report/report.h"

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

__extension__ typedef unsigned __int128 uwide; /* the sum of 2.3M amounts' sizes */

#define MAX_GROUPS 500
/* Money is shown with two decimals from a double, which holds whole cents
 * exactly up to 2^53 of them: in units of 1/10,000, 2^53 * 100. */
#define MONEY_SHOWN (((uwide)1 << 53) * 100)

struct cust {
	const char *id;                 /* in the data's store */
	int64_t rev;                    /* revenue, exact: units of 1/10,000 (num.h); sums are taken of these */
	double revenue, clv, orders, repeat, recent;
	signed char life, abc, r, f;   /* -1 / 0 when absent */
	short rfmseg, seg;              /* indexes into pools, -1 when absent */
	short group[REPORT_GROUPS];
};

struct pool {                          /* the distinct values of a text column */
	char **v;
	size_t n, cap;
};

struct cols {
	long id, revenue, clv, orders, repeat, recent, life, abc, rfmseg, r, f, seg, strat, last, idle;
	long group[REPORT_GROUPS];
};

struct data {
	struct cust *c;
	size_t n, cap;
	struct cols col;
	struct pool rfmseg, seg, strat, group[REPORT_GROUPS];
	text_store *ids;                 /* the customers' ids */
	double *by_revenue, *by_clv;    /* revenue (returns as 0) and the known CLVs, falling */
	size_t nclv;
	double bought, clv_total;       /* their sums, taken in the table's order */
	uwide spread;                   /* the sum of |rev|: no sum of revenues is larger */
	short *seg_strategy;            /* strategy of each segment (the first seen) */
	size_t ngroups;
	int32_t as_of;
};

static short intern(struct pool *p, const char *s)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i][0] == s[0] && strcmp(p->v[i], s) == 0) /* most names differ in their first byte */
			return (short)i;
	if (p->n >= MAX_GROUPS)
		return -1;
	xgrow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n] = xstrdup(s);
	return (short)p->n++;
}

static short find_in(const struct pool *p, const char *s)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i], s) == 0)
			return (short)i;
	return -1;
}

static void find_cols(customer_reader *in, struct cols *c, const struct report_opts *o)
{
	c->id = customer_reader_col(in, "customer_id");
	c->revenue = customer_reader_col(in, "revenue");
	c->clv = customer_reader_col(in, "clv");
	c->orders = customer_reader_col(in, "orders");
	c->repeat = customer_reader_col(in, "repeat_orders");
	c->recent = customer_reader_col(in, "orders_recent");
	c->life = customer_reader_col(in, "lifecycle");
	c->abc = customer_reader_col(in, "abc");
	c->rfmseg = customer_reader_col(in, "rfm_segment");
	c->r = customer_reader_col(in, "r_score");
	c->f = customer_reader_col(in, "f_score");
	c->seg = customer_reader_col(in, "segment");
	c->strat = customer_reader_col(in, "strategy");
	for (size_t k = 0; k < o->ngroups; k++)
		c->group[k] = customer_reader_col(in, o->group_by[k]);
	c->last = customer_reader_col(in, "last_date");
	c->idle = customer_reader_col(in, "idle_days");
}

static double num(customer_reader *in, const cm_record *r, long col, double missing, int *bad, cm_error *e)
{
	double v;
	int rc;
	if (col < 0)
		return missing;
	rc = customer_reader_number(in, r, col, &v, e);
	*bad |= rc < 0;
	return rc == 1 ? v : missing;
}

/* An amount, exact (units of 1/10,000), 0 when absent. */
static int64_t money(customer_reader *in, const cm_record *r, long col, int *bad, cm_error *e)
{
	int64_t v = 0;
	int rc;
	if (*bad || col < 0 || r->len[col] == 0)
		return 0;
	if ((rc = num_parse(r->f[col], r->len[col], NUM_POINT, &v)) != NUM_OK) {
		*bad = 1;
		err_set(e, "%s:%ld: %s '%.40s' is %s", customer_reader_name(in), r->line, customer_reader_colname(in, (size_t)col),
			r->f[col], rc == NUM_RANGE ? "beyond the amounts the report shows to the cent" : "not an amount");
	}
	return v;
}

/* An RFM score (1 to 10), 0 when absent; out of range is an error. */
static signed char score(customer_reader *in, const cm_record *r, long col, int *bad, cm_error *e)
{
	double v = num(in, r, col, 0, bad, e);
	if (*bad || (v == 0 && (col < 0 || r->len[col] == 0)))
		return 0;
	if (!(v >= 1 && v <= 10 && v == floor(v))) {
		*bad = 1;
		err_set(e, "%s:%ld: %s '%.20s' is not a whole score from 1 to 10", customer_reader_name(in), r->line,
			customer_reader_colname(in, (size_t)col), r->f[col]);
		return 0;
	}
	return (signed char)v;
}

static int life_index(const char *s)
{
	for (int k = 0; k < LC_N; k++)
		if (s[0] == lifecycle_name(k)[0] && strcmp(s, lifecycle_name(k)) == 0)
			return k;
	return -1;
}

static int text_cell(const cm_record *r, long col, const char **s)
{
	*s = col >= 0 ? r->f[col] : "";
	return col >= 0 && r->len[col] > 0;
}

static int read_one(customer_reader *in, const cm_record *r, struct data *d, cm_error *e)
{
	struct cust *c;
	const char *s;
	int bad = 0;
	xgrow((void **)&d->c, &d->cap, d->n + 1, sizeof *d->c);
	c = &d->c[d->n];
	memset(c, 0, sizeof *c);
	c->id = d->col.id >= 0 ? text_store_copy(d->ids, r->f[d->col.id], r->len[d->col.id]) : "";
	c->rev = money(in, r, d->col.revenue, &bad, e);
	c->revenue = (double)c->rev / NUM_SCALE;
	d->spread += c->rev < 0 ? (uwide)0 - (uwide)c->rev : (uwide)c->rev;
	c->clv = num(in, r, d->col.clv, NAN, &bad, e);
	c->orders = num(in, r, d->col.orders, 0, &bad, e);
	c->repeat = num(in, r, d->col.repeat, 0, &bad, e);
	c->recent = num(in, r, d->col.recent, 0, &bad, e);
	c->r = score(in, r, d->col.r, &bad, e);
	c->f = score(in, r, d->col.f, &bad, e);
	c->life = (signed char)(text_cell(r, d->col.life, &s) ? life_index(s) : -1);
	c->abc = (signed char)(text_cell(r, d->col.abc, &s) && strchr("ABC", s[0]) ? s[0] : 0);
	c->rfmseg = text_cell(r, d->col.rfmseg, &s) ? intern(&d->rfmseg, s) : -1;
	c->seg = text_cell(r, d->col.seg, &s) ? intern(&d->seg, s) : -1;
	for (size_t k = 0; k < REPORT_GROUPS; k++)
		c->group[k] = k < d->ngroups ? intern(&d->group[k], r->f[d->col.group[k]]) : -1;
	if (c->seg >= 0 && (size_t)c->seg >= d->strat.n) { /* a new segment: remember its strategy */
		text_cell(r, d->col.strat, &s);
		while (d->strat.n <= (size_t)c->seg) {
			xgrow((void **)&d->strat.v, &d->strat.cap, d->strat.n + 1, sizeof *d->strat.v);
			d->strat.v[d->strat.n++] = xstrdup(s);
		}
	}
	if (d->as_of == DAY_NONE && d->col.last >= 0 && d->col.idle >= 0 && r->len[d->col.last]) {
		int32_t day;
		double idle = num(in, r, d->col.idle, NAN, &bad, e);
		if (!isnan(idle) && date_parse(r->f[d->col.last], r->len[d->col.last], DATE_SLASH_UNKNOWN, &day) == DATE_OK)
			d->as_of = day + (int32_t)idle;
	}
	d->n++;
	return bad ? -1 : 0;
}

static int read_all(customer_reader *in, const struct report_opts *o, struct data *d, cm_error *e)
{
	cm_record r;
	int rc;
	find_cols(in, &d->col, o);
	d->as_of = DAY_NONE;
	if (d->col.revenue < 0)
		return err_set(e, "%s: no column 'revenue' (a customer table from cm-import has it)",
			       customer_reader_name(in));
	for (size_t k = 0; k < o->ngroups; k++)
		if (d->col.group[k] < 0)
			return err_set(e, "%s: no column '%s' for --group-by", customer_reader_name(in), o->group_by[k]);
	d->ngroups = o->ngroups;
	while ((rc = customer_reader_next(in, &r, e)) > 0)
		if (read_one(in, &r, d, e) < 0)
			return -1;
	if (rc == 0 && d->spread > MONEY_SHOWN) /* so every sum of revenues below is exact to the cent */
		return err_set(e, "%s: the revenues add up to more than the report shows to the cent "
				  "(90,071,992,547,409.92): an article number or EAN read as an amount upstream?",
			       customer_reader_name(in));
	return rc;
}

static void free_pool(struct pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
}

static void free_data(struct data *d)
{
	text_store_free(d->ids);
	free(d->by_revenue);
	free(d->by_clv);
	free(d->c);
	free_pool(&d->rfmseg);
	free_pool(&d->seg);
	free_pool(&d->strat);
	for (size_t k = 0; k < REPORT_GROUPS; k++)
		free_pool(&d->group[k]);
}

/* ---- sections ----------------------------------------------------------- */

static void figure(struct report_table *t, const char *label, int kind, double v)
{
	report_table_row(t);
	report_table_label(t, label);
	report_table_num(t, kind, v);
}

/* Units of 1/10,000 as money: exact to the cent within MONEY_SHOWN. */
static double shown(int64_t units) { return (double)units / NUM_SCALE; }

static double total_revenue(const struct data *d)
{
	int64_t s = 0;
	for (size_t i = 0; i < d->n; i++)
		s += d->c[i].rev;
	return shown(s);
}

static void key_figures(report_doc *doc, const struct data *d)
{
	static const char *const cols[] = {"figure", "value"};
	struct report_table *t = report_doc_table(doc, "key_figures", cols, 2);
	double revenue, orders = 0, buyers = 0, repeaters = 0, active = 0, clv = 0, nclv = 0;
	long life[LC_N] = {0};
	revenue = total_revenue(d);
	for (size_t i = 0; i < d->n; i++) {
		const struct cust *c = &d->c[i];
		orders += c->orders;
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
	if (d->col.orders >= 0) {
		figure(t, "orders", RC_COUNT, orders);
		figure(t, "avg_order_value", RC_MONEY, orders > 0 ? revenue / orders : 0);
	}
	if (d->col.repeat >= 0)
		figure(t, "repeat_rate", RC_SHARE, buyers > 0 ? repeaters / buyers : 0);
	if (d->col.life >= 0) {
		figure(t, "new_customers", RC_COUNT, (double)life[LC_NEW]);
		figure(t, "lost_customers", RC_COUNT, (double)life[LC_LOST]);
		figure(t, "reactivated_customers", RC_COUNT, (double)life[LC_REACTIVATED]);
	}
	if (d->col.clv >= 0) {
		figure(t, "clv_total", RC_MONEY, clv);
		figure(t, "clv_mean", RC_MONEY, nclv > 0 ? clv / nclv : 0);
	}
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

static void abc(report_doc *doc, const struct data *d)
{
	static const char *const cols[] = {"class", "customers", "share_customers", "revenue", "share_revenue"};
	double n[3] = {0}, total = total_revenue(d);
	int64_t rev[3] = {0};
	struct report_table *t;
	if (d->col.abc < 0) {
		report_doc_skip(doc, "abc: no column 'abc' (run cm-segment)");
		return;
	}
	t = report_doc_table(doc, "abc", cols, 5);
	t->chart = xstrdup("abc");
	for (size_t i = 0; i < d->n; i++)
		if (d->c[i].abc) {
			n[d->c[i].abc - 'A']++;
			rev[d->c[i].abc - 'A'] += d->c[i].rev;
		}
	for (int k = 0; k < 3; k++) {
		char cls[2] = {(char)('A' + k), 0};
		report_table_row(t);
		report_table_text(t, cls);
		report_table_num(t, RC_COUNT, n[k]);
		report_table_num(t, RC_SHARE, d->n ? n[k] / (double)d->n : 0);
		report_table_num(t, RC_MONEY, shown(rev[k]));
		report_table_num(t, RC_SHARE, total != 0 ? shown(rev[k]) / total : 0);
	}
	concentration(doc, d);
}

static void lifecycle(report_doc *doc, const struct data *d)
{
	static const char *const cols[] = {"state", "customers", "revenue", "clv"};
	double n[LC_N] = {0}, clv[LC_N] = {0};
	int64_t rev[LC_N] = {0};
	int has_clv = d->col.clv >= 0;
	struct report_table *t;
	if (d->col.life < 0) {
		report_doc_skip(doc, "lifecycle: no column 'lifecycle' (run cm-segment)");
		return;
	}
	t = report_doc_table(doc, "lifecycle", cols, has_clv ? 4 : 3);
	t->chart = xstrdup("bars");
	for (size_t i = 0; i < d->n; i++) {
		const struct cust *c = &d->c[i];
		if (c->life < 0)
			continue;
		n[(int)c->life]++;
		rev[(int)c->life] += c->rev;
		clv[(int)c->life] += isnan(c->clv) ? 0 : c->clv;
	}
	for (int k = 0; k < LC_N; k++) {
		report_table_row(t);
		report_table_label(t, lifecycle_name(k));
		report_table_num(t, RC_COUNT, n[k]);
		report_table_num(t, RC_MONEY, shown(rev[k]));
		if (has_clv)
			report_table_num(t, RC_MONEY, clv[k]);
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
		char label[8];
		snprintf(label, sizeof label, "R%d", r);
		report_table_row(t);
		report_table_text(t, label);
		for (int f = 0; f < 5; f++)
			report_table_num(t, RC_COUNT, grid[r - 1][f]);
	}
}

/* Customers and revenue (and CLV) per value of a pooled column. */
static void by_pool(report_doc *doc, const struct data *d, const char *id, const char *first, const struct pool *p,
		    size_t offset)
{
	const char *cols[] = {first, "customers", "revenue", "share_revenue", "clv"};
	int has_clv = d->col.clv >= 0;
	double *n = xcalloc(p->n + 1, sizeof *n);
	int64_t *rev = xcalloc(p->n + 1, sizeof *rev);
	double *clv = xcalloc(p->n + 1, sizeof *clv), total = total_revenue(d);
	struct report_table *t = report_doc_table(doc, id, cols, has_clv ? 5 : 4);
	for (size_t i = 0; i < d->n; i++) {
		short k = *(const short *)((const char *)&d->c[i] + offset);
		if (k < 0)
			continue;
		n[k]++;
		rev[k] += d->c[i].rev;
		clv[k] += isnan(d->c[i].clv) ? 0 : d->c[i].clv;
	}
	size_t *order = xmalloc((p->n + 1) * sizeof *order);
	for (size_t k = 0; k < p->n; k++)
		order[k] = k;
	for (size_t a = 1; a < p->n; a++) /* by revenue, then name: the same whatever the row order */
		for (size_t b = a; b > 0; b--) {
			size_t x = order[b - 1], y = order[b];
			if (rev[x] > rev[y] || (rev[x] == rev[y] && strcmp(p->v[x], p->v[y]) <= 0))
				break;
			order[b - 1] = y;
			order[b] = x;
		}
	for (size_t i = 0; i < p->n; i++) {
		size_t k = order[i];
		report_table_row(t);
		report_table_label(t, p->v[k]);
		report_table_num(t, RC_COUNT, n[k]);
		report_table_num(t, RC_MONEY, shown(rev[k]));
		report_table_num(t, RC_SHARE, total != 0 ? shown(rev[k]) / total : 0);
		if (has_clv)
			report_table_num(t, RC_MONEY, clv[k]);
	}
	free(order);
	free(n);
	free(rev);
	free(clv);
}

static void rfm(report_doc *doc, const struct data *d)
{
	if (d->col.rfmseg < 0) {
		report_doc_skip(doc, "rfm: no column 'rfm_segment' (run cm-segment)");
		return;
	}
	by_pool(doc, d, "rfm", "rfm_segment", &d->rfmseg, offsetof(struct cust, rfmseg));
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
	by_pool(doc, d, "segments", "segment", &d->seg, offsetof(struct cust, seg));
	if (d->col.strat < 0)
		return;
	{
		const struct report_table *segs = doc->t[doc->n - 1]; /* by_pool's table: its order */
		t = report_doc_table(doc, "strategies", cols, 2);
		for (size_t r = 0; r < segs->nrows; r++) {
			const char *name = report_table_cell(segs, r, 0)->s;
			short k = find_in(&d->seg, name);
			report_table_row(t);
			report_table_label(t, name);
			report_table_text(t, k >= 0 && (size_t)k < d->strat.n ? d->strat.v[k] : "");
		}
	}
}

/* A list cut to its first `top` of m says so under the table. */
static void cut_note(struct report_table *t, size_t top, size_t m)
{
	char note[64];
	if (m <= top)
		return;
	snprintf(note, sizeof note, "%zu of %zu", top, m);
	t->note = xstrdup(note);
}

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
	cut_note(t, top, m);
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
	report_table_text(t, "model");
	report_table_text(t, model_kind_name(m.kind));
	report_table_row(t);
	report_table_text(t, "unit");
	report_table_text(t, model_unit_name(m.unit));
	for (size_t i = 0; i < m.tx.np; i++)
		figure(t, names[i], RC_NUMBER, m.tx.p[i]);
	if (!isnan(m.tx.loglik))
		figure(t, "loglik", RC_NUMBER, m.tx.loglik);
	if (!isnan(m.tx.n))
		figure(t, "n", RC_COUNT, m.tx.n);
	if (m.has_spend)
		for (size_t i = 0; i < 3; i++)
			figure(t, i == 0 ? "spend_p" : i == 1 ? "spend_q" : "spend_gamma", RC_NUMBER, m.spend.p[i]);
	if (m.horizon > 0)
		figure(t, "horizon", RC_NUMBER, m.horizon);
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
		v[*n].life = (signed char)(life >= 0 ? life_index(r.f[life]) : -1);
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
	cut_note(t, top, m);
	free(list);
}

static int baseline(report_doc *doc, const struct data *d, const struct report_opts *o, cm_error *e)
{
	size_t n;
	struct before *v = load_baseline(o->baseline, d, &n, e);
	if (!v)
		return -1;
	if (d->col.life >= 0) {
		life_migration(doc, d, v, n);
		became(doc, d, v, n, LC_AT_RISK, "became_at_risk", o->top);
		became(doc, d, v, n, LC_LOST, "became_lost", o->top);
	}
	if (d->col.abc >= 0)
		abc_migration(doc, d, v, n);
	for (size_t i = 0; i < n; i++)
		free(v[i].id);
	free(v);
	return 0;
}

/* The sections in two halves built at the same time, each into a document of
 * its own (the second is appended to the first: the order stays). */
struct halves {
	struct data *d;
	const struct report_opts *o;
	report_doc *doc[2];
};

static void half(void *ctx, size_t k)
{
	struct halves *h = ctx;
	sort_for(h->d, k);
	if (k == 0) {
		key_figures(h->doc[0], h->d);
		abc(h->doc[0], h->d);
		lifecycle(h->doc[0], h->d);
		rfm(h->doc[0], h->d);
	} else {
		value_and_actions(h->doc[1], h->d, h->o->top);
		segments(h->doc[1], h->d);
	}
}

int report_build(customer_reader *in, const struct report_opts *o, report_doc *doc, cm_error *e)
{
	struct data d;
	int rc;
	memset(&d, 0, sizeof d);
	d.ids = text_store_new();
	rc = read_all(in, o, &d, e);
	if (rc == 0) {
		if (d.as_of != DAY_NONE) {
			char day[11];
			date_format(d.as_of, day);
			doc->as_of = xstrdup(day);
		}
		report_doc second = {0};
		struct halves h = {&d, o, {doc, &second}};
		threads_each(2, o->threads > 1 ? 2 : 1, half, &h);
		report_doc_append(doc, &second);
		for (size_t k = 0; k < o->ngroups; k++) {
			static const char *const ids[REPORT_GROUPS] = {"groups", "groups_2", "groups_3", "groups_4"};
			by_pool(doc, &d, ids[k], o->group_by[k], &d.group[k],
				offsetof(struct cust, group) + k * sizeof(short));
		}
		if (o->model_path)
			model_section(doc, o->model_path, e, &rc);
		if (rc == 0 && o->baseline)
			rc = baseline(doc, &d, o, e);
	}
	free_data(&d);
	return rc;
}
