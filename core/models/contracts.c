/* contracts — see contracts.h. */
#include "models/contracts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "customers/contract_import.h"
#include "customers/spool.h"
#include "models/model.h"
#include "models/sbg.h"

#define MAX_PERIODS 100000 /* of a customer or a survival table: 8,000 years of months */

struct run {                         /* a survival table's cohort */
	char *name;
	double *alive;
	size_t n, cap;
};

struct state {
	const struct contracts_opts *o;
	customer_reader *in;
	int survival;                     /* the survival form, else the contract form */
	long cohort, period, alive;       /* survival columns (cohort -1 when none) */
	long periods, active, margin;     /* contract columns (margin -1 when none) */
	long unit;                        /* period_unit (cm-import --contracts), -1 when none */
	double period_years;              /* --unit's, or the table's period_unit */
	const char *unit_name;            /* the table's, once read */
	struct run *runs;
	size_t nruns, capruns;
	struct sbg_counts counts;
};

/* ---- reading ------------------------------------------------------------ */

/* A whole number from lo to hi in column col, or -1 with the line and value. */
static int whole(struct state *s, const cm_record *r, long col, double lo, double hi, double *v, cm_error *e)
{
	int rc = customer_reader_number(s->in, r, col, v, e);
	if (rc < 0)
		return -1;
	if (rc == 0 || *v != floor(*v) || *v < lo || *v > hi)
		return err_set(e, "%s:%ld: '%.40s' in column '%s' is no whole number from %.0f to %.0f",
			       customer_reader_name(s->in), r->line, r->f[col], customer_reader_colname(s->in, (size_t)col),
			       lo, hi);
	return 0;
}

static struct run *run_of(struct state *s, const cm_record *r)
{
	const char *name = s->cohort >= 0 ? r->f[s->cohort] : "";
	for (size_t i = s->nruns; i-- > 0;)
		if (strcmp(s->runs[i].name, name) == 0)
			return &s->runs[i];
	xgrow((void **)&s->runs, &s->capruns, s->nruns + 1, sizeof *s->runs);
	memset(&s->runs[s->nruns], 0, sizeof *s->runs);
	s->runs[s->nruns].name = xstrdup(name);
	return &s->runs[s->nruns++];
}

/* A survival row: its cohort's next period, alive no more than before. */
static int survival_row(struct state *s, const cm_record *r, cm_error *e)
{
	struct run *c = run_of(s, r);
	double t, alive;
	if (whole(s, r, s->period, 0, MAX_PERIODS, &t, e) < 0 || whole(s, r, s->alive, 0, 1e15, &alive, e) < 0)
		return -1;
	if (t != (double)c->n)
		return err_set(e, "%s:%ld: period %.0f where %zu comes next%s%s (each cohort's periods run 0, 1, 2, ...)",
			       customer_reader_name(s->in), r->line, t, c->n, s->cohort >= 0 ? " in cohort " : "", c->name);
	if (c->n > 0 && alive > c->alive[c->n - 1])
		return err_set(e, "%s:%ld: %.0f alive after %.0f alive the period before: customers who left do not come "
				  "back in a survival table", customer_reader_name(s->in), r->line, alive, c->alive[c->n - 1]);
	xgrow((void **)&c->alive, &c->cap, c->n + 1, sizeof *c->alive);
	c->alive[c->n++] = alive;
	return 0;
}


/* The table's period_unit: one for all rows, and --unit, when given, the same. */
static int unit_of(struct state *s, const cm_record *r, cm_error *e)
{
	int u = model_unit_parse(r->f[s->unit]);
	if (u < 0)
		return err_set(e, "%s:%ld: '%.40s' in column 'period_unit' is no period (week, month or year)",
			       customer_reader_name(s->in), r->line, r->f[s->unit]);
	if (s->unit_name && strcmp(s->unit_name, model_unit_name(u)) != 0)
		return err_set(e, "%s:%ld: period_unit '%s' after '%s': one table, one period length",
			       customer_reader_name(s->in), r->line, r->f[s->unit], s->unit_name);
	if (!s->unit_name && s->o->unit_given && s->o->unit != u)
		return err_set(e, "%s: the table's periods are %ss (period_unit), --unit says %s: leave --unit out",
			       customer_reader_name(s->in), model_unit_name(u), model_unit_name(s->o->unit));
	s->unit_name = model_unit_name(u);
	s->period_years = model_unit_days(u) / 365.25;
	return 0;
}

