/* segment — see segment.h. */
#include "segments/segment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customers/customer.h"
#include "io/num.h"
#include "customers/row_workers.h"
#include "segments/rules.h"
#include "base/threads.h"
#include "customers/spool.h"

#define NOUT 15   /* computed columns written */
#define NVIRT 3   /* seen by rules only */

static const char *const computed[NOUT + NVIRT] = {
	"abc", "abc_share", "r_score", "f_score", "m_score", "rfm", "rfm_segment", "lifecycle", "segment", "strategy",
	"abc_by", "loss_maker", "potential_class", "portfolio_cell", "share_of_wallet",
	"abc_rank", "key_account", "clv_quintile"};
enum { K_ABC, K_SHARE, K_R, K_F, K_M, K_RFM, K_RFMSEG, K_LIFE, K_SEG, K_STRAT, K_ABCBY, K_LOSS, K_POT, K_CELL, K_SOW,
       K_RANK, K_KEY, K_CLVQ };

/* The portfolio's cells: current value (the ABC class) against potential
 * (a tercile of the untapped potential, or of CLV), [class][potential 1..3]. */
static const char *const cells[3][3] = {
	{"cash", "star", "star"},              /* A: low, medium, high potential */
	{"cash", "maintain", "development"},   /* B */
	{"take_along", "take_along", "development"}}; /* C */

struct cols {
	long orders, repeat, active, age, idle, gap, recent, previous, p_alive, clv, abc_by, m_by;
	long level;      /* the last contribution level there is: db3, db2 or margin; -1 none */
	long potential;  /* a potential column (the customer's total demand), or -1 */
	long revenue;
};

#define CELL 64 /* room for a computed cell */

/* A cell's text: its length, and whether it is plain (table_writer_is_plain). */
struct text {
	const char *s;
	size_t n;
	int plain;
};

struct state {
	const struct segment_opts *o;
	customer_reader *in;
	size_t nin, n, cap;
	struct cols c;
	double *measure, *rfm[3], *clv;    /* per customer, from the first pass */
	double *pot;                       /* the potential: untapped demand, or CLV; NAN unknown */
	char *cls;
	double *share, cuts[3][RFM_MAXBINS], clvcuts[4], potcuts[2];
	size_t *rank, key_rank, nonpos;
	rules *rfm_rules, *portfolio;
	const char **names;                /* the rules' schema: input columns, then computed */
	int *numeric;
	long *skip;                        /* input columns recomputed here */
	long counts[LC_N], classes[3], unmatched[2];
	double class_value[3];
	struct text *rfm_segment, *segment, *strategy; /* of each rule */
	struct text life[LC_N], yes, no, none, abc_by, potential[3], cell[3][3];
};

/* One thread of the second pass: its rows' computed cells and output. */
struct lane {
	struct state *s;
	const cm_record *row;
	struct text comp[NOUT + NVIRT];     /* into room, or constant text */
	char room[NOUT + NVIRT][CELL];
	rules_scratch *rfm, *portfolio;
	table_writer *out;
	long counts[LC_N];
	long unmatched[2];                  /* rows no RFM rule (with scores), no portfolio rule matched */
};

static const char *get(size_t col, void *ctx, size_t *len)
{
	struct lane *l = ctx;
	if (col < l->s->nin) {
		*len = l->row->len[col];
		return l->row->f[col];
	}
	*len = l->comp[col - l->s->nin].n;
	return l->comp[col - l->s->nin].s;
}

static struct text text_of(const char *s)
{
	size_t n = strlen(s);
	return (struct text){s, n, table_writer_is_plain(s, n)};
}

/* Each rule's segment or strategy as a cell's text. */
static struct text *rule_texts(const rules *r, const char *(*what)(const rules *, long))
{
	size_t n = rules_count(r);
	struct text *t = xcalloc(n + 1, sizeof *t);
	for (size_t i = 0; i < n; i++)
		t[i] = text_of(what(r, (long)i));
	return t;
}

