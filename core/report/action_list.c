/* action_list — see action_list.h. */
#include "report/action_list.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/date.h"
#include "segments/lifecycle.h"

/* The segments of the built-in rules whose strategy is a person's call. */
static int personal(const struct data *d, const struct cust *c)
{
	static const char *const calls[] = {"key_account_rescue", "win_back", NULL};
	if (c->seg < 0)
		return 0;
	for (int i = 0; calls[i]; i++)
		if (strcmp(d->seg.v[c->seg], calls[i]) == 0)
			return 1;
	return 0;
}

static int needs_person(const struct data *d, const struct cust *c)
{
	return (c->abc == 'A' && (c->life == LC_AT_RISK || c->life == LC_LOST)) || personal(d, c);
}

static int by_stake(const void *a, const void *b)
{
	const struct cust *x = *(const struct cust *const *)a, *y = *(const struct cust *const *)b;
	if (x->rev != y->rev)
		return x->rev > y->rev ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* The columns there are: the always-there, then those the table has. */
static size_t columns(const struct data *d, const char **cols, unsigned long *minor)
{
	size_t n = 0;
	cols[n++] = "customer_id";
	if (d->col.name >= 0)
		cols[n++] = "customer_name";
	if (d->col.last >= 0)
		cols[n++] = "last_purchase";
	cols[n++] = "revenue";
	if (d->nlevels > 0) {
		*minor |= 1UL << n;
		cols[n++] = "contribution";
	}
	if (d->col.clv >= 0) {
		*minor |= 1UL << n;
		cols[n++] = "clv";
	}
	if (d->col.p_alive >= 0) {
		*minor |= 1UL << n;
		cols[n++] = "p_alive";
	}
	cols[n++] = d->col.strat >= 0 ? "strategy" : "state";
	return n;
}

static void row(const struct data *d, struct report_table *t, const struct cust *c)
{
	char day[11];
	report_table_row(t);
	report_table_text(t, c->id);
	if (d->col.name >= 0)
		report_table_text(t, c->name ? c->name : "");
	if (d->col.last >= 0) {
		if (c->last != DAY_NONE)
			date_format(c->last, day);
		report_table_text(t, c->last != DAY_NONE ? day : "");
	}
	report_table_num(t, RC_MONEY, report_money(c->rev));
	if (d->nlevels > 0)
		report_table_num(t, RC_MONEY, report_money(c->lev[d->nlevels - 1]));
	if (d->col.clv >= 0)
		report_table_num(t, RC_MONEY, isnan(c->clv) ? 0 : c->clv);
	if (d->col.p_alive >= 0)
		report_table_num(t, RC_NUMBER, isnan(c->p_alive) ? 0 : c->p_alive);
	if (d->col.strat >= 0)
		report_table_label(t, c->seg >= 0 && (size_t)c->seg < d->strat.n ? d->strat.v[c->seg] : "");
	else if (c->life >= 0)
		report_table_label(t, lifecycle_name(c->life));
	else
		report_table_empty(t);
}

void action_list(report_doc *doc, const struct data *d, size_t top)
{
	const char *cols[10];
	const struct cust **v;
	struct report_table *t;
	unsigned long minor = 0;
	size_t m = 0, ncols;
	if (d->col.life < 0 && d->col.seg < 0) {
		report_doc_skip(doc, "actions: needs 'lifecycle' or 'segment' (run cm-segment)");
		return;
	}
	v = xmalloc((d->n + 1) * sizeof *v);
	for (size_t i = 0; i < d->n; i++)
		if (needs_person(d, &d->c[i]))
			v[m++] = &d->c[i];
	qsort(v, m, sizeof *v, by_stake);
	ncols = columns(d, cols, &minor);
	t = report_doc_table(doc, "actions", cols, ncols);
	t->minor = minor;
	for (size_t i = 0; i < m && i < top; i++)
		row(d, t, v[i]);
	report_cut_note(t, top, m);
	free(v);
}