static int contract_row(struct state *s, const cm_record *r, cm_error *e)
{
	double n;
	if (s->unit >= 0 && unit_of(s, r, e) < 0)
		return -1;
	int active = contract_status_of(r->f[s->active]);
	if (whole(s, r, s->periods, 1, MAX_PERIODS, &n, e) < 0)
		return -1;
	if (active < 0)
		return err_set(e, "%s:%ld: '%.40s' in column 'active' is neither yes nor no (1/0, yes/no, true/false)",
			       customer_reader_name(s->in), r->line, r->f[s->active]);
	sbg_counts_add(&s->counts, (size_t)n, !active, active);
	return 0;
}

static int take_row(void *ctx, const cm_record *r, cm_error *e)
{
	struct state *s = ctx;
	return s->survival ? survival_row(s, r, e) : contract_row(s, r, e);
}

static int find_form(struct state *s, cm_error *e)
{
	static const char *const margins[] = {"period_margin", "margin", "fee", NULL};
	s->period = customer_reader_col(s->in, "period");
	s->alive = customer_reader_col(s->in, "alive");
	s->cohort = customer_reader_col(s->in, "cohort");
	s->periods = customer_reader_col(s->in, "periods");
	s->active = customer_reader_col(s->in, "active");
	s->unit = customer_reader_col(s->in, "period_unit");
	s->period_years = model_unit_days(s->o->unit) / 365.25;
	s->margin = -1;
	for (int i = 0; margins[i] && s->margin < 0; i++)
		s->margin = customer_reader_col(s->in, margins[i]);
	s->survival = s->period >= 0 && s->alive >= 0;
	if (!s->survival && (s->periods < 0 || s->active < 0))
		return err_set(e, "%s: sbg reads a survival table (period, alive[, cohort]) or a contract table (periods, "
				  "active[, period_margin]): no such columns", customer_reader_name(s->in));
	return 0;
}

/* ---- the fit ------------------------------------------------------------ */

static void say_fit(const struct fit *f)
{
	double p[2] = {f->p[0], f->p[1]};
	static const char *const names[] = {"alpha", "beta"};
	err_warn("sBG fit on %.0f customers: alpha %.4f (se %.4f), beta %.4f (se %.4f), log-likelihood %.4f%s", f->n,
		 p[0], f->se[0], p[1], f->se[1], f->loglik, f->converged ? "" : " (did not converge)");
	fit_warn_loose("sBG", f, names);
	char mean[96];
	if (p[0] > 1) /* E[T] = E[1 / theta] = (alpha + beta - 1) / (alpha - 1) */
		snprintf(mean, sizeof mean, "a mean lifetime of %.1f periods", (p[0] + p[1] - 1) / (p[0] - 1));
	else
		snprintf(mean, sizeof mean, "no finite mean lifetime (alpha <= 1: some customers all but never leave)");
	err_warn("retention: %.1f%% at the first renewal, %.1f%% at the fifth, %.1f%% at the tenth; %s",
		 100 * sbg_retention(p, 1), 100 * sbg_retention(p, 5), 100 * sbg_retention(p, 10), mean);
}

static int fit(struct state *s, struct fit *f, cm_error *e)
{
	if (s->survival)
		for (size_t i = 0; i < s->nruns; i++)
			sbg_counts_add_survival(&s->counts, s->runs[i].alive, s->runs[i].n - 1);
	if (s->counts.n == 0)
		return err_set(e, "%s: no customers to fit", customer_reader_name(s->in));
	sbg_fit(&s->counts, f);
	if (!isfinite(f->loglik))
		return err_set(e, "%s: the sBG fit found no finite likelihood (every customer left in the first period, "
				  "or none ever left?)", customer_reader_name(s->in));
	if (!s->o->quiet)
		say_fit(f);
	return 0;
}

/* ---- writing ------------------------------------------------------------ */

