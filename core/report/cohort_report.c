/* cohort_report — see cohort_report.h. */
#include "report/cohort_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customers/customer_reader.h"

struct cohort {
	char *name;
	double size;
	double *buyers;   /* buyers[p], p = 0..n-1 (complete periods) */
	size_t n, cap;
};

struct table {
	struct cohort *c;
	size_t n, cap;
};

static int number(customer_reader *in, const cm_record *r, long col, double *v, cm_error *e)
{
	int rc = customer_reader_number(in, r, col, v, e);
	if (rc == 0)
		return err_set(e, "%s:%ld: missing value in column '%s'", customer_reader_name(in), r->line,
			       customer_reader_colname(in, (size_t)col));
	return rc < 0 ? -1 : 0;
}

/* A row: its cohort's next period. */
static int take(struct table *t, customer_reader *in, const cm_record *r, const long *col, cm_error *e)
{
	struct cohort *c = t->n ? &t->c[t->n - 1] : NULL;
	double period, size, buyers;
	if (number(in, r, col[1], &period, e) < 0 || number(in, r, col[2], &size, e) < 0 ||
	    number(in, r, col[3], &buyers, e) < 0)
		return -1;
	if (!c || strcmp(c->name, r->f[col[0]]) != 0) {
		xgrow((void **)&t->c, &t->cap, t->n + 1, sizeof *t->c);
		c = &t->c[t->n++];
		memset(c, 0, sizeof *c);
		c->name = xstrdup(r->f[col[0]]);
		c->size = size;
	}
	if (period != (double)c->n || size != c->size || !(size > 0) || buyers < 0 || buyers > size)
		return err_set(e, "%s:%ld: cohort %s, period %.0f: not the cohort table cm-import --cohorts writes "
				  "(periods from 0 in turn, the cohort's size on each row, buyers no more than it)",
			       customer_reader_name(in), r->line, c->name, period);
	xgrow((void **)&c->buyers, &c->cap, c->n + 1, sizeof *c->buyers);
	c->buyers[c->n++] = buyers;
	return 0;
}

static int load(struct table *t, const char *path, cm_error *e)
{
	static const char *const names[] = {"cohort", "period", "cohort_customers", "customers"};
	customer_reader *in = customer_reader_open(path, e);
	long col[4];
	cm_record r;
	int rc;
	if (!in)
		return -1;
	for (int k = 0; k < 4; k++)
		if ((col[k] = customer_reader_require(in, names[k], "a cohort table (cm-import --cohorts)", e)) < 0) {
			customer_reader_close(in);
			return -1;
		}
	while ((rc = customer_reader_next(in, &r, e)) > 0)
		if (take(t, in, &r, col, e) < 0) {
			rc = -1;
			break;
		}
	customer_reader_close(in);
	for (size_t i = 0; i < t->n; i++) /* the as-of date's period: rarely complete */
		t->c[i].n--;
	return rc;
}

/* Each period's buyers over the sizes of the cohorts that reached it. */
static double average(const struct table *t, size_t p, double *cohorts)
{
	double buyers = 0, size = 0;
	*cohorts = 0;
	for (size_t i = 0; i < t->n; i++)
		if (p < t->c[i].n) {
			buyers += t->c[i].buyers[p];
			size += t->c[i].size;
			(*cohorts)++;
		}
	return size > 0 ? buyers / size : NAN;
}

