/* rules — see rules.h. */
#include "segments/rules.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/num.h"
#include "io/fileio.h"
#include "io/encoding.h"
#include "io/jsonio.h"

enum { C_ALL, C_ANY, C_LEAF };
enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_IN, OP_BETWEEN };
static const char *const ops[] = {"=", "!=", "<", "<=", ">", ">=", "in", "between", NULL};

struct cond {
	int kind, op, numeric;
	size_t col;
	double lo, hi;          /* numeric values */
	char **strs;            /* text values (or the numeric "in" list as text-free numbers in nums) */
	double *nums;
	size_t nvals;
	struct cond *kids;
	size_t nkids;
};

struct rule {
	char *segment, *strategy;
	struct cond *when;      /* NULL: always */
};

struct rules {
	struct rule *r;
	size_t n;
	size_t ncols;           /* of the schema */
};

/* The match depends on the cells of the columns the rules name, nothing else:
 * a row's match is remembered under those cells' text (few distinct ones in
 * the usual rules: scores, classes, lifecycle stages), so most rows are one
 * lookup.  A thread's memory of them stops at MEMO_SLOTS / 2 keys; past that
 * (rules on a column of many values) rows are matched afresh. */
#define MEMO_SLOTS 8192
#define MEMO_KEY 240            /* longer keys are not remembered */

struct memo {
	uint64_t hash;
	long match;
	uint32_t at, len;       /* the key in keys */
};

struct rules_scratch {          /* while matching a row: each column's number, */
	double *num;
	unsigned char *parsed;  /* parsed once (1 a number, 2 not one, 0 not yet) */
	size_t ncols;
	size_t *cols, ncolsused; /* the columns the rules name */
	struct memo *memo;      /* MEMO_SLOTS, or NULL: no more remembering */
	size_t nmemo;
	char *keys, key[MEMO_KEY + 1];
	size_t nkeys, capkeys;
};

struct ctx {                    /* parsing */
	const struct rules_schema *s;
	const char *name;
	size_t rule;
	int missing;            /* a column not in the schema was named */
	cm_error *e;
};

static int fail(struct ctx *c, const char *fmt, const char *what)
{
	char msg[400];
	snprintf(msg, sizeof msg, fmt, what ? what : "");
	return err_set(c->e, "%s: rule %zu: %s", c->name, c->rule, msg);
}

static long find_col(const struct rules_schema *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->names[i], name) == 0)
			return (long)i;
	return -1;
}

/* Free what a condition holds (not the condition itself). */
static void clear_cond(struct cond *c)
{
	for (size_t i = 0; i < c->nkids; i++)
		clear_cond(&c->kids[i]);
	free(c->kids);
	for (size_t i = 0; c->strs && i < c->nvals; i++)
		free(c->strs[i]);
	free(c->strs);
	free(c->nums);
}

/* ---- parsing ---------------------------------------------------------- */

static int parse_cond(struct ctx *c, const jsonio_value *v, struct cond *out);

static int parse_group(struct ctx *c, const jsonio_value *list, int kind, struct cond *out)
{
	const jsonio_value *v;
	if (jsonio_type(list) != JSONIO_ARRAY || jsonio_length(list) == 0)
		return fail(c, "\"%s\" needs a non-empty array of conditions", kind == C_ALL ? "all" : "any");
	out->kind = kind;
	out->kids = xcalloc(jsonio_length(list), sizeof *out->kids);
	for (v = jsonio_first(list); v; v = jsonio_next(v))
		if (parse_cond(c, v, &out->kids[out->nkids++]) < 0)
			return -1;
	return 0;
}

/* The value(s) of a leaf, checked against the column's type and the operator. */
static int parse_values(struct ctx *c, const jsonio_value *v, struct cond *out, const char *col)
{
	int want = out->numeric ? JSONIO_NUMBER : JSONIO_STRING, list = out->op == OP_IN || out->op == OP_BETWEEN;
	size_t n;
	const jsonio_value *e;
	if (list && jsonio_type(v) != JSONIO_ARRAY)
		return fail(c, "\"%s\" needs an array value", ops[out->op]);
	n = list ? jsonio_length(v) : 1;
	if (n == 0)
		return fail(c, "\"in\" needs at least one value%s", "");
	if (out->op == OP_BETWEEN && n != 2)
		return fail(c, "\"between\" needs [low, high]%s", "");
	if (out->op >= OP_LT && out->op <= OP_BETWEEN && out->op != OP_IN && !out->numeric)
		return fail(c, "column '%s' holds text: it cannot be compared with < > or between", col);
	out->nvals = n;
	out->nums = xcalloc(n + 1, sizeof *out->nums);
	out->strs = xcalloc(n + 1, sizeof *out->strs);
	e = list ? jsonio_first(v) : v;
	for (size_t i = 0; i < n; i++, e = list ? jsonio_next(e) : e) {
		if (jsonio_type(e) != want)
			return fail(c, out->numeric ? "column '%s' holds numbers: compare it with numbers"
						    : "column '%s' holds text: compare it with strings", col);
		if (out->numeric)
			out->nums[i] = jsonio_number(e);
		else
			out->strs[i] = xstrdup(jsonio_string(e));
	}
	out->lo = out->nums[0];
	out->hi = out->nums[n > 1 ? 1 : 0];
	if (out->op == OP_BETWEEN && !(out->lo <= out->hi)) {
		char what[160];
		snprintf(what, sizeof what, "%s between [%g, %g]", col, out->lo, out->hi);
		return fail(c, "%s: the low end is above the high end, no value can match", what);
	}
	return 0;
}

