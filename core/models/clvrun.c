/* clvrun — see clvrun.h. */
#include "models/clvrun.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/btyd.h"
#include "models/clv.h"
#include "customers/customer.h"
#include "io/date.h"
#include "models/evaluate.h"
#include "models/fit.h"
#include "io/num.h"
#include "base/reservoir.h"
#include "customers/row_workers.h"
#include "customers/spool.h"

/* Where the model's inputs are in the table. */
struct layout {
	long x, tx, T, m, own, orders, margin, revenue, weight, holdout, holdout_days, recent, previous, last, idle;
	double scale;         /* days per model unit; 1 with --columns */
};

static const char *const out_cols[] = {"p_alive", "expected_orders", "expected_value", "clv", "dert"};

/* Find the columns the model reads; -1 with a message when one is missing. */
static int find_layout(customer_reader *in, const struct clv_run *c, struct layout *l, cm_error *e)
{
	static const char why[] = "a customer table from cm-import has it";
	memset(l, -1, sizeof *l);
	l->scale = c->columns[0] ? 1 : model_unit_days(c->m.unit);
	if (c->columns[0]) {
		if ((l->x = customer_reader_require(in, c->columns[0], "named by --columns", e)) < 0 ||
		    (l->tx = customer_reader_require(in, c->columns[1], "named by --columns", e)) < 0 ||
		    (l->T = customer_reader_require(in, c->columns[2], "named by --columns", e)) < 0)
			return -1;
		if (c->columns[3] && (l->m = customer_reader_require(in, c->columns[3], "named by --columns", e)) < 0)
			return -1;
		if (c->m.has_spend && !c->columns[3])
			return err_set(e, "the spend model needs a mean value: --columns X,TX,T,M (or --spend none)");
	} else {
		if ((l->x = customer_reader_require(in, "repeat_orders", why, e)) < 0 ||
		    (l->tx = customer_reader_require(in, "active_days", why, e)) < 0 ||
		    (l->T = customer_reader_require(in, "age_days", why, e)) < 0 ||
		    (l->m = customer_reader_require(in, "avg_repeat_value", why, e)) < 0)
			return -1;
		l->own = customer_reader_col(in, "avg_order_value");
		l->last = customer_reader_col(in, "last_date");
		l->idle = customer_reader_col(in, "idle_days");
		l->recent = customer_reader_col(in, "orders_recent");
		l->previous = customer_reader_col(in, "orders_previous");
		if (c->m.kind == MODEL_RETENTION &&
		    ((l->recent = customer_reader_require(in, "orders_recent", why, e)) < 0 ||
		     (l->previous = customer_reader_require(in, "orders_previous", why, e)) < 0))
			return -1;
		l->orders = customer_reader_col(in, "orders");
		l->margin = customer_reader_col(in, "margin");
		l->revenue = customer_reader_col(in, "revenue");
	}
	if (c->weight && (l->weight = customer_reader_require(in, c->weight, "named by --weight", e)) < 0)
		return -1;
	if (c->evaluate && (l->holdout = customer_reader_require(in, "holdout_orders", "cm-import --holdout-end writes it",
							 e)) < 0)
		return -1;
	l->holdout_days = c->evaluate && !c->horizon_given ? customer_reader_col(in, "holdout_days") : -1;
	return 0;
}

static int need(int rc, const customer_reader *in, const cm_record *r, const char *col, cm_error *e)
{
	if (rc == 0)
		return err_set(e, "%s:%ld: missing value in column '%s'", customer_reader_name(in),
			       r->line, col);
	return rc;
}

/* The table's as-of date, for the model file: last_date + idle_days of a customer. */
static void note_as_of(customer_reader *in, const cm_record *r, const struct layout *l, struct clv_run *c)
{
	int32_t day;
	double idle;
	cm_error ignored;
	if (c->m.as_of != DAY_NONE || l->last < 0 || l->idle < 0 ||
	    date_parse(r->f[l->last], r->len[l->last], DATE_SLASH_UNKNOWN, &day) != DATE_OK ||
	    customer_reader_number(in, r, l->idle, &idle, &ignored) != 1)
		return;
	c->m.as_of = day + (int32_t)idle;
}