/* The texts of the cells that are not numbers. */
static void prepare_texts(struct state *s)
{
	s->rfm_segment = rule_texts(s->rfm_rules, rules_segment);
	s->segment = rule_texts(s->portfolio, rules_segment);
	s->strategy = rule_texts(s->portfolio, rules_strategy);
	for (int k = 0; k < LC_N; k++)
		s->life[k] = text_of(lifecycle_name(k));
	s->yes = text_of("yes");
	s->no = text_of("no");
	s->none = text_of("");
	s->abc_by = text_of(s->o->abc_by);
	s->potential[0] = text_of("low");
	s->potential[1] = text_of("medium");
	s->potential[2] = text_of("high");
	for (int a = 0; a < 3; a++)
		for (int p = 0; p < 3; p++)
			s->cell[a][p] = text_of(cells[a][p]);
}

static int find_cols(struct state *s, cm_error *e)
{
	static const char why[] = "a customer table from cm-import has it";
	struct cols *c = &s->c;
	if ((c->orders = customer_reader_require(s->in, "orders", why, e)) < 0 ||
	    (c->repeat = customer_reader_require(s->in, "repeat_orders", why, e)) < 0 ||
	    (c->active = customer_reader_require(s->in, "active_days", why, e)) < 0 ||
	    (c->age = customer_reader_require(s->in, "age_days", why, e)) < 0 ||
	    (c->idle = customer_reader_require(s->in, "idle_days", why, e)) < 0 ||
	    (c->gap = customer_reader_require(s->in, "last_gap_days", why, e)) < 0 ||
	    (c->recent = customer_reader_require(s->in, "orders_recent", why, e)) < 0 ||
	    (c->previous = customer_reader_require(s->in, "orders_previous", why, e)) < 0 ||
	    (c->abc_by = customer_reader_require(s->in, s->o->abc_by, "named by --abc-by", e)) < 0 ||
	    (c->m_by = customer_reader_require(s->in, s->o->m_by, "named by --m-by", e)) < 0)
		return -1;
	c->p_alive = customer_reader_col(s->in, "p_alive");
	c->clv = customer_reader_col(s->in, "clv");
	c->revenue = customer_reader_col(s->in, "revenue");
	c->potential = customer_reader_col(s->in, "potential");
	c->level = customer_reader_col(s->in, "db3");
	if (c->level < 0)
		c->level = customer_reader_col(s->in, "db2");
	if (c->level < 0)
		c->level = customer_reader_col(s->in, "margin");
	return 0;
}

/* The schema rules are checked against; input columns we recompute are hidden. */
static void build_schema(struct state *s)
{
	size_t n = s->nin + NOUT + NVIRT;
	s->names = xcalloc(n + 1, sizeof *s->names);
	s->numeric = xcalloc(n + 1, sizeof *s->numeric);
	s->skip = xcalloc(s->nin + 1, sizeof *s->skip);
	for (size_t i = 0; i < s->nin; i++) {
		const char *name = customer_reader_colname(s->in, i);
		for (size_t k = 0; k < NOUT + NVIRT; k++)
			s->skip[i] |= strcmp(name, computed[k]) == 0;
		s->names[i] = s->skip[i] ? "" : name;
		s->numeric[i] = customer_column_numeric(name) ? 1 : -1;
		if (strcmp(name, "customer_id") == 0 || strcmp(name, "first_date") == 0 || strcmp(name, "last_date") == 0)
			s->numeric[i] = 0;
	}
	for (size_t k = 0; k < NOUT + NVIRT; k++) {
		/* segment and strategy are what the rules decide: no rule may read them */
		s->names[s->nin + k] = k == K_SEG || k == K_STRAT ? "" : computed[k];
		s->numeric[s->nin + k] = k == K_SHARE || k == K_R || k == K_F || k == K_M || k == K_RANK || k == K_CLVQ ||
					 k == K_SOW;
	}
}

