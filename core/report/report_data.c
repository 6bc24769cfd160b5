/* report_data — see report_data.h. */
#include "report/report_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/date.h"
#include "io/num.h"
#include "segments/lifecycle.h"

__extension__ typedef unsigned __int128 uwide; /* the sum of 2.3M amounts' sizes */

#define MAX_GROUPS 500
/* Money is shown with two decimals from a double of currency units
 * (report_money), whose steps are finer than a cent below 2^46 (70
 * trillion): there a whole cent comes out right; in units of 1/10,000,
 * 2^46 * 10,000. */
#define MONEY_SHOWN (((uwide)1 << 46) * NUM_SCALE)

static short intern(struct pool *p, const char *s)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i][0] == s[0] && strcmp(p->v[i], s) == 0) /* most names differ in their first byte */
			return (short)i;
	if (p->n >= MAX_GROUPS)
		return REPORT_BEYOND;
	xgrow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n] = xstrdup(s);
	return (short)p->n++;
}

short report_pool_find(const struct pool *p, const char *s)
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
	c->currency = customer_reader_col(in, "currency");
	c->documents = customer_reader_col(in, "documents");
	c->repeat = customer_reader_col(in, "repeat_orders");
	c->recent = customer_reader_col(in, "orders_recent");
	c->previous = customer_reader_col(in, "orders_previous");
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
	c->first = customer_reader_col(in, "first_date");
	c->idle = customer_reader_col(in, "idle_days");
	c->level[0] = customer_reader_col(in, "margin");
	c->level[1] = customer_reader_col(in, "db2");
	c->level[2] = customer_reader_col(in, "db3");
	c->abc_by = customer_reader_col(in, "abc_by");
	c->loss = customer_reader_col(in, "loss_maker");
	c->cell = customer_reader_col(in, "portfolio_cell");
	c->channels = customer_reader_col(in, "channels");
	c->main_channel = customer_reader_col(in, "main_channel");
	c->categories = customer_reader_col(in, "categories");
	c->name = customer_reader_col(in, "customer_name");
	c->p_alive = customer_reader_col(in, "p_alive");
	c->pot = customer_reader_col(in, "potential_class");
	c->measure = c->abc_by >= 0 ? -2 : -1;
}