/* 1 a customer the model speaks of, 0 one without purchases (a prospect), -1 an error. */
static int read_customer(customer_reader *in, const cm_record *r, const struct layout *l, const struct clv_run *c,
			 struct clv_customer *cu, double *w, cm_error *e)
{
	const char *name = customer_reader_name(in);
	double x, tx, T, margin, revenue;
	int rc = customer_reader_number(in, r, l->T, &T, e);
	if (rc <= 0)
		return rc; /* no age: no purchase yet */
	if (need(customer_reader_number(in, r, l->x, &x, e), in, r, "repeat orders", e) < 0 ||
	    need(customer_reader_number(in, r, l->tx, &tx, e), in, r, "last purchase", e) < 0)
		return -1;
	if (x != floor(x))
		return err_set(e, "%s:%ld: %g repeat orders: a count is a whole number", name, r->line, x);
	if (x < 0 || tx < 0 || tx > T || (x == 0 && tx > 0))
		return err_set(e, "%s:%ld: inconsistent history: %g repeat orders, last at %g, age %g", name,
			       r->line, x, tx, T);
	cu->x = x;
	cu->tx = tx / l->scale;
	cu->T = T / l->scale;
	cu->mean_value = 0;
	cu->own_value = NAN;
	if (l->m >= 0 && customer_reader_number(in, r, l->m, &cu->mean_value, e) < 0)
		return -1;
	if (l->own >= 0 && customer_reader_number(in, r, l->own, &cu->own_value, e) < 0)
		return -1;
	if (isnan(cu->own_value) && l->m >= 0 && cu->x > 0)
		cu->own_value = cu->mean_value; /* --columns: the mean repeat value is all we know */
	cu->margin_rate = 1;
	if (c->margin_rate >= 0)
		cu->margin_rate = c->margin_rate;
	else if (l->margin >= 0 && l->revenue >= 0 && customer_reader_number(in, r, l->margin, &margin, e) > 0 &&
		 customer_reader_number(in, r, l->revenue, &revenue, e) > 0 && revenue > 0)
		cu->margin_rate = margin / revenue;
	*w = 1;
	if (l->weight >= 0 && need(customer_reader_number(in, r, l->weight, w, e), in, r, c->weight, e) < 0)
		return -1;
	if (!(*w >= 0))
		return err_set(e, "%s:%ld: weight %g in column '%s': a count of customers is not negative", name,
			       r->line, *w, c->weight);
	cu->orders_recent = 0;
	if (l->recent >= 0 && customer_reader_number(in, r, l->recent, &cu->orders_recent, e) < 0)
		return -1;
	return 1;
}

/* Retention: who was active in the previous window, and who of them again. */
static int count_retained(customer_reader *in, const cm_record *r, const struct layout *l, const struct clv_customer *cu,
			  double w, struct clv_run *c, cm_error *e)
{
	double previous;
	if (need(customer_reader_number(in, r, l->previous, &previous, e), in, r, "orders_previous", e) < 0)
		return -1;
	if (previous > 0) {
		c->active_before += w;
		c->active_again += cu->orders_recent > 0 ? w : 0;
	}
	return 0;
}

struct sampled {
	struct clv_customer cu;
	double w;
};

#define NO_ROW UINT32_MAX

struct gathering {
	customer_reader *in;
	const struct layout *l;
	struct clv_run *c;
	reservoir *res;                /* --sample, or NULL */
	btyd_queue tx, sp;             /* on their way into the transaction and the spend model's data */
	uint32_t *row;                 /* without --sample: row[i] = the model data's row of table row i */
	size_t nrows, caprows;         /* (NO_ROW: not in it) */
};

/* A customer into the model's data: the transaction model's (its table row
 * given when known), and the spend model's. */