static int parse_leaf(struct ctx *c, const jsonio_value *v, struct cond *out)
{
	const jsonio_value *col = jsonio_member(v, "column"), *op = jsonio_member(v, "op");
	const jsonio_value *val = jsonio_member(v, "value");
	long k;
	if (!col || jsonio_type(col) != JSONIO_STRING)
		return fail(c, "a condition needs \"column\" (or \"all\"/\"any\")%s", "");
	if (!op || jsonio_type(op) != JSONIO_STRING)
		return fail(c, "condition on '%s' has no \"op\"", jsonio_string(col));
	if (!val)
		return fail(c, "condition on '%s' has no \"value\"", jsonio_string(col));
	out->kind = C_LEAF;
	for (out->op = 0; ops[out->op] && strcmp(ops[out->op], jsonio_string(op)); out->op++)
		;
	if (!ops[out->op])
		return fail(c, "unknown operator '%s' (use = != < <= > >= in between)", jsonio_string(op));
	if ((k = find_col(c->s, jsonio_string(col))) < 0) {
		c->missing = 1;
		return fail(c, "unknown column '%s'", jsonio_string(col));
	}
	out->col = (size_t)k;
	out->numeric = c->s->numeric[k];
	if (out->numeric < 0) { /* a column cm does not know: typed by the value compared with */
		const jsonio_value *first = jsonio_type(val) == JSONIO_ARRAY ? jsonio_first(val) : val;
		out->numeric = first && jsonio_type(first) == JSONIO_NUMBER;
	}
	return parse_values(c, val, out, jsonio_string(col));
}

static int parse_cond(struct ctx *c, const jsonio_value *v, struct cond *out)
{
	const jsonio_value *g;
	memset(out, 0, sizeof *out);
	if (!v || jsonio_type(v) != JSONIO_OBJECT)
		return fail(c, "a condition must be an object%s", "");
	if ((g = jsonio_member(v, "all")))
		return parse_group(c, g, C_ALL, out);
	if ((g = jsonio_member(v, "any")))
		return parse_group(c, g, C_ANY, out);
	return parse_leaf(c, v, out);
}


static void free_rule(struct rule *r)
{
	free(r->segment);
	free(r->strategy);
	if (r->when) {
		clear_cond(r->when);
		free(r->when);
	}
}

/* A segment or strategy name goes into tables and reports whole: a bounded
 * length of valid UTF-8 without control characters. */
static int check_name(struct ctx *c, const char *what, const char *name)
{
	size_t n = strlen(name);
	if (n == 0)
		return fail(c, "the %s name is empty", what);
	if (n > RULES_NAME_MAX)
		return fail(c, "the %s name is longer than " RULES_NAME_MAX_TEXT " bytes", what);
	if (encoding_utf8_check(name, n) != n)
		return fail(c, "the %s name is not valid UTF-8", what);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return fail(c, "the %s name holds a control character", what);
	return 0;
}

static int parse_rule(struct ctx *c, const jsonio_value *v, struct rule *out)
{
	const jsonio_value *seg = jsonio_member(v, "segment"), *str = jsonio_member(v, "strategy");
	const jsonio_value *when = jsonio_member(v, "when");
	memset(out, 0, sizeof *out);
	if (jsonio_type(v) != JSONIO_OBJECT || !seg || jsonio_type(seg) != JSONIO_STRING)
		return fail(c, "a rule needs a \"segment\" name%s", "");
	if (str && jsonio_type(str) != JSONIO_STRING)
		return fail(c, "\"strategy\" must be text%s", "");
	for (const jsonio_value *m = jsonio_first(v); m; m = jsonio_next(m)) {
		const char *k = jsonio_name(m);
		if (strcmp(k, "segment") && strcmp(k, "strategy") && strcmp(k, "when") && strcmp(k, "comment"))
			return fail(c, "unknown key '%s' (a rule has segment, strategy, when, comment)", k);
	}
	if (check_name(c, "segment", jsonio_string(seg)) < 0 || (str && check_name(c, "strategy", jsonio_string(str)) < 0))
		return -1;
	out->segment = xstrdup(jsonio_string(seg));
	out->strategy = xstrdup(str ? jsonio_string(str) : "");
	if (when) {
		out->when = xcalloc(1, sizeof *out->when);
		return parse_cond(c, when, out->when);
	}
	return 0;
}