static int load_rules(struct state *s, cm_error *e)
{
	struct rules_schema sc = {s->nin + NOUT + NVIRT, s->names, s->numeric};
	const char *rfm = segment_default_rules("rfm"), *portfolio = segment_default_rules("portfolio");
	s->rfm_rules = s->o->rfm_rules_path ? rules_load(s->o->rfm_rules_path, &sc, e)
					    : rules_parse(rfm, strlen(rfm), "built-in rfm rules", &sc, 1, e);
	if (!s->rfm_rules)
		return -1;
	s->portfolio = s->o->rules_path ? rules_load(s->o->rules_path, &sc, e)
					: rules_parse(portfolio, strlen(portfolio), "built-in portfolio rules", &sc, 1, e);
	return s->portfolio ? 0 : -1;
}

/* ---- the first pass ---------------------------------------------------- */

static double cell(struct state *s, const cm_record *r, long col, double missing, int *bad, cm_error *e)
{
	double v;
	int rc;
	if (col < 0)
		return missing;
	rc = customer_reader_number(s->in, r, col, &v, e);
	*bad |= rc < 0;
	return rc == 1 ? v : missing;
}

static int remember(struct state *s, const cm_record *r, cm_error *e)
{
	int bad = 0;
	double orders;
	size_t i = s->n;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->measure = xrealloc(s->measure, s->cap * sizeof *s->measure);
		s->clv = xrealloc(s->clv, s->cap * sizeof *s->clv);
		s->pot = xrealloc(s->pot, s->cap * sizeof *s->pot);
		for (int k = 0; k < 3; k++)
			s->rfm[k] = xrealloc(s->rfm[k], s->cap * sizeof *s->rfm[k]);
	}
	orders = cell(s, r, s->c.orders, 0, &bad, e);
	s->measure[i] = cell(s, r, s->c.abc_by, 0, &bad, e);
	s->clv[i] = cell(s, r, s->c.clv, NAN, &bad, e);
	if (s->c.potential >= 0) { /* the demand not yet won: potential less revenue */
		double pot = cell(s, r, s->c.potential, NAN, &bad, e);
		s->pot[i] = isnan(pot) ? NAN : pot - cell(s, r, s->c.revenue, 0, &bad, e);
	} else {
		s->pot[i] = s->clv[i];
	}
	/* a prospect has no recency, frequency or monetary value to score */
	s->rfm[0][i] = orders > 0 ? cell(s, r, s->c.idle, NAN, &bad, e) : NAN;
	s->rfm[1][i] = orders > 0 ? orders : NAN;
	s->rfm[2][i] = orders <= 0 ? NAN : s->c.m_by == s->c.abc_by ? s->measure[i] : cell(s, r, s->c.m_by, 0, &bad, e);
	s->n++;
	return bad ? -1 : 0;
}

static int remember_row(void *s, const cm_record *r, cm_error *e) { return remember(s, r, e); }

static int first_pass(struct state *s, spool *sp, cm_error *e) { return spool_fill(sp, s->in, remember_row, s, e); }

static void say_cuts(const struct state *s)
{
	static const char *const what[3] = {"R (idle days)", "F (orders)", "M"};
	for (int k = 0; k < 3; k++) {
		char buf[256];
		size_t len = 0;
		for (int c = 0; c < s->o->bins - 1; c++)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%g", c ? ", " : "", s->cuts[k][c]);
		err_warn("%s cut points: %s", what[k], buf);
	}
}

/* Task 0: the ABC classes; task 1: the RFM and CLV cut points (at the same time). */
static void learn_task(void *ctx, size_t task)
{
	struct state *s = ctx;
	if (task == 0) {
		s->nonpos = abc_classify(s->measure, s->n, &s->o->abc, s->cls, s->share, s->rank);
		return;
	}
	for (int k = 0; k < 3; k++) {
		if (s->o->has_cuts[k])
			memcpy(s->cuts[k], s->o->cuts[k], sizeof s->cuts[k]);
		else
			rfm_cuts(s->rfm[k], s->n, s->o->bins, s->cuts[k]);
	}
	rfm_cuts(s->clv, s->n, 5, s->clvcuts);
	rfm_cuts(s->pot, s->n, 3, s->potcuts);
}