static void add_customer(struct gathering *g, const struct clv_customer *cu, double w, size_t row)
{
	btyd_queue_add(&g->tx, cu->x, cu->tx, cu->T, w, row);
	if (g->c->m.has_spend && cu->x > 0) {
		if (cu->mean_value > 0)
			btyd_queue_add(&g->sp, cu->x, cu->mean_value, 0, w, 0);
		else
			g->c->m.spend_excluded += (long)w;
	}
}

/* --sample: the reservoir's customers are the model's data. */
static void add_sample(struct gathering *g)
{
	size_t n;
	const struct sampled *s = reservoir_items(g->res, &n);
	for (size_t i = 0; i < n; i++)
		add_customer(g, &s[i].cu, s[i].w, 0); /* no rows told with a sample */
	if (!g->c->quiet)
		err_warn("fitting on a sample of %zu of %llu customers", n, (unsigned long long)reservoir_seen(g->res));
}

/* A row into the model's data (or the sample). */
static int gather_row(void *ctx, const cm_record *r, cm_error *e)
{
	struct gathering *g = ctx;
	struct clv_customer cu;
	double w;
	int rc = read_customer(g->in, r, g->l, g->c, &cu, &w, e);
	if (g->tx.rows) {
		xgrow((void **)&g->row, &g->caprows, g->nrows + 1, sizeof *g->row);
		g->row[g->nrows] = NO_ROW; /* until the queue tells */
	}
	g->nrows++;
	if (rc < 0 || (rc == 1 && g->c->m.kind == MODEL_RETENTION && count_retained(g->in, r, g->l, &cu, w, g->c, e) < 0))
		return -1;
	if (rc == 0)
		return 0;
	note_as_of(g->in, r, g->l, g->c);
	if (g->res) {
		struct sampled s = {cu, w};
		reservoir_offer(g->res, &s);
	} else {
		add_customer(g, &cu, w, g->nrows - 1);
	}
	return 0;
}

/* First pass: gather the model's data (and keep the rows for the second pass);
 * without --sample, *rows: which of the data's rows each table row went into. */
static int gather(customer_reader *in, const struct layout *l, struct clv_run *c, spool *sp_rows,
		  btyd_data *tx, btyd_data *sp, uint32_t **rows, size_t *nrows, cm_error *e)
{
	struct gathering *g = xcalloc(1, sizeof *g); /* two queues: 7 KB */
	int rc;
	g->in = in, g->l = l, g->c = c, g->tx.d = tx, g->sp.d = sp;
	g->res = c->sample ? reservoir_new((size_t)c->sample, sizeof(struct sampled), 1) : NULL;
	g->tx.rows = g->res ? NULL : &g->row;
	rc = spool_fill(sp_rows, in, gather_row, g, e);
	if (rc == 0 && g->res)
		add_sample(g);
	btyd_queue_flush(&g->tx);
	btyd_queue_flush(&g->sp);
	reservoir_free(g->res);
	if (!g->row || rc < 0) { /* --sample, or nothing to score */
		free(g->row);
		g->row = NULL, g->nrows = 0;
	}
	*rows = g->row;
	*nrows = g->nrows;
	free(g);
	return rc;
}

static void report_fit(const char *what, const struct fit *f, const char *const *names, double distinct)
{
	char params[256];
	size_t k = 0;
	for (size_t i = 0; i < f->np; i++) {
		k += (size_t)snprintf(params + k, sizeof params - k, "%s%s %.4f", i ? ", " : "", names[i], f->p[i]);
		if (isfinite(f->se[i]))
			k += (size_t)snprintf(params + k, sizeof params - k, " (se %.4f)", f->se[i]);
		else
			k += (size_t)snprintf(params + k, sizeof params - k, " (se n/a: singular information)");
	}
	err_warn("%s fit on %.0f customers (%.0f distinct histories): %s", what, f->n, distinct, params);
	err_warn("%s log-likelihood %.4f, AIC %.2f, BIC %.2f; converged in %d iterations, gradient norm %.2g",
		 what, f->loglik, f->aic, f->bic, f->iterations, f->gradnorm);
	fit_warn_loose(what, f, names);
}