/* The document's "rules" array, with nothing else at the top but a comment. */
static const jsonio_value *rule_list(const jsonio_doc *d, const char *name, cm_error *e)
{
	const jsonio_value *list = jsonio_member(jsonio_doc_root(d), "rules");
	for (const jsonio_value *m = jsonio_first(jsonio_doc_root(d)); m; m = jsonio_next(m))
		if (strcmp(jsonio_name(m), "rules") && strcmp(jsonio_name(m), "comment")) {
			err_set(e, "%s: unknown key '%.60s' (a rules file has \"rules\" and a \"comment\")", name,
				jsonio_name(m));
			return NULL;
		}
	if (!list || jsonio_type(list) != JSONIO_ARRAY) {
		err_set(e, "%s: no \"rules\" array", name);
		return NULL;
	}
	if (!jsonio_first(list)) {
		err_set(e, "%s: the \"rules\" array is empty: no customer would get a segment", name);
		return NULL;
	}
	return list;
}

rules *rules_parse(const char *text, size_t len, const char *name, const struct rules_schema *s,
		   int drop_unknown, cm_error *e)
{
	cm_error inner;
	jsonio_doc *d = jsonio_doc_parse(text, len, &inner);
	const jsonio_value *list;
	struct ctx c = {s, name, 0, 0, e};
	rules *r;
	if (!d) {
		err_set(e, "%s: not a rules file: %s", name, inner.msg);
		return NULL;
	}
	if (!(list = rule_list(d, name, e))) {
		jsonio_doc_free(d);
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	r->r = xcalloc(jsonio_length(list) + 1, sizeof *r->r);
	r->ncols = s->n;
	for (const jsonio_value *v = jsonio_first(list); v; v = jsonio_next(v)) {
		c.rule++;
		c.missing = 0;
		if (parse_rule(&c, v, &r->r[r->n]) == 0) {
			r->n++;
			continue;
		}
		free_rule(&r->r[r->n]);
		if (!(drop_unknown && c.missing)) {
			rules_free(r);
			r = NULL;
			break;
		}
	}
	jsonio_doc_free(d);
	return r;
}

rules *rules_load(const char *path, const struct rules_schema *s, cm_error *e)
{
	fileio_in *in = fileio_open_in(path, e);
	char *buf = NULL;
	size_t cap = 0, n = 0;
	ssize_t got = 0;
	rules *r;
	if (!in)
		return NULL;
	for (;;) {
		xgrow((void **)&buf, &cap, n + 65536, 1);
		if ((got = fileio_read(in, buf + n, cap - n, e)) <= 0)
			break;
		n += (size_t)got;
	}
	fileio_close_in(in);
	r = got < 0 ? NULL : rules_parse(buf, n, path, s, 0, e);
	free(buf);
	return r;
}

/* ---- matching --------------------------------------------------------- */

/* A cell as a number, parsed at most once per row: 0 when it is empty or not one. */
static int number(rules_scratch *r, size_t col, rules_get get, void *ctx, double *v)
{
	if (!r->parsed[col]) {
		size_t len;
		const char *cell = get(col, ctx, &len);
		char *end;
		r->parsed[col] = 1;
		if (!num_parse_plain(cell, len, &r->num[col])) { /* the common case, exactly as strtod */
			r->num[col] = strtod(cell, &end);
			r->parsed[col] = end == cell || *end ? 2 : 1;
		}
	}
	*v = r->num[col];
	return r->parsed[col] == 1;
}

static int leaf(rules_scratch *r, const struct cond *c, rules_get get, void *ctx)
{
	double v;
	if (!c->numeric) {
		size_t len;
		const char *cell = get(c->col, ctx, &len);
		int hit = 0;
		for (size_t i = 0; i < c->nvals && !hit; i++)
			hit = strcmp(cell, c->strs[i]) == 0;
		return c->op == OP_NE ? !hit : hit;
	}
	if (!number(r, c->col, get, ctx, &v))
		return 0; /* empty or not a number: no comparison holds */
	switch (c->op) {
	case OP_EQ: return v == c->lo;
	case OP_NE: return v != c->lo;
	case OP_LT: return v < c->lo;
	case OP_LE: return v <= c->lo;
	case OP_GT: return v > c->lo;
	case OP_GE: return v >= c->lo;
	case OP_BETWEEN: return v >= c->lo && v <= c->hi;
	default:
		for (size_t i = 0; i < c->nvals; i++)
			if (v == c->nums[i])
				return 1;
		return 0;
	}
}

static int holds(rules_scratch *r, const struct cond *c, rules_get get, void *ctx)
{
	if (c->kind == C_LEAF)
		return leaf(r, c, get, ctx);
	for (size_t i = 0; i < c->nkids; i++) {
		int h = holds(r, &c->kids[i], get, ctx);
		if (c->kind == C_ALL && !h)
			return 0;
		if (c->kind == C_ANY && h)
			return 1;
	}
	return c->kind == C_ALL;
}

/* The columns c names, marked in used. */
static void mark_cols(const struct cond *c, unsigned char *used)
{
	if (!c)
		return;
	if (c->kind == C_LEAF)
		used[c->col] = 1;
	for (size_t i = 0; i < c->nkids; i++)
		mark_cols(&c->kids[i], used);
}

rules_scratch *rules_scratch_new(const rules *r)
{
	rules_scratch *s = xcalloc(1, sizeof *s);
	s->num = xcalloc(r->ncols + 1, sizeof *s->num);
	s->parsed = xcalloc(r->ncols + 1, 1);
	s->ncols = r->ncols;
	for (size_t i = 0; i < r->n; i++) /* parsed holds the marks here; match() clears it */
		mark_cols(r->r[i].when, s->parsed);
	s->cols = xcalloc(r->ncols + 1, sizeof *s->cols);
	for (size_t c = 0; c < r->ncols; c++)
		if (s->parsed[c])
			s->cols[s->ncolsused++] = c;
	s->memo = xzeroed(MEMO_SLOTS, sizeof *s->memo);
	return s;
}

void rules_scratch_free(rules_scratch *s)
{
	if (!s)
		return;
	free(s->num);
	free(s->parsed);
	free(s->cols);
	free(s->memo);
	free(s->keys);
	free(s);
}

/* The row's key: the named cells, each after a byte of its length (a cell
 * may hold a NUL); 0 when it is too long. */
static size_t make_key(rules_scratch *s, rules_get get, void *ctx)
{
	size_t n = 0;
	for (size_t i = 0; i < s->ncolsused; i++) {
		size_t len;
		const char *cell = get(s->cols[i], ctx, &len);
		if (n + len + 1 > MEMO_KEY)
			return 0;
		s->key[n] = (char)len;
		memcpy(s->key + n + 1, cell, len);
		n += len + 1;
	}
	return n;
}

static uint64_t key_hash(const char *k, size_t n)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * UINT64_C(1099511628211);
	return h ^ (h >> 29);
}

