/* channel_report — see channel_report.h. */
#include "report/channel_report.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* What a kind of customer comes to: the figures per customer and the rates. */
struct tally {
	struct sums s;
	double before, again;        /* buyers of the window before the last; of them, buying again */
};

static void tally_add(struct tally *t, const struct cust *c)
{
	report_sums_add(&t->s, c);
	t->before += c->previous > 0;
	t->again += c->previous > 0 && c->recent > 0;
}

/* Retention needs buyers in the window before the last. */
static int with_retention(const struct data *d)
{
	if (d->col.previous < 0 || d->col.recent < 0)
		return 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->c[i].previous > 0)
			return 1;
	return 0;
}

static void compare_cols(const struct data *d, const char *first, const char **cols, size_t *n)
{
	*n = 0;
	cols[(*n)++] = first;
	cols[(*n)++] = "customers";
	cols[(*n)++] = "share";
	cols[(*n)++] = "revenue_per_customer";
	if (d->nlevels > 0)
		cols[(*n)++] = "contribution_per_customer";
	if (with_retention(d))
		cols[(*n)++] = "retention";
}

static void rate(struct report_table *t, double part, double whole)
{
	if (whole > 0)
		report_table_num(t, RC_SHARE, part / whole);
	else
		report_table_empty(t);
}

static void compare_row(const struct data *d, struct report_table *t, const char *label, const struct tally *k,
			double all)
{
	double n = k->s.n;
	report_table_row(t);
	report_table_label(t, label);
	report_table_num(t, RC_COUNT, n);
	report_table_num(t, RC_SHARE, all > 0 ? n / all : 0);
	report_table_num(t, RC_MONEY, n > 0 ? report_money(k->s.rev) / n : 0);
	if (d->nlevels > 0)
		report_table_num(t, RC_MONEY, n > 0 ? report_money(k->s.lev[d->nlevels - 1]) / n : 0);
	if (with_retention(d))
		rate(t, k->again, k->before);
}

/* Single- against multi-channel customers (and those whose lines named none). */
static void channels(report_doc *doc, const struct data *d)
{
	static const char *const labels[] = {"no_channel", "single_channel", "multi_channel"};
	const char *cols[8];
	size_t ncols;
	struct tally k[3];
	struct report_table *t;
	memset(k, 0, sizeof k);
	compare_cols(d, "channel_use", cols, &ncols);
	t = report_doc_table(doc, "channels", cols, ncols);
	for (size_t i = 0; i < d->n; i++)
		tally_add(&k[d->c[i].channels > 1 ? 2 : d->c[i].channels], &d->c[i]);
	for (int i = 0; i < 3; i++)
		if (i > 0 || k[i].s.n > 0)
			compare_row(d, t, labels[i], &k[i], (double)d->n);
}

/* Customers by the number of categories they bought in. */
static void cross_buying(report_doc *doc, const struct data *d)
{
	static const struct {
		int lo, hi;
		const char *label;
	} bands[] = {{0, 0, "categories_0"}, {1, 1, "categories_1"}, {2, 2, "categories_2"}, {3, 3, "categories_3"},
		     {4, 5, "categories_4_5"}, {6, 10, "categories_6_10"}, {11, 1 << 30, "categories_11"}};
	enum { NBANDS = sizeof bands / sizeof bands[0] };
	const char *cols[8];
	size_t ncols;
	struct tally k[NBANDS];
	struct report_table *t;
	memset(k, 0, sizeof k);
	compare_cols(d, "categories_bought", cols, &ncols);
	t = report_doc_table(doc, "cross_buying", cols, ncols);
	for (size_t i = 0; i < d->n; i++)
		for (size_t b = 0; b < NBANDS; b++)
			if (d->c[i].categories >= bands[b].lo && d->c[i].categories <= bands[b].hi)
				tally_add(&k[b], &d->c[i]);
	for (size_t b = 0; b < NBANDS; b++)
		if (b > 0 || k[b].s.n > 0)
			compare_row(d, t, bands[b].label, &k[b], (double)d->n);
}

void channel_figures(struct report_table *t, const struct data *d)
{
	double some[2] = {0, 0}, more[2] = {0, 0};
	for (size_t i = 0; i < d->n; i++) {
		some[0] += d->c[i].channels > 0;
		more[0] += d->c[i].channels > 1;
		some[1] += d->c[i].categories > 0;
		more[1] += d->c[i].categories > 1;
	}
	if (d->col.channels >= 0) {
		report_table_row(t);
		report_table_label(t, "multichannel_share");
		rate(t, more[0], some[0]);
	}
	if (d->col.categories >= 0) {
		report_table_row(t);
		report_table_label(t, "cross_buying_rate");
		rate(t, more[1], some[1]);
	}
}

void channel_sections(report_doc *doc, const struct data *d)
{
	if (d->col.channels >= 0) {
		channels(doc, d);
		if (d->col.main_channel >= 0)
			report_by_pool(doc, d, "main_channels", "main_channel", &d->channel,
				       offsetof(struct cust, main_channel), 1);
	}
	if (d->col.categories >= 0)
		cross_buying(doc, d);
}