static int check_fit(const char *what, const struct fit *f, cm_error *e)
{
	if (!isfinite(f->loglik))
		return err_set(e, "%s: the likelihood cannot be computed for these data", what);
	if (!f->converged) /* on a small table a parameter runs off towards 0 or infinity */
		return err_set(e, "%s: the fit on %.0f customers did not converge (gradient norm %.3g after %d "
				  "iterations): the data do not pin the model down. Fit on a larger table and score "
				  "this one with --model FILE, or %s (cm-clv(1), SMALL TABLES)", what, f->n, f->gradnorm,
			       f->iterations, strcmp(what, "Gamma-Gamma") == 0 ? "leave out the spend model with --spend none"
			       : strstr(what, "BG/NBD") ? "take the retention formula: --fit retention"
							: "take a simpler model: --fit bgnbd, or the retention formula --fit retention");
	return 0;
}

/* The retention rate: given, or the share of last-but-one window's customers active again. */
static int fit_retention(struct clv_run *c, cm_error *e)
{
	struct fit *f = &c->m.tx;
	double n = c->active_before, k = c->active_again;
	memset(f, 0, sizeof *f);
	f->np = 1;
	f->converged = 1;
	f->n = n;
	if (c->retention >= 0) {
		f->p[0] = c->retention;
		f->se[0] = f->loglik = NAN;
		f->aic = f->bic = NAN;
	} else {
		if (n <= 0)
			return err_set(e, "no customer was active in the previous window: the retention rate cannot "
					  "be estimated (--retention R gives it)");
		f->p[0] = k / n;
		if (!(f->p[0] < 1))
			return err_set(e, "all %.0f customers of the previous window came back: a retention rate of 1 "
					  "makes the formula infinite (--retention R gives one)", n);
		f->se[0] = sqrt(f->p[0] * (1 - f->p[0]) / n);
		f->loglik = (k > 0 ? k * log(f->p[0]) : 0) + (n - k > 0 ? (n - k) * log(1 - f->p[0]) : 0);
		f->aic = f->bic = NAN; /* one formula, nothing to compare it with */
	}
	if (!c->quiet)
		err_warn("retention %.4f per %g days%s (%.0f customers active in the previous window, %.0f of them "
			 "again in the last)", f->p[0], c->m.window_days, c->retention >= 0 ? " (given)" : "", n, k);
	return 0;
}

static int fit_models(struct clv_run *c, const btyd_data *tx, const btyd_data *sp, cm_error *e)
{
	static const char *const ggn[] = {"p", "q", "gamma"};
	static const char *const names[] = {"BG/NBD", "MBG/NBD", "Pareto/NBD", "BG/BB"};
	const char *name;
	double repeaters = 0;
	if (c->m.kind == MODEL_RETENTION)
		return fit_retention(c, e);
	name = names[c->m.kind];
	for (size_t i = 0; i < tx->n; i++)
		repeaters += tx->rows[i].x > 0 ? tx->rows[i].w : 0;
	if (tx->weight <= 0)
		return err_set(e, "no customer with a purchase: nothing to fit");
	if (repeaters <= 0)
		return err_set(e, "none of the %.0f customers bought twice: the purchase rate cannot be "
				  "estimated (a longer history, or --model with a model fitted elsewhere)", tx->weight);
	if (c->m.kind == MODEL_PNBD)
		fit_pnbd(tx, &c->m.tx);
	else if (c->m.kind == MODEL_BGBB)
		fit_bgbb(tx, &c->m.tx);
	else
		fit_bgnbd(tx, c->m.kind == MODEL_MBGNBD, &c->m.tx);
	if (check_fit(name, &c->m.tx, e) < 0)
		return -1;
	if (!c->quiet)
		report_fit(name, &c->m.tx, model_param_names(c->m.kind), (double)tx->n);
	if (!c->m.has_spend)
		return 0;
	if (sp->weight <= 0)
		return err_set(e, "no customer with repeat purchases of positive value: Gamma-Gamma cannot be "
				  "fitted (--spend none uses each customer's own mean)");
	fit_gammagamma(sp, &c->m.spend);
	if (check_fit("Gamma-Gamma", &c->m.spend, e) < 0)
		return -1;
	if (!(c->m.spend.p[1] > 1))
		return err_set(e, "Gamma-Gamma: q = %.4f <= 1, so the mean order value is infinite", c->m.spend.p[1]);
	if (!c->quiet) {
		report_fit("Gamma-Gamma", &c->m.spend, ggn, (double)sp->n);
		if (c->m.spend_excluded)
			err_warn("Gamma-Gamma: %ld repeat customers with a zero or negative mean value left out of "
				 "the fit", c->m.spend_excluded);
	}
	return 0;
}

