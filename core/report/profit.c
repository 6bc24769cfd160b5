/* profit — see profit.h. */
#include "report/profit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/radix.h"

/* The last contribution level there is (db3, else db2, else margin). */
static int64_t last_level(const struct data *d, const struct cust *c) { return c->lev[d->nlevels - 1]; }

static void figure(struct report_table *t, const char *label, int kind, double v)
{
	report_table_row(t);
	report_table_label(t, label);
	report_table_num(t, kind, v);
}

void profit_figures(struct report_table *t, const struct data *d)
{
	int64_t total[REPORT_LEVELS] = {0}, lost = 0;
	size_t losers = 0;
	for (size_t i = 0; i < d->n; i++) {
		for (int k = 0; k < d->nlevels; k++)
			total[k] += d->c[i].lev[k];
		if (d->nlevels && last_level(d, &d->c[i]) < 0) {
			losers++;
			lost += last_level(d, &d->c[i]);
		}
	}
	for (int k = 0; k < d->nlevels; k++)
		figure(t, report_level_name(k), RC_MONEY, report_money(total[k]));
	if (d->nlevels) {
		figure(t, "loss_makers", RC_COUNT, (double)losers);
		figure(t, "loss_makers_destroy", RC_MONEY, report_money(-lost));
	}
}

/* The curve at every twentieth of the customers, and its key points. */
static void stobachoff(report_doc *doc, const struct data *d)
{
	static const char *const cols[] = {"customer_share", "contribution_share"};
	static const char *const fig[] = {"figure", "value"};
	double *v = xmalloc((d->n + 1) * sizeof *v), cum = 0, total;
	int64_t sum = 0, peak = 0, lost = 0;
	size_t k = 0, losers = 0;
	struct report_table *t, *p;
	for (size_t i = 0; i < d->n; i++) {
		int64_t x = last_level(d, &d->c[i]);
		v[i] = report_money(x);
		sum += x;
		peak += x > 0 ? x : 0;
		lost += x < 0 ? x : 0;
		losers += x < 0;
	}
	radix_sort_desc(v, d->n);
	total = report_money(sum);
	t = report_doc_table(doc, "stobachoff", cols, 2);
	t->chart = xstrdup("whale");
	for (int step = 0; step <= 20; step++) {
		size_t upto = (size_t)ceil((double)d->n * step / 20.0);
		while (k < upto && k < d->n)
			cum += v[k++];
		report_table_row(t);
		report_table_num(t, RC_SHARE, step / 20.0);
		report_table_num(t, RC_SHARE, total > 0 ? cum / total : 0);
	}
	p = report_doc_table(doc, "stobachoff_points", fig, 2);
	figure(p, "contribution_total", RC_MONEY, total);
	figure(p, "contribution_of_gainers", RC_MONEY, report_money(peak));
	figure(p, "peak_share", RC_SHARE, total > 0 ? report_money(peak) / total : 0);
	figure(p, "customers_past_peak", RC_COUNT, (double)losers);
	figure(p, "share_past_peak", RC_SHARE, d->n ? (double)losers / (double)d->n : 0);
	figure(p, "profit_lost", RC_MONEY, report_money(-lost));
	free(v);
}

/* The strategy most customers of a cell follow, "" when none. */
static const char *main_strategy(const struct data *d, const size_t *counts)
{
	size_t best = 0;
	for (size_t s = 1; s < d->seg.n; s++)
		if (counts[s] > counts[best])
			best = s;
	return d->seg.n && counts[best] && best < d->strat.n ? d->strat.v[best] : "";
}

/* The portfolio: ABC class (current value) against potential, a row per cell. */
static void portfolio(report_doc *doc, const struct data *d)
{
	static const char *const names[9] = {"cash", "star", "star", "cash", "maintain", "development",
					     "take_along", "take_along", "development"};
	static const char *const pot[3] = {"low", "medium", "high"};
	const char *cols[8 + REPORT_LEVELS];
	struct sums sum[9];
	size_t *counts = xcalloc(9 * (d->seg.n + 1), sizeof *counts), n = 0;
	struct report_table *t;
	cols[n++] = "portfolio_cell";
	cols[n++] = "abc_class";
	cols[n++] = "potential_class";
	cols[n++] = "customers";
	cols[n++] = "revenue";
	if (d->nlevels)
		cols[n++] = "contribution";
	if (d->col.clv >= 0)
		cols[n++] = "clv";
	memset(sum, 0, sizeof sum);
	for (size_t i = 0; i < d->n; i++) {
		const struct cust *c = &d->c[i];
		if (c->cell < 0)
			continue;
		report_sums_add(&sum[(int)c->cell], c);
		if (c->seg >= 0)
			counts[(size_t)c->cell * (d->seg.n + 1) + (size_t)c->seg]++;
	}
	t = report_doc_table(doc, "portfolio", cols, n);
	t->chart = xstrdup("portfolio");
	for (int row = 2; row >= 0; row--) /* high potential first, as the matrix is drawn */
		for (int cls = 0; cls < 3; cls++) {
			const struct sums *s = &sum[cls * 3 + row];
			char abc[2] = {(char)('A' + cls), 0};
			report_table_row(t);
			report_table_label(t, names[cls * 3 + row]);
			report_table_text(t, abc);
			report_table_label(t, pot[row]);
			report_table_num(t, RC_COUNT, s->n);
			report_table_num(t, RC_MONEY, report_money(s->rev));
			if (d->nlevels)
				report_table_num(t, RC_MONEY, report_money(s->lev[d->nlevels - 1]));
			if (d->col.clv >= 0)
				report_table_num(t, RC_MONEY, s->clv);
		}
	if (d->col.seg >= 0) { /* what is done in each cell: the strategy most of its customers follow */
		static const char *const scols[] = {"portfolio_cell", "abc_class", "potential_class", "strategy"};
		struct report_table *st = report_doc_table(doc, "portfolio_strategies", scols, 4);
		for (int row = 2; row >= 0; row--)
			for (int cls = 0; cls < 3; cls++) {
				char abc[2] = {(char)('A' + cls), 0};
				report_table_row(st);
				report_table_label(st, names[cls * 3 + row]);
				report_table_text(st, abc);
				report_table_label(st, pot[row]);
				report_table_label(st, main_strategy(d, counts + (size_t)(cls * 3 + row) * (d->seg.n + 1)));
			}
	}
	free(counts);
}

void profit_sections(report_doc *doc, const struct data *d)
{
	int cells = 0;
	if (d->nlevels)
		stobachoff(doc, d);
	else
		report_doc_skip(doc, "stobachoff: no contribution column (margin, db2, db3: cm-import --margin, --cost)");
	for (size_t i = 0; i < d->n && !cells; i++)
		cells = d->c[i].cell >= 0;
	if (cells)
		portfolio(doc, d);
	else
		report_doc_skip(doc, "portfolio: no portfolio_cell (cm-segment, with clv or a potential column)");
}
