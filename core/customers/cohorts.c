/* cohorts — see cohorts.h. */
#include "customers/cohorts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/date.h"
#include "io/num.h"

__extension__ typedef __int128 wide; /* a cell's revenue: the sum of many customers' */

struct cell {
	int32_t cohort, period; /* period: since the cohort's; cohort INT32_MIN: an empty slot */
	long customers;
	wide revenue, margin;
};

struct cohorts {
	int unit;
	struct cell *cells;      /* open addressing by (cohort, period) */
	size_t n, cap;
	int32_t cohort;          /* the current customer's */
	int32_t *bought;         /* the current customer's periods with a purchase */
	size_t nbought, capbought;
};

int32_t cohorts_period_of(int unit, int32_t day)
{
	int y, m, d;
	date_ymd(day, &y, &m, &d);
	return unit == COHORT_MONTH ? y * 12 + m - 1 : unit == COHORT_QUARTER ? y * 4 + (m - 1) / 3 : y;
}

static void label(int unit, int32_t p, char *buf, size_t cap)
{
	int32_t per = unit == COHORT_MONTH ? 12 : unit == COHORT_QUARTER ? 4 : 1;
	int32_t y = p >= 0 ? p / per : -((-p + per - 1) / per), k = p - y * per;
	if (unit == COHORT_MONTH)
		snprintf(buf, cap, "%04d-%02d", (int)y, (int)k + 1);
	else if (unit == COHORT_QUARTER)
		snprintf(buf, cap, "%04d-Q%d", (int)y, (int)k + 1);
	else
		snprintf(buf, cap, "%04d", (int)y);
}

static void init_cells(struct cell *cells, size_t cap)
{
	for (size_t i = 0; i < cap; i++)
		cells[i] = (struct cell){INT32_MIN, 0, 0, 0, 0};
}

cohorts *cohorts_new(int unit)
{
	cohorts *c = xcalloc(1, sizeof *c);
	c->unit = unit;
	c->cap = 256;
	c->cells = xmalloc(c->cap * sizeof *c->cells);
	init_cells(c->cells, c->cap);
	return c;
}

static size_t slot(const cohorts *c, int32_t cohort, int32_t period)
{
	uint64_t h = ((uint64_t)(uint32_t)cohort << 32 | (uint32_t)period) * UINT64_C(0x9E3779B97F4A7C15);
	size_t i = (size_t)(h >> 20) & (c->cap - 1);
	while (c->cells[i].cohort != INT32_MIN && (c->cells[i].cohort != cohort || c->cells[i].period != period))
		i = (i + 1) & (c->cap - 1);
	return i;
}

static struct cell *cell_of(cohorts *c, int32_t cohort, int32_t period)
{
	size_t i;
	if (2 * (c->n + 1) > c->cap) { /* grow: at most half full */
		struct cell *old = c->cells;
		size_t oldcap = c->cap;
		c->cap *= 2;
		c->cells = xmalloc(c->cap * sizeof *c->cells);
		init_cells(c->cells, c->cap);
		for (size_t k = 0; k < oldcap; k++)
			if (old[k].cohort != INT32_MIN)
				c->cells[slot(c, old[k].cohort, old[k].period)] = old[k];
		free(old);
	}
	i = slot(c, cohort, period);
	if (c->cells[i].cohort == INT32_MIN) {
		c->cells[i] = (struct cell){cohort, period, 0, 0, 0};
		c->n++;
	}
	return &c->cells[i];
}

void cohorts_begin(cohorts *c, int32_t first)
{
	c->cohort = cohorts_period_of(c->unit, first);
	c->nbought = 0;
}

void cohorts_occasion(cohorts *c, int32_t day, int64_t value, int purchase)
{
	int32_t p = cohorts_period_of(c->unit, day) - c->cohort;
	if (p < 0) /* a return before the first purchase: counted in its period */
		p = 0;
	cell_of(c, c->cohort, p)->revenue += value;
	if (purchase) {
		xgrow((void **)&c->bought, &c->capbought, c->nbought + 1, sizeof *c->bought);
		c->bought[c->nbought++] = p;
	}
}