static void write_forecast(const struct state *s, const double p[2], table_writer *out)
{
	static const char *const cols[] = {"period", "alive", "survival", "retention", "expected_alive"};
	size_t most = 0;
	if (s->cohort >= 0)
		table_writer_column(out, "cohort", 0);
	for (size_t k = 0; k < 5; k++)
		table_writer_column(out, cols[k], 1);
	table_writer_header(out);
	for (size_t i = 0; i < s->nruns; i++)
		most = s->runs[i].n > most ? s->runs[i].n : most;
	for (size_t i = 0; i < s->nruns; i++) {
		const struct run *c = &s->runs[i];
		int horizon = s->o->horizon > 0 ? s->o->horizon : (int)(most - 1 > 12 ? most - 1 : 12);
		for (int t = 0; t <= horizon; t++) {
			if (s->cohort >= 0)
				table_writer_cstr(out, c->name);
			table_writer_fixed(out, t, 0);
			table_writer_fixed(out, (size_t)t < c->n ? c->alive[t] : NAN, 0);
			table_writer_fixed(out, sbg_survival(p, t), 4);
			table_writer_fixed(out, t > 0 ? sbg_retention(p, t) : NAN, 4);
			table_writer_fixed(out, c->alive[0] * sbg_survival(p, t), 1);
			table_writer_end_row(out);
		}
	}
}

static int write_scored(const struct state *s, customer_reader *in, const double p[2], table_writer *out,
			cm_error *e)
{
	static const char *const added[] = {"p_renew", "derl", "clv"};
	size_t nadd = s->margin >= 0 ? 3 : 2, ncols = customer_reader_ncols(in);
	double d = pow(1 + s->o->discount, s->period_years) - 1;
	char *skip = xcalloc(ncols + 1, 1);
	cm_record r;
	int rc;
	for (size_t i = 0; i < ncols; i++) {
		const char *name = customer_reader_colname(in, i);
		for (size_t k = 0; k < 3; k++)
			skip[i] |= strcmp(name, added[k]) == 0; /* computed again, at the end */
		if (!skip[i])
			table_writer_column(out, name, 0);
	}
	for (size_t k = 0; k < nadd; k++)
		table_writer_column(out, added[k], 1);
	table_writer_header(out);
	while ((rc = customer_reader_next(in, &r, e)) > 0) {
		double n = 1, m = 0, derl;
		int active = contract_status_of(r.f[s->active]) == 1;
		customer_reader_number(in, &r, s->periods, &n, e); /* read in the first pass */
		derl = active ? sbg_derl(p, d, (int)n) : 0;
		for (size_t i = 0; i < r.n && i < ncols; i++)
			if (!skip[i])
				table_writer_cell(out, r.f[i], r.len[i]);
		table_writer_fixed(out, active ? sbg_retention(p, (int)n) : 0, 4);
		table_writer_fixed(out, derl, 4);
		if (nadd == 3) {
			if (r.len[s->margin] && customer_reader_number(in, &r, s->margin, &m, e) < 0) {
				rc = -1;
				break;
			}
			table_writer_fixed(out, r.len[s->margin] ? m * derl : NAN, 2);
		}
		table_writer_end_row(out);
	}
	free(skip);
	return rc < 0 ? -1 : 0;
}

static void free_state(struct state *s)
{
	for (size_t i = 0; i < s->nruns; i++) {
		free(s->runs[i].name);
		free(s->runs[i].alive);
	}
	free(s->runs);
	sbg_counts_free(&s->counts);
}

int contracts_run(const struct contracts_opts *o, customer_reader *in, table_writer *out, cm_error *e)
{
	struct state s;
	struct fit f;
	spool *sp;
	customer_reader *again = NULL;
	int rc = -1;
	memset(&s, 0, sizeof s);
	s.o = o;
	s.in = in;
	if (!(o->discount > 0))
		return err_set(e, "the value of contract customers needs a discount rate above 0 (--discount)");
	if (find_form(&s, e) < 0 || !(sp = spool_new(in, e)))
		return -1;
	if (spool_fill(sp, in, take_row, &s, e) < 0 || fit(&s, &f, e) < 0) {
		spool_free(sp);
	} else if (s.survival) {
		spool_free(sp);
		write_forecast(&s, f.p, out);
		rc = 0;
	} else if ((again = spool_reopen(sp, e))) {
		rc = write_scored(&s, again, f.p, out, e);
		customer_reader_close(again);
	}
	free_state(&s);
	return rc;
}