/* What the first pass learned: ABC classes, RFM cut points, key accounts, CLV quintiles. */
static void learn(struct state *s)
{
	s->cls = xmalloc(s->n + 1);
	s->share = xmalloc((s->n + 1) * sizeof *s->share);
	s->rank = xmalloc((s->n + 1) * sizeof *s->rank);
	threads_each(2, s->o->threads > 1 ? 2 : 1, learn_task, s);
	s->key_rank = s->o->key_share ? (size_t)ceil(s->o->key_accounts * (double)s->n) : (size_t)s->o->key_accounts;
	for (size_t i = 0; i < s->n; i++) {
		s->classes[s->cls[i] - 'A']++;
		s->class_value[s->cls[i] - 'A'] += s->measure[i] > 0 ? s->measure[i] : 0;
	}
	if (s->nonpos && !s->o->quiet)
		err_warn("%zu customer%s with %s zero or less %s C", s->nonpos, s->nonpos == 1 ? "" : "s",
			 s->o->abc_by, s->nonpos == 1 ? "is" : "are");
	if (s->o->verbose)
		say_cuts(s);
}

/* ---- the second pass --------------------------------------------------- */

static int life_of(struct state *s, const cm_record *r, cm_error *e)
{
	struct lifecycle_in c;
	int bad = 0;
	c.orders = cell(s, r, s->c.orders, 0, &bad, e);
	c.repeat = cell(s, r, s->c.repeat, 0, &bad, e);
	c.active = cell(s, r, s->c.active, 0, &bad, e);
	c.age = cell(s, r, s->c.age, 0, &bad, e);
	c.idle = cell(s, r, s->c.idle, NAN, &bad, e);
	c.last_gap = cell(s, r, s->c.gap, NAN, &bad, e);
	c.recent = cell(s, r, s->c.recent, 0, &bad, e);
	c.previous = cell(s, r, s->c.previous, 0, &bad, e);
	c.p_alive = cell(s, r, s->c.p_alive, NAN, &bad, e);
	c.has_gap = !isnan(c.last_gap);
	c.has_p = !isnan(c.p_alive);
	c.has_idle = !isnan(c.idle);
	c.idle = c.has_idle ? c.idle : 0;
	return bad ? -1 : lifecycle_classify(&c, &s->o->life);
}

/* Computed cell k: a number with so many decimals (empty for NaN), a whole
 * number (empty for 0), or text. */
static void put_fixed(struct lane *l, int k, int decimals, double v)
{
	l->room[k][0] = '\0';
	l->comp[k] = (struct text){l->room[k], isnan(v) ? 0 : num_format_fixed(v, decimals, l->room[k], CELL), 1};
}

static void put_whole(struct lane *l, int k, size_t v)
{
	l->room[k][0] = '\0';
	l->comp[k] = (struct text){l->room[k], v ? num_format_int((int64_t)v, l->room[k]) : 0, 1};
}

static void put_text(struct lane *l, int k, struct text t) { l->comp[k] = t; }

/* "435": the three scores (1..10) side by side; empty without scores. */
static void rfm_code(struct lane *l, const int sc[3])
{
	char *cell = l->room[K_RFM];
	size_t n = 0;
	for (int k = 0; k < 3 && sc[0]; k++) {
		if (sc[k] >= 10)
			cell[n++] = '1';
		cell[n++] = (char)('0' + sc[k] % 10);
	}
	cell[n] = '\0';
	l->comp[K_RFM] = (struct text){cell, n, 1};
}

/* The computed columns of customer i, but the rules' segment and strategy. */
/* The profit and portfolio cells of customer i: the ABC measure's name, a
 * loss maker (its last contribution level below zero), its potential class,
 * its portfolio cell, and its share of wallet (with a potential column). */