static void triangle(report_doc *doc, const struct table *t)
{
	const char *cols[1 + COHORT_TRIANGLE_PERIODS];
	char names[COHORT_TRIANGLE_PERIODS][4];
	size_t from = t->n > COHORT_TRIANGLE_ROWS ? t->n - COHORT_TRIANGLE_ROWS : 0;
	struct report_table *x;
	cols[0] = "cohort";
	for (int p = 1; p <= COHORT_TRIANGLE_PERIODS; p++) {
		snprintf(names[p - 1], sizeof names[p - 1], "%d", p);
		cols[p] = names[p - 1];
	}
	x = report_doc_table(doc, "cohort_triangle", cols, 1 + COHORT_TRIANGLE_PERIODS);
	x->chart = xstrdup("heat");
	for (size_t i = from; i < t->n; i++) {
		char label[64];
		snprintf(label, sizeof label, "%s (%.0f)", t->c[i].name, t->c[i].size);
		report_table_row(x);
		report_table_text(x, label);
		for (size_t p = 1; p <= COHORT_TRIANGLE_PERIODS; p++)
			if (p < t->c[i].n)
				report_table_num(x, RC_SHARE, t->c[i].buyers[p] / t->c[i].size);
			else
				report_table_empty(x);
	}
	if (from > 0) {
		char note[64];
		snprintf(note, sizeof note, "latest %zu of %zu", t->n - from, t->n);
		x->note = xstrdup(note);
		x->note_kind = NOTE_LATEST;
		x->note_n[0] = (long)(t->n - from);
		x->note_n[1] = (long)t->n;
	}
}

static void curve(report_doc *doc, const struct table *t)
{
	static const char *const cols[] = {"period", "retention", "cohorts"};
	struct report_table *x = report_doc_table(doc, "cohort_curve", cols, 3);
	for (size_t p = 1; p <= COHORT_CURVE_PERIODS; p++) {
		double n, r = average(t, p, &n);
		if (n == 0)
			break;
		report_table_row(x);
		report_table_num(x, RC_COUNT, (double)p);
		report_table_num(x, RC_SHARE, r);
		report_table_num(x, RC_COUNT, n);
	}
}

struct deviation {
	size_t cohort, period;
	double z;
};

static int by_size_of_z(const void *a, const void *b)
{
	double x = fabs(((const struct deviation *)a)->z), y = fabs(((const struct deviation *)b)->z);
	return (x < y) - (x > y);
}

/* In periods 1 to 3: a cohort whose retention lies more than three binomial
 * standard errors from the average. */
static void deviating(report_doc *doc, const struct table *t, size_t top)
{
	static const char *const cols[] = {"cohort", "period", "retention", "average", "difference"};
	struct deviation *d = xmalloc((3 * t->n + 1) * sizeof *d);
	struct report_table *x;
	size_t n = 0;
	for (size_t p = 1; p <= 3; p++) {
		double k, avg = average(t, p, &k);
		for (size_t i = 0; i < t->n && avg > 0 && avg < 1; i++)
			if (p < t->c[i].n) {
				double r = t->c[i].buyers[p] / t->c[i].size, z = (r - avg) / sqrt(avg * (1 - avg) / t->c[i].size);
				if (fabs(z) > 3)
					d[n++] = (struct deviation){i, p, z};
			}
	}
	qsort(d, n, sizeof *d, by_size_of_z);
	x = report_doc_table(doc, "cohorts_deviating", cols, 5);
	for (size_t i = 0; i < n && i < top; i++) {
		const struct cohort *c = &t->c[d[i].cohort];
		double k, avg = average(t, d[i].period, &k), r = c->buyers[d[i].period] / c->size;
		report_table_row(x);
		report_table_text(x, c->name);
		report_table_num(x, RC_COUNT, (double)d[i].period);
		report_table_num(x, RC_SHARE, r);
		report_table_num(x, RC_SHARE, avg);
		report_table_num(x, RC_SHARE, r - avg);
	}
	free(d);
}

int cohort_sections(report_doc *doc, const char *path, size_t top, cm_error *e)
{
	struct table t = {0};
	int rc = load(&t, path, e);
	if (rc == 0) {
		triangle(doc, &t);
		curve(doc, &t);
		deviating(doc, &t, top);
	}
	for (size_t i = 0; i < t.n; i++) {
		free(t.c[i].name);
		free(t.c[i].buyers);
	}
	free(t.c);
	return rc;
}