void cohorts_margin(cohorts *c, int32_t period, int64_t margin)
{
	int32_t p = period - c->cohort;
	cell_of(c, c->cohort, p < 0 ? 0 : p)->margin += margin;
}

static int by_value(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

void cohorts_end(cohorts *c)
{
	qsort(c->bought, c->nbought, sizeof *c->bought, by_value);
	for (size_t i = 0; i < c->nbought; i++)
		if (i == 0 || c->bought[i] != c->bought[i - 1])
			cell_of(c, c->cohort, c->bought[i])->customers++;
}

static int by_cohort(const void *a, const void *b) { return by_value(a, b); }

/* A cell's sum as money, or -1 when it leaves the range of amounts. */
static int money_of(wide v, char *buf)
{
	if (v > INT64_MAX || v < -INT64_MAX)
		return -1;
	num_format((int64_t)v, buf);
	return 0;
}

/* The cell's contribution: its margins, or its revenue x the rate.  -1 out of range. */
static int contribution(const struct cell *x, int has_margin, int64_t rate, char *buf)
{
	int64_t v;
	if (has_margin)
		return money_of(x->margin, buf);
	if (x->revenue > INT64_MAX || x->revenue < -INT64_MAX || num_mul((int64_t)x->revenue, rate, &v) != NUM_OK)
		return -1;
	num_format(v, buf);
	return 0;
}

static void declare(table_writer *out, int with_contribution)
{
	static const char *const cols[] = {"cohort", "period", "cohort_customers", "customers", "retention", "revenue",
					   "contribution"};
	for (size_t k = 0; k < 6 + (size_t)with_contribution; k++)
		table_writer_column(out, cols[k], k > 0);
	table_writer_header(out);
}

int cohorts_write(const cohorts *c, int32_t as_of, int has_margin, int64_t margin_rate, table_writer *out,
		  cm_error *e)
{
	static const struct cell none = {0, 0, 0, 0, 0};
	int32_t *list = xmalloc((c->n + 1) * sizeof *list), last = cohorts_period_of(c->unit, as_of);
	int with_contribution = has_margin || margin_rate >= 0;
	size_t n = 0;
	for (size_t i = 0; i < c->cap; i++) /* the cohorts: those with a period 0 */
		if (c->cells[i].cohort != INT32_MIN && c->cells[i].period == 0 && c->cells[i].customers > 0)
			list[n++] = c->cells[i].cohort;
	qsort(list, n, sizeof *list, by_cohort);
	declare(out, with_contribution);
	for (size_t i = 0; i < n; i++) {
		char name[24], money[32], margin[32];
		const struct cell *zero = &c->cells[slot(c, list[i], 0)];
		label(c->unit, list[i], name, sizeof name);
		for (int32_t p = 0; p <= last - list[i]; p++) {
			const struct cell *x = &c->cells[slot(c, list[i], p)];
			if (x->cohort == INT32_MIN)
				x = &none;
			if (money_of(x->revenue, money) < 0 ||
			    (with_contribution && contribution(x, has_margin, margin_rate, margin) < 0)) {
				free(list);
				return err_set(e, "the revenue or contribution of cohort %s in period %d leaves the range of "
						  "amounts", name, (int)p);
			}
			table_writer_cstr(out, name);
			table_writer_fixed(out, p, 0);
			table_writer_fixed(out, (double)zero->customers, 0);
			table_writer_fixed(out, (double)x->customers, 0);
			table_writer_fixed(out, (double)x->customers / (double)zero->customers, 4);
			table_writer_cstr(out, money);
			if (with_contribution)
				table_writer_cstr(out, margin);
			table_writer_end_row(out);
		}
	}
	free(list);
	return 0;
}

void cohorts_free(cohorts *c)
{
	if (!c)
		return;
	free(c->cells);
	free(c->bought);
	free(c);
}