/* The ABC measure's column, named in the first row's abc_by: -1 revenue. */
static void find_measure(customer_reader *in, const cm_record *r, struct data *d)
{
	const char *name = r->f[d->col.abc_by];
	d->col.measure = name[0] && strcmp(name, "revenue") ? customer_reader_col(in, name) : -1;
	if (d->col.measure >= 0) {
		free(d->abc_by);
		d->abc_by = xstrdup(name);
	}
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

/* A count (channels, categories): a whole number from 0 to a million, 0 when absent. */
static int count(customer_reader *in, const cm_record *r, long col, int *bad, cm_error *e)
{
	double v = num(in, r, col, 0, bad, e);
	if (*bad)
		return 0;
	if (!(v >= 0 && v <= 1e6 && v == floor(v))) {
		*bad = 1;
		err_set(e, "%s:%ld: %s '%.20s' is not a whole number from 0 to 1,000,000", customer_reader_name(in),
			r->line, customer_reader_colname(in, (size_t)col), r->f[col]);
		return 0;
	}
	return (int)v;
}

int report_life_index(const char *s)
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

static uwide size_of(int64_t v) { return v < 0 ? (uwide)0 - (uwide)v : (uwide)v; }

/* The portfolio cell of a customer of ABC class abc: class x potential (0 low .. 2 high). */
static signed char cell_index(int abc, const cm_record *r, long pot)
{
	static const char *const classes[3] = {"low", "medium", "high"};
	for (int k = 0; k < 3 && pot >= 0; k++)
		if (strcmp(r->f[pot], classes[k]) == 0)
			return (signed char)((abc - 'A') * 3 + k);
	return -1;
}

/* The row's currency: the table's one, or -1 when it names another. */
static int same_currency(customer_reader *in, const cm_record *r, struct data *d, cm_error *e)
{
	const char *s = d->col.currency >= 0 ? r->f[d->col.currency] : "";
	size_t n = d->col.currency >= 0 ? r->len[d->col.currency] : 0;
	if (n == 0 || (strlen(d->currency) == n && memcmp(d->currency, s, n) == 0))
		return 0;
	if (n > 3)
		return err_set(e, "%s:%ld: invalid currency '%.*s' in column 'currency' (a code such as EUR)",
			       customer_reader_name(in), r->line, (int)(n > 40 ? 40 : n), s);
	if (d->currency[0])
		return err_set(e, "%s:%ld: the amounts are in %.*s here and in %s above: one currency per table "
				  "(cm-import --rates converts them)", customer_reader_name(in), r->line, (int)n, s,
			       d->currency);
	memcpy(d->currency, s, n);
	d->currency[n] = 0;
	return 0;
}

static int read_one(customer_reader *in, const cm_record *r, struct data *d, uwide spread[1 + REPORT_LEVELS],
		    cm_error *e)
{
	struct cust *c;
	const char *s;
	int bad = 0;
	xgrow((void **)&d->c, &d->cap, d->n + 1, sizeof *d->c);
	c = &d->c[d->n];
	memset(c, 0, sizeof *c);
	if (same_currency(in, r, d, e) < 0)
		return -1;
	c->id = d->col.id >= 0 ? text_store_copy(d->ids, r->f[d->col.id], r->len[d->col.id]) : "";
	c->rev = money(in, r, d->col.revenue, &bad, e);
	c->revenue = (double)c->rev / NUM_SCALE;
	spread[0] += size_of(c->rev);
	for (int k = 0; k < d->nlevels; k++) {
		c->lev[k] = money(in, r, d->col.level[k], &bad, e);
		spread[1 + k] += size_of(c->lev[k]);
	}
	if (d->col.measure == -2)
		find_measure(in, r, d);
	c->measure = d->col.measure >= 0 ? num(in, r, d->col.measure, 0, &bad, e) : c->revenue;
	c->loss = (signed char)(text_cell(r, d->col.loss, &s) ? s[0] == 'y' : -1);
	c->clv = num(in, r, d->col.clv, NAN, &bad, e);
	c->orders = num(in, r, d->col.orders, 0, &bad, e);
	c->documents = num(in, r, d->col.documents, 0, &bad, e);
	c->repeat = num(in, r, d->col.repeat, 0, &bad, e);
	c->recent = num(in, r, d->col.recent, 0, &bad, e);
	c->previous = num(in, r, d->col.previous, 0, &bad, e);
	c->r = score(in, r, d->col.r, &bad, e);
	c->f = score(in, r, d->col.f, &bad, e);
	c->life = (signed char)(text_cell(r, d->col.life, &s) ? report_life_index(s) : -1);
	c->abc = (signed char)(text_cell(r, d->col.abc, &s) && strchr("ABC", s[0]) ? s[0] : 0);
	c->cell = (signed char)(text_cell(r, d->col.cell, &s) && c->abc ? cell_index(c->abc, r, d->col.pot) : -1);
	c->rfmseg = text_cell(r, d->col.rfmseg, &s) ? intern(&d->rfmseg, s) : -1;
	c->seg = text_cell(r, d->col.seg, &s) ? intern(&d->seg, s) : -1;
	c->main_channel = text_cell(r, d->col.main_channel, &s) ? intern(&d->channel, s) : -1;
	c->name = text_cell(r, d->col.name, &s) ? text_store_copy(d->ids, s, strlen(s)) : NULL;
	c->p_alive = num(in, r, d->col.p_alive, NAN, &bad, e);
	if (d->col.last < 0 || !r->len[d->col.last] ||
	    date_parse(r->f[d->col.last], r->len[d->col.last], DATE_SLASH_UNKNOWN, &c->last) != DATE_OK)
		c->last = DAY_NONE;
	if (d->col.first >= 0 && r->len[d->col.first] == 10 && (!d->since[0] || memcmp(r->f[d->col.first], d->since, 10) < 0))
		memcpy(d->since, r->f[d->col.first], 10); /* ISO dates sort as text */
	c->channels = count(in, r, d->col.channels, &bad, e);
	c->categories = count(in, r, d->col.categories, &bad, e);
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

int report_data_read(customer_reader *in, const struct report_opts *o, struct data *d, cm_error *e)
{
	cm_record r;
	uwide spread[1 + REPORT_LEVELS] = {0};
	int rc;
	find_cols(in, &d->col, o);
	for (int k = 0; k < REPORT_LEVELS; k++) /* levels come in turn: db2 without margin is none */
		if (d->col.level[k] >= 0 && d->nlevels == k)
			d->nlevels = k + 1;
	d->abc_by = xstrdup("revenue");
	d->as_of = DAY_NONE;
	if (d->col.revenue < 0)
		return err_set(e, "%s: no column 'revenue' (a customer table from cm-import has it)",
			       customer_reader_name(in));
	for (size_t k = 0; k < o->ngroups; k++)
		if (d->col.group[k] < 0)
			return err_set(e, "%s: no column '%s' for --group-by", customer_reader_name(in), o->group_by[k]);
	d->ngroups = o->ngroups;
	while ((rc = customer_reader_next(in, &r, e)) > 0)
		if (read_one(in, &r, d, spread, e) < 0)
			return -1;
	for (int k = 0; rc == 0 && k <= d->nlevels; k++)
		if (spread[k] > MONEY_SHOWN) /* so every sum of these below is exact to the cent */
			return err_set(e, "%s: the %ss add up to more than the report shows to the cent "
					  "(70,368,744,177,664.00): an article number or EAN read as an amount upstream?",
				       customer_reader_name(in), k ? report_level_name(k - 1) : "revenue");
	return rc;
}

static void free_pool(struct pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
}

const char *report_level_name(int k)
{
	static const char *const names[REPORT_LEVELS] = {"margin", "db2", "db3"};
	return names[k];
}

/* The whole units and the fraction apart: (double)units alone would round
 * above 2^53 units (900 billion), and the division round again. */
double report_money(int64_t units)
{
	return (double)(units / NUM_SCALE) + (double)(units % NUM_SCALE) / NUM_SCALE;
}

void report_data_free(struct data *d)
{
	free(d->abc_by);
	text_store_free(d->ids);
	free(d->by_revenue);
	free(d->by_clv);
	free(d->c);
	free_pool(&d->rfmseg);
	free_pool(&d->seg);
	free_pool(&d->strat);
	free_pool(&d->channel);
	for (size_t k = 0; k < REPORT_GROUPS; k++)
		free_pool(&d->group[k]);
}


void report_sums_add(struct sums *s, const struct cust *c)
{
	s->n++;
	s->rev += c->rev;
	for (int k = 0; k < REPORT_LEVELS; k++)
		s->lev[k] += c->lev[k];
	s->clv += isnan(c->clv) ? 0 : c->clv;
}

void report_group_cols(const struct data *d, const char *first, int share, const char **cols, size_t *n)
{
	*n = 0;
	cols[(*n)++] = first;
	cols[(*n)++] = "customers";
	cols[(*n)++] = "revenue";
	for (int k = 0; k < d->nlevels; k++)
		cols[(*n)++] = report_level_name(k);
	if (share)
		cols[(*n)++] = "share_revenue";
	if (d->col.clv >= 0)
		cols[(*n)++] = "clv";
}

void report_cut_note(struct report_table *t, size_t top, size_t m)
{
	char note[64];
	if (m <= top)
		return;
	snprintf(note, sizeof note, "%zu of %zu", top, m);
	t->note = xstrdup(note);
	t->note_kind = NOTE_CUT;
	t->note_n[0] = (long)top;
	t->note_n[1] = (long)m;
}

double report_total_revenue(const struct data *d)
{
	int64_t s = 0;
	for (size_t i = 0; i < d->n; i++)
		s += d->c[i].rev;
	return report_money(s);
}

void report_by_pool(report_doc *doc, const struct data *d, const char *id, const char *first, const struct pool *p,
		    size_t offset, int verbatim)
{
	const char *cols[5 + REPORT_LEVELS];
	struct sums *sum = xcalloc(p->n + 1, sizeof *sum);
	double total = report_total_revenue(d);
	size_t ncols, *order = xmalloc((p->n + 1) * sizeof *order);
	struct report_table *t;
	report_group_cols(d, first, 1, cols, &ncols);
	t = report_doc_table(doc, id, cols, ncols);
	struct sums beyond = {0};
	for (size_t i = 0; i < d->n; i++) {
		short k = *(const short *)((const char *)&d->c[i] + offset);
		if (k >= 0)
			report_sums_add(&sum[k], &d->c[i]);
		else if (k == REPORT_BEYOND)
			report_sums_add(&beyond, &d->c[i]);
	}
	for (size_t k = 0; k < p->n; k++)
		order[k] = k;
	for (size_t a = 1; a < p->n; a++) /* by revenue, then name: the same whatever the row order */
		for (size_t b = a; b > 0; b--) {
			size_t x = order[b - 1], y = order[b];
			if (sum[x].rev > sum[y].rev || (sum[x].rev == sum[y].rev && strcmp(p->v[x], p->v[y]) <= 0))
				break;
			order[b - 1] = y;
			order[b] = x;
		}
	for (size_t i = 0; i < p->n; i++) {
		report_table_row(t);
		if (verbatim) /* a value of the data: never translated */
			report_table_text(t, p->v[order[i]]);
		else
			report_table_label(t, p->v[order[i]]);
		report_group_cells(d, t, &sum[order[i]], 1, total);
	}
	if (beyond.n > 0) {
		report_table_row(t);
		report_table_label(t, "more_values");
		report_group_cells(d, t, &beyond, 1, total);
	}
	free(order);
	free(sum);
}

void report_group_cells(const struct data *d, struct report_table *t, const struct sums *s, int share, double total)
{
	report_table_num(t, RC_COUNT, s->n);
	report_table_num(t, RC_MONEY, report_money(s->rev));
	for (int k = 0; k < d->nlevels; k++)
		report_table_num(t, RC_MONEY, report_money(s->lev[k]));
	if (share)
		report_table_num(t, RC_SHARE, total != 0 ? report_money(s->rev) / total : 0);
	if (d->col.clv >= 0)
		report_table_num(t, RC_MONEY, s->clv);
}