static void declare(table_writer *out, const customer_reader *in, long *skip, int dert)
{
	for (size_t i = 0; i < customer_reader_ncols(in); i++) {
		const char *name = customer_reader_colname(in, i);
		skip[i] = 0;
		for (size_t k = 0; k < 5; k++)
			skip[i] |= strcmp(name, out_cols[k]) == 0; /* recomputed, moved to the end */
		if (!skip[i])
			table_writer_column(out, name, customer_column_numeric(name));
	}
	for (size_t k = 0; k < 4 + (size_t)dert; k++)
		table_writer_column(out, out_cols[k], 1);
	table_writer_header(out);
}

/* What a fit leaves for scoring: the fitted histories' predictions, and
 * which of them each table row has (NULL when not known). */
struct fitted {
	const clv_cache *shared;
	const uint32_t *row;
	size_t nrows;
};

/* What one thread needs to score its runs of rows (row_workers.h). */
struct lane {
	customer_reader *in;
	const struct layout *l;
	const struct clv_run *c;
	const long *skip;
	const struct fitted *fit;      /* or NULL */
	clv_cache *cache;              /* customers with one history share its prediction */
	table_writer *out;                   /* scoring: the run's rows */
	struct evaluation *ev;         /* evaluating: the sums, added to in row order at the flush */
	struct holdout { double x, predicted, actual, w; } *held;
	size_t nheld, capheld;
};

/* The customer's holdout orders, kept for the evaluation. */
static int hold(struct lane *k, const cm_record *r, const struct clv_customer *cu, double predicted, double w,
		cm_error *e)
{
	double actual;
	if (need(customer_reader_number(k->in, r, k->l->holdout, &actual, e), k->in, r, "holdout_orders", e) < 0)
		return -1;
	xgrow((void **)&k->held, &k->capheld, k->nheld + 1, sizeof *k->held);
	k->held[k->nheld++] = (struct holdout){cu->x, predicted, actual, w};
	return 0;
}

#define AHEAD 8 /* rows between asking for a history's part and using it */

/* Table row i's prediction: its history's part found by the row the fit put
 * it in, while the part of the row AHEAD is asked for; else looked up. */
static int predict(struct lane *k, size_t i, const struct clv_customer *cu, struct clv_result *p)
{
	const struct fitted *f = k->fit;
	if (!f || !f->row || i >= f->nrows)
		return clv_predict_cached(&k->c->m, k->cache, cu, p);
	if (i + AHEAD < f->nrows && f->row[i + AHEAD] != NO_ROW)
		clv_cache_ask(k->cache, f->row[i + AHEAD]);
	return clv_predict_row(&k->c->m, k->cache, f->row[i] == NO_ROW ? SIZE_MAX : f->row[i], cu, p);
}