static int portfolio(struct lane *l, size_t i, const cm_record *r, cm_error *e)
{
	struct state *s = l->s;
	int bad = 0, p;
	double level = cell(s, r, s->c.level, NAN, &bad, e), pot = NAN, rev;
	put_text(l, K_ABCBY, s->abc_by);
	put_text(l, K_LOSS, isnan(level) ? s->none : level < 0 ? s->yes : s->no);
	p = isnan(s->pot[i]) ? 0 : rfm_score(s->pot[i], s->potcuts, 3, 0);
	put_text(l, K_POT, p ? s->potential[p - 1] : s->none);
	put_text(l, K_CELL, p ? s->cell[s->cls[i] - 'A'][p - 1] : s->none);
	if (s->c.potential >= 0)
		pot = cell(s, r, s->c.potential, NAN, &bad, e);
	rev = cell(s, r, s->c.revenue, 0, &bad, e);
	put_fixed(l, K_SOW, 4, pot > 0 ? rev / pot : NAN);
	return bad ? -1 : 0;
}

static int compute(struct lane *l, size_t i, const cm_record *r, cm_error *e)
{
	struct state *s = l->s;
	int life = life_of(s, r, e), sc[3];
	long m;
	if (life < 0)
		return -1;
	l->room[K_ABC][0] = s->cls[i];
	l->room[K_ABC][1] = '\0';
	l->comp[K_ABC] = (struct text){l->room[K_ABC], 1, 1};
	put_fixed(l, K_SHARE, 4, s->share[i]);
	for (int k = 0; k < 3; k++) {
		sc[k] = isnan(s->rfm[k][i]) ? 0 : rfm_score(s->rfm[k][i], s->cuts[k], s->o->bins, k == 0);
		put_whole(l, K_R + k, (size_t)sc[k]);
	}
	rfm_code(l, sc);
	put_text(l, K_LIFE, s->life[life]);
	put_whole(l, K_RANK, s->rank[i]);
	put_text(l, K_KEY, s->rank[i] <= s->key_rank ? s->yes : s->no);
	put_whole(l, K_CLVQ, isnan(s->clv[i]) ? 0 : (size_t)rfm_score(s->clv[i], s->clvcuts, 5, 0));
	if (portfolio(l, i, r, e) < 0)
		return -1;
	put_text(l, K_RFMSEG, s->none);
	l->row = r;
	if (sc[0] && (m = rules_match(s->rfm_rules, l->rfm, get, l)) >= 0)
		put_text(l, K_RFMSEG, s->rfm_segment[m]);
	else
		l->unmatched[0] += sc[0] != 0;
	l->counts[life]++;
	return 0;
}

static void declare(struct state *s, table_writer *out)
{
	for (size_t i = 0; i < s->nin; i++)
		if (!s->skip[i])
			table_writer_column(out, customer_reader_colname(s->in, i), customer_column_numeric(customer_reader_colname(s->in, i)));
	for (int k = 0; k < NOUT; k++)
		table_writer_column(out, computed[k], customer_column_numeric(computed[k]));
	table_writer_header(out);
}

static void write_text(table_writer *out, struct text t)
{
	if (t.plain)
		table_writer_text(out, t.s, t.n);
	else
		table_writer_cell(out, t.s, t.n);
}

/* Row i with its columns appended, into the lane's output. */
static int segment_row(void *lane, size_t i, const cm_record *r, cm_error *e)
{
	struct lane *l = lane;
	struct state *s = l->s;
	long m;
	if (i >= s->n)
		return err_set(e, "the table changed between the two passes");
	if (compute(l, i, r, e) < 0)
		return -1;
	m = rules_match(s->portfolio, l->portfolio, get, l);
	l->unmatched[1] += m < 0;
	table_writer_fields(l->out, r, s->skip);
	for (int k = 0; k < K_SEG; k++)
		write_text(l->out, l->comp[k]);
	write_text(l->out, m >= 0 ? s->segment[m] : s->none);
	write_text(l->out, m >= 0 ? s->strategy[m] : s->none);
	for (int k = K_STRAT + 1; k < NOUT; k++)
		write_text(l->out, l->comp[k]);
	table_writer_end_row(l->out);
	return 0;
}

static void flush_lane(void *lane) { table_writer_flush(((struct lane *)lane)->out); }