/* The slot of the key: where it is remembered, or the free slot it would take. */
static struct memo *memo_slot(rules_scratch *s, uint64_t h, size_t n)
{
	for (size_t i = (size_t)h & (MEMO_SLOTS - 1);; i = (i + 1) & (MEMO_SLOTS - 1)) {
		struct memo *m = &s->memo[i];
		if (!m->len || (m->hash == h && m->len == n && memcmp(s->keys + m->at, s->key, n) == 0))
			return m;
	}
}

static long match(const rules *r, rules_scratch *s, rules_get get, void *ctx)
{
	memset(s->parsed, 0, s->ncols);
	for (size_t i = 0; i < r->n; i++)
		if (!r->r[i].when || holds(s, r->r[i].when, get, ctx))
			return (long)i;
	return -1;
}

long rules_match(const rules *r, rules_scratch *s, rules_get get, void *ctx)
{
	size_t n = s->memo ? make_key(s, get, ctx) : 0;
	uint64_t h;
	struct memo *m;
	long found;
	if (n == 0)
		return match(r, s, get, ctx);
	h = key_hash(s->key, n);
	m = memo_slot(s, h, n);
	if (m->len)
		return m->match;
	found = match(r, s, get, ctx);
	*m = (struct memo){h, found, (uint32_t)s->nkeys, (uint32_t)n};
	xgrow((void **)&s->keys, &s->capkeys, s->nkeys + n, 1);
	memcpy(s->keys + s->nkeys, s->key, n);
	s->nkeys += n;
	if (2 * ++s->nmemo >= MEMO_SLOTS) { /* many distinct keys: no help here */
		free(s->memo);
		s->memo = NULL;
	}
	return found;
}

size_t rules_count(const rules *r) { return r->n; }
const char *rules_segment(const rules *r, long i) { return r->r[i].segment; }
const char *rules_strategy(const rules *r, long i) { return r->r[i].strategy; }

void rules_free(rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free_rule(&r->r[i]);
	free(r->r);
	free(r);
}