/* Row i with its predictions (or its holdout orders), on the lane's thread. */
static int score_row(void *lane, size_t i, const cm_record *r, cm_error *e)
{
	struct lane *k = lane;
	struct clv_customer cu;
	struct clv_result p;
	double w;
	int rc;
	if (!k->ev)
		table_writer_fields(k->out, r, k->skip);
	if ((rc = read_customer(k->in, r, k->l, k->c, &cu, &w, e)) < 0)
		return -1;
	if (rc == 1 && predict(k, i, &cu, &p) < 0)
		return err_set(e, "%s:%ld: the model gives no finite value for this customer", customer_reader_name(k->in),
			       r->line);
	if (k->ev && rc == 1 && k->l->holdout_days >= 0) { /* over the holdout the table says, not the horizon */
		double days;
		if (need(customer_reader_number(k->in, r, k->l->holdout_days, &days, e), k->in, r, "holdout_days", e) < 0)
			return -1;
		p.expected_orders = clv_expected_orders(&k->c->m, &cu, days / k->l->scale);
	}
	if (k->ev)
		return rc == 1 ? hold(k, r, &cu, p.expected_orders, w, e) : 0;
	for (size_t j = 0; j < 4 + (size_t)k->c->dert; j++)
		if (rc == 0)
			table_writer_cell(k->out, "", 0);
	if (rc == 1) {
		table_writer_fixed(k->out, p.p_alive, 4);
		table_writer_fixed(k->out, p.expected_orders, 4);
		table_writer_fixed(k->out, p.expected_value, 2);
		table_writer_fixed(k->out, p.clv, 2);
		if (k->c->dert)
			table_writer_fixed(k->out, p.dert, 4);
	}
	table_writer_end_row(k->out);
	return 0;
}

/* A run's results in row order: its rows written, or its holdouts summed. */
static void flush_lane(void *lane)
{
	struct lane *k = lane;
	if (!k->ev) {
		table_writer_flush(k->out);
		return;
	}
	for (size_t j = 0; j < k->nheld; j++)
		evaluate_add(k->ev, k->held[j].x, k->held[j].predicted, k->held[j].actual, k->held[j].w);
	k->nheld = 0;
}

/* Second pass, on every core: each customer with its predictions (or, with ev, into the evaluation). */
static int score(customer_reader *in, const struct layout *l, const struct clv_run *c, const struct fitted *fit,
		 table_writer *out, struct evaluation *ev, cm_error *e)
{
	int threads = c->threads > 0 ? c->threads : 1, n = 2 * threads, rc;
	long *skip = xcalloc(customer_reader_ncols(in) + 1, sizeof *skip);
	struct lane *lanes = xcalloc((size_t)n, sizeof *lanes);
	void **ctx = xcalloc((size_t)n, sizeof *ctx);
	if (!ev)
		declare(out, in, skip, c->dert);
	for (int k = 0; k < n; k++) {
		lanes[k] = (struct lane){.in = in, .l = l, .c = c, .skip = skip, .fit = fit,
					 .cache = clv_cache_new(fit ? fit->shared : NULL), .ev = ev,
					 .out = ev ? NULL : table_writer_batch(out)};
		ctx[k] = &lanes[k];
	}
	rc = row_workers_run(in, threads, ctx, n, score_row, flush_lane, e);
	for (int k = 0; k < n; k++) {
		clv_cache_free(lanes[k].cache);
		table_writer_free(lanes[k].out);
		free(lanes[k].held);
	}
	free(lanes);
	free(ctx);
	free(skip);
	return rc;
}

/* Score, or evaluate and write the evaluation; fit: what the fit left, or NULL. */
static int finish(customer_reader *in, const struct layout *l, struct clv_run *c, const struct fitted *fit, table_writer *out,
		  fileio_out *f, cm_error *e)
{
	struct evaluation ev = {0};
	if (!c->evaluate)
		return score(in, l, c, fit, out, NULL, e);
	if (score(in, l, c, fit, out, &ev, e) < 0)
		return -1;
	evaluate_write(&ev, f, c->format == OUT_JSONL);
	return 0;
}