static int second_pass(struct state *s, table_writer *out, cm_error *e)
{
	int threads = s->o->threads > 0 ? s->o->threads : 1, n = 2 * threads, rc;
	struct lane *lanes = xcalloc((size_t)n, sizeof *lanes);
	void **ctx = xcalloc((size_t)n, sizeof *ctx);
	declare(s, out);
	for (int k = 0; k < n; k++) {
		lanes[k] = (struct lane){.s = s, .rfm = rules_scratch_new(s->rfm_rules),
					 .portfolio = rules_scratch_new(s->portfolio), .out = table_writer_batch(out)};
		ctx[k] = &lanes[k];
	}
	rc = row_workers_run(s->in, threads, ctx, n, segment_row, flush_lane, e);
	for (int k = 0; k < n; k++) {
		for (int c = 0; c < LC_N; c++)
			s->counts[c] += lanes[k].counts[c];
		s->unmatched[0] += lanes[k].unmatched[0];
		s->unmatched[1] += lanes[k].unmatched[1];
		rules_scratch_free(lanes[k].rfm);
		rules_scratch_free(lanes[k].portfolio);
		table_writer_free(lanes[k].out);
	}
	free(lanes);
	free(ctx);
	return rc;
}

static void summary(const struct state *s)
{
	double total = s->class_value[0] + s->class_value[1] + s->class_value[2];
	char life[512];
	size_t len = 0;
	for (int k = 0; k < LC_N; k++)
		len += (size_t)snprintf(life + len, sizeof life - len, "%s%s %ld", k ? ", " : "", lifecycle_name(k),
					s->counts[k]);
	err_warn("%zu customers; ABC by %s: A %ld (%.1f%%), B %ld (%.1f%%), C %ld (%.1f%%)", s->n, s->o->abc_by,
		 s->classes[0], total > 0 ? 100 * s->class_value[0] / total : 0, s->classes[1],
		 total > 0 ? 100 * s->class_value[1] / total : 0, s->classes[2],
		 total > 0 ? 100 * s->class_value[2] / total : 0);
	err_warn("lifecycle: %s", life);
}

/* Customers the rules left without a segment: said even under -q. */
static void unmatched(const struct state *s)
{
	static const char *const what[2] = {"RFM rule: their rfm_segment is empty",
					    "portfolio rule: their segment and strategy are empty"};
	for (int k = 0; k < 2; k++)
		if (s->unmatched[k])
			err_warn("%ld customer%s match%s no %s", s->unmatched[k], s->unmatched[k] == 1 ? "" : "s",
				 s->unmatched[k] == 1 ? "es" : "", what[k]);
}

static void release(struct state *s)
{
	free(s->measure);
	free(s->clv);
	free(s->pot);
	for (int k = 0; k < 3; k++)
		free(s->rfm[k]);
	free(s->cls);
	free(s->share);
	free(s->rank);
	free(s->names);
	free(s->numeric);
	free(s->skip);
	rules_free(s->rfm_rules);
	rules_free(s->portfolio);
	free(s->rfm_segment);
	free(s->segment);
	free(s->strategy);
}

int segment_run(customer_reader *in, const struct segment_opts *o, table_writer *out, cm_error *e)
{
	struct state s;
	spool *sp = NULL;
	int rc;
	memset(&s, 0, sizeof s);
	s.o = o;
	s.in = in;
	s.nin = customer_reader_ncols(in);
	build_schema(&s);
	rc = find_cols(&s, e) < 0 || load_rules(&s, e) < 0 ? -1 : 0; /* rules are checked before any row */
	if (rc == 0)
		prepare_texts(&s);
	if (rc == 0 && !(sp = spool_new(in, e)))
		rc = -1;
	if (rc == 0)
		rc = first_pass(&s, sp, e);
	if (rc == 0) {
		learn(&s);

		s.in = spool_reopen(sp, e);
		sp = NULL;
		rc = s.in ? second_pass(&s, out, e) : -1;
		customer_reader_close(s.in);
	}
	spool_free(sp);
	if (rc == 0 && !o->quiet)
		summary(&s);
	if (rc == 0)
		unmatched(&s);
	release(&s);
	return rc;
}