/* --model: the saved model, with this run's horizon and discount when given. */
int clvrun_load(struct clv_run *c, cm_error *e)
{
	struct model saved;
	if (model_load(&saved, c->model_path, e) < 0)
		return -1;
	if (c->unit_given && saved.unit != c->m.unit)
		return err_set(e, "%s: the model is fitted in %ss, not %ss (leave out --unit, or fit again)",
			       c->model_path, model_unit_name(saved.unit), model_unit_name(c->m.unit));
	if (c->spend_none)
		saved.has_spend = 0;
	if (c->dert && saved.kind != MODEL_PNBD)
		return err_set(e, "%s: --dert needs a Pareto/NBD model, not %s", c->model_path, model_kind_name(saved.kind));
	saved.horizon = c->horizon_given || !(saved.horizon > 0) ? model_parse_horizon(c->horizon, saved.unit)
								   : saved.horizon;
	if (c->discount_given || saved.discount < 0)
		saved.discount = c->m.discount;
	c->m = saved;
	return 0;
}

static void report_value(const struct clv_run *c, const struct layout *l)
{
	double unit_rate = pow(1 + c->m.discount, model_unit_days(c->m.unit) / 365.25) - 1;
	if (c->evaluate && l->holdout_days >= 0) {
		err_warn("orders predicted over each customer's holdout (the table's holdout_days; --horizon sets "
			 "another) and compared with holdout_orders");
		return;
	}
	if (c->m.kind == MODEL_RETENTION) {
		err_warn("CLV = m r / (1 + d - r), the value of all windows to come, with d = %g%% a year = %.4f%% per "
			 "%g days; m = the last window's %s", 100 * c->m.discount,
			 100 * (pow(1 + c->m.discount, c->m.window_days / 365.25) - 1), c->m.window_days,
			 l->margin >= 0 || c->margin_rate >= 0 ? "margin" : "revenue (no margin column)");
		return;
	}
	err_warn("value over %g %ss, discounted at %g%% a year (%.4f%% a %s); %s", c->m.horizon,
		 model_unit_name(c->m.unit), 100 * c->m.discount, 100 * unit_rate, model_unit_name(c->m.unit),
		 c->margin_rate >= 0 ? "CLV on margin at the given --margin-rate"
		 : l->margin >= 0 ? "CLV on margin (each customer's margin / revenue)"
				  : "CLV on revenue (no margin column; --margin-rate sets one)");
}

/* Fit: read the table once into the model's data and a spool, fit, then score the spool
 * (the fitted histories' predictions worked out first, on every core). */
static int fit_and_score(struct clv_run *c, customer_reader **in, struct layout *l, table_writer *out, fileio_out *of,
			 cm_error *e)
{
	btyd_data tx, sp;
	spool *rows = spool_new(*in, e);
	clv_cache *shared = clv_cache_new(NULL);
	struct fitted fit = {shared, NULL, 0};
	uint32_t *data_row = NULL;
	int rc = rows ? 0 : -1;
	btyd_init(&tx);
	btyd_init(&sp);
	if (rc == 0)
		rc = gather(*in, l, c, rows, &tx, &sp, &data_row, &fit.nrows, e);
	fit.row = data_row;
	if (rc == 0)
		rc = fit_models(c, &tx, &sp, e);
	if (rc == 0 && c->save_path)
		rc = model_save(&c->m, c->save_path, e);
	if (rc == 0)
		clv_cache_fill(shared, &c->m, &tx, c->threads);
	btyd_free(&tx);
	btyd_free(&sp);
	customer_reader_close(*in);
	*in = NULL;
	if (rc == 0)
		*in = spool_reopen(rows, e);
	else
		spool_free(rows);
	if (*in && !c->quiet)
		report_value(c, l);
	rc = *in ? finish(*in, l, c, &fit, out, of, e) : -1;
	clv_cache_free(shared);
	free(data_row);
	return rc;
}

int clvrun(struct clv_run *c, customer_reader **in, table_writer *out, fileio_out *f, cm_error *e)
{
	struct layout l;
	if (find_layout(*in, c, &l, e) < 0)
		return -1;
	if (!c->model_path)
		return fit_and_score(c, in, &l, out, f, e);
	if (!c->quiet)
		report_value(c, &l);
	return finish(*in, &l, c, NULL, out, f, e);
}
