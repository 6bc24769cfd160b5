/* customer — see customer.h. */
#include "customers/customer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "io/date.h"
#include "base/err.h"
#include "io/num.h"
#include "base/ordered_queue.h"
#include "base/page_pool.h"
#include "base/threads.h"

/* An occasion is the lines of one day, or of one document (an order id) on
 * one day; with --occasion order, of one document whatever its days. */
struct occ {               /* one purchase occasion, or a day of returns only */
	int64_t value;         /* net amount of its lines */
	uint64_t key;          /* the day, or the order id's hash */
	int32_t day;           /* its day (by order: the earliest of its lines) */
	uint8_t purchase;      /* some line had amount >= 0 */
	uint8_t holdout;       /* after as-of */
};

/* What DB II and III take beside revenue and margin, the margin per period
 * and the holdout, kept only when asked (customer_keep_costs,
 * customer_add_own_cost, --cohorts, --holdout-end): a pointer of the
 * customer's costs nothing otherwise. */
struct period_margin {
	int32_t period;        /* cohorts_period_of */
	int64_t margin;
};

struct extra {
	int64_t lines_cost;    /* the cost columns of its lines */
	int64_t own;           /* its own costs (DB III) */
	uint32_t lines, returns;
	struct period_margin *pm;      /* the margin per cohort period, by period (customer_keep_period_margin) */
	uint32_t npm, cappm;
	int64_t hold_revenue;          /* of its lines after as-of */
};

/* Where and under what name the customer bought, made when lines name a
 * channel, a category or the customer: one cache line, holding the first
 * channel or category and a name of up to NAME_INLINE bytes, so that a line
 * of a customer who buys through one channel under one name reads nothing
 * beyond it. */
#define NAME_INLINE 24

struct profile {
	struct mix mix;        /* channels and categories (channel_mix.h); e is `first` until a second comes */
	struct mix_entry first;
	int32_t name_day;
	uint32_t namelen;      /* of the name of its latest line that names it; 0: none yet */
	union {
		char *at;              /* a longer name, in the chunks */
		char in[NAME_INLINE];  /* one of up to NAME_INLINE bytes, here */
	} name;
};
_Static_assert(sizeof(struct profile) == 64, "a profile is one cache line");

#define ID_INLINE 8

struct cust {
	union {                /* the id: see cust_id */
		const char *at;        /* a longer one, in the shard's chunks */
		char in[ID_INLINE];    /* one of up to ID_INLINE bytes, here (zero-padded): no miss to compare it */
	} id;
	uint32_t idlen, nocc;  /* the occasion array holds occ_cap(nocc) */
	int32_t master;        /* row of the master list, or -1 */
	int64_t revenue, margin;
	struct occ *occ;       /* sorted by day, then key; by order, by key */
	struct extra *extra;   /* NULL unless costs, period margins or a holdout are kept */
	struct profile *profile;       /* NULL unless lines name a channel, category or name */
};

static inline const char *profile_name(const struct profile *x)
{
	return x->namelen <= NAME_INLINE ? x->name.in : x->name.at;
}

static inline const char *cust_id(const struct cust *c)
{
	return c->idlen <= ID_INLINE ? c->id.in : c->id.at;
}

/* Does a + b stay within int64?  Amounts are exact (num.h): a sum that
 * leaves the range is refused, never wrapped. */
static inline int sum_fits(int64_t a, int64_t b)
{
	int64_t s;
	return !__builtin_add_overflow(a, b, &s);
}

static int64_t hold_revenue(const struct cust *c);

static int sums_fit(const struct cust *c, int64_t amount, int64_t margin, int holdout)
{
	if (holdout)
		return sum_fits(hold_revenue(c), amount);
	return sum_fits(c->revenue, amount) && sum_fits(c->margin, margin);
}

/* The shard's memory for ids and occasion arrays: chunks of 4 KB at first,
 * each twice the one before up to 256 KB, so a small table stays small and
 * the chunks that 64 shards have begun hold little; cut from the table's page
 * pool, given back with it. */
#define CHUNK_FIRST (1 << 12)
#define CHUNK_MAX (1 << 18)
#define PIECE_ALONE (CHUNK_MAX / 4) /* a larger piece (a long id or name) is taken from the pool alone */

struct chunk {
	size_t used, size;
	_Alignas(8) char data[];
};

/* The table is split by the top bits of the id's hash into shards: reader
 * threads fill one table together, each shard on one thread at a time
 * (customer_feed), without locks. */
#define SHARD_BITS 6
#define SHARDS (1 << SHARD_BITS)
_Static_assert(SHARDS == CUSTOMER_SHARDS, "the header's count of shards");

/* Occasion arrays hold 1, 2, 3, 4, 6, 8, 12, ... occasions (powers of two
 * and one and a half times them: half the customers buy once, and an array
 * is a third empty at most).  Up to OCC_CHUNKED occasions they are cut from
 * the shard's chunks (no allocator header, no call) and a freed one waits on
 * its size's stack for the next customer that grows; larger ones are
 * malloc'd. */
#define OCC_CHUNKED 2048
#define OCC_CLASSES 23 /* occ_class(OCC_CHUNKED) + 1: 2 x 11 + 1 */

static int occ_class(uint32_t cap)
{
	int k = 31 - __builtin_clz(cap);
	return 2 * k + ((cap & (cap - 1)) != 0);
}

/* The room of an array holding n occasions: arrays grow to the next size
 * when full, so the room follows from n. */
static uint32_t occ_cap(uint32_t n)
{
	uint32_t p, half;
	if (n <= 2)
		return n;
	p = UINT32_C(1) << (31 - __builtin_clz(n - 1)); /* p <= n - 1 < 2p */
	half = p + p / 2;
	return n <= half ? half : 2 * p;
}

/* A shard's customers sit in blocks of CUST_BLOCK from the page pool: a
 * customer never moves (no copy as the table grows, no doubling slack), and
 * each takes one cache line of its own, or, when lines name a channel, a
 * category or the customer, two: the record and its profile side by side,
 * 128-byte aligned, the pair of lines the memory fetches together. */
#define CUST_BLOCK_BITS 9
#define CUST_BLOCK (1u << CUST_BLOCK_BITS)
#define CUST_ALONE 6  /* log2 of a customer's bytes in a block: its record */
#define CUST_PAIRED 7 /* its record and profile */
_Static_assert(sizeof(struct cust) == 64, "a customer is one cache line");

struct shard {
	_Alignas(CACHE_LINE) struct cust **blk; /* blocks of CUST_BLOCK customers; a shard's lines are its own */
	size_t n, capblk;
	uint32_t *slots;       /* open addressing: tag << INDEX_BITS | index + 1; 0 empty */
	size_t nslots;
	struct chunk *arena;   /* ids and occasion arrays: the chunk cut from now */
	struct profile *profile_next, *profile_end; /* the block profiles are taken from now */
	int shift;             /* CUST_ALONE or CUST_PAIRED, chosen at the first block */
	int paired;            /* the first block pairs records with profiles */
	int mallocs;           /* some customer holds malloc'd memory (period margins, a large occasion array) */
	page_pool *pool;       /* the table's, where chunks come from */
	void *free_occ[OCC_CLASSES];   /* by occ_class: each free array holds the next one */
	int32_t latest;
	int keep_costs;
	int by_order;                  /* an occasion is a document, whatever its days */
};

struct customer_table {
	struct shard shard[SHARDS];
	page_pool *pool;               /* the shards' chunks */
	struct mix_names names;        /* of the channels and categories */
	int margin_unit;               /* enum cohort_unit of the margin kept per period; -1 none */
	int write_name;                /* customer_write: the lines' customer_name is a column */
	size_t nmaster_cols;
	char **master_cols;
	char ***master_rows;
	size_t nmaster, capmaster;
};

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
	return h;
}

int customer_column_numeric(const char *name)
{
	static const char *const numeric[] = {
		"orders", "repeat_orders", "active_days", "age_days", "idle_days", "last_gap_days",
		"orders_recent", "orders_previous", "revenue", "avg_order_value", "avg_repeat_value", "documents",
		"margin", "db2", "db3", "holdout_orders", "holdout_revenue", "holdout_days", "channels", "categories", "p_alive", "expected_orders", "expected_value", "clv",
		"abc_share", "r_score", "f_score", "m_score", NULL};
	for (int i = 0; numeric[i]; i++)
		if (strcmp(name, numeric[i]) == 0)
			return 1;
	return 0;
}

int customer_id_lost_digits(const char *s, size_t n)
{
	size_t i = 1;
	if (n < 4 || s[0] < '0' || s[0] > '9')
		return 0;
	if (i < n && (s[i] == '.' || s[i] == ','))
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
	if (i + 2 >= n || (s[i] != 'E' && s[i] != 'e') || s[i + 1] != '+')
		return 0;
	for (i += 2; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	return i == n;
}

size_t customer_clean_id(const char **s, size_t n, int keep)
{
	size_t i = 0, dot;
	while (n > 0 && (**s == ' ' || **s == '\t'))
		(*s)++, n--;
	while (n > 0 && ((*s)[n - 1] == ' ' || (*s)[n - 1] == '\t' || (*s)[n - 1] == '\r'))
		n--;
	if (keep)
		return n;
	while (i < n && (*s)[i] >= '0' && (*s)[i] <= '9')
		i++;
	if (i == 0 || i + 1 >= n || (*s)[i] != '.')
		return n;
	dot = i++;
	while (i < n && (*s)[i] == '0')
		i++;
	return i == n ? dot : n;
}

size_t customer_bucket(const char *id, size_t idlen, size_t n) { return (size_t)(fnv1a(id, idlen) % n); }

/* An empty shard (its memory all freed, or never used). */
static void shard_init(struct shard *s)
{
	s->nslots = 1 << 6;
	s->slots = xcalloc(s->nslots, sizeof *s->slots);
	s->latest = DAY_NONE;
}

customer_table *customer_table_new(void)
{
	customer_table *t = xcalloc_lines(1, sizeof *t); /* shards of different threads side by side */
	t->pool = page_pool_new();
	for (size_t i = 0; i < SHARDS; i++) {
		shard_init(&t->shard[i]);
		t->shard[i].pool = t->pool;
	}
	t->margin_unit = -1;
	return t;
}

void customer_keep_period_margin(customer_table *t, int unit) { t->margin_unit = unit; }

static void *arena_alloc(struct shard *t, size_t n);

/* The name of the latest line that names the customer; on the same day the
 * one last in byte order: the same whatever the lines' order. */
static void take_name(struct shard *s, struct profile *x, const char *name, size_t n, int32_t day)
{
	char *to;
	if (x->namelen) {
		size_t old;
		int c;
		if (day < x->name_day)
			return;
		old = x->namelen;
		c = memcmp(name, profile_name(x), n < old ? n : old);
		if (c == 0 && n == old) { /* the same name, perhaps on a later day: it is that day's */
			x->name_day = day;
			return;
		}
		if (day == x->name_day && (c < 0 || (c == 0 && n < old)))
			return;
	}
	to = n <= NAME_INLINE ? x->name.in : (x->name.at = arena_alloc(s, n)); /* a long name that changes
										  leaves the old one in the chunk */
	memcpy(to, name, n);
	x->name_day = day;
	x->namelen = (uint32_t)n;
}

/* Room for one more entry in a mix, from the shard's chunks (a grown array
 * leaves the old one there: most customers buy through one or two). */
static void mix_room(struct shard *s, struct mix *m)
{
	struct mix_entry *e;
	uint32_t cap;
	if (m->n < m->cap)
		return;
	cap = 2 * m->cap; /* the profile's own room holds the first */
	e = arena_alloc(s, cap * sizeof *e);
	if (m->n)
		memcpy(e, m->e, m->n * sizeof *e);
	m->e = e;
	m->cap = cap;
}

/* The customer's margin entry for a period (made at 0 when new). */
static struct period_margin *period_margin(struct extra *x, int32_t period)
{
	uint32_t lo = 0, hi = x->npm;
	if (hi > 0 && x->pm[hi - 1].period <= period)
		lo = x->pm[hi - 1].period == period ? hi - 1 : hi; /* lines in date order: the last, or after it */
	else
		while (lo < hi) {
			uint32_t mid = (lo + hi) / 2;
			if (x->pm[mid].period < period)
				lo = mid + 1;
			else
				hi = mid;
		}
	if (lo < x->npm && x->pm[lo].period == period)
		return &x->pm[lo];
	if (x->npm == x->cappm) {
		size_t cap = x->cappm;
		xgrow((void **)&x->pm, &cap, (size_t)x->npm + 1, sizeof *x->pm);
		x->cappm = (uint32_t)cap;
	}
	memmove(x->pm + lo + 1, x->pm + lo, (x->npm - lo) * sizeof *x->pm);
	x->npm++;
	x->pm[lo] = (struct period_margin){period, 0};
	return &x->pm[lo];
}

/* Customer i of a shard (i < n). */
static inline struct cust *cust_at(const struct shard *s, size_t i)
{
	return (struct cust *)((char *)s->blk[i >> CUST_BLOCK_BITS] + ((i & (CUST_BLOCK - 1)) << s->shift));
}

/* A new block of customers (zeroed), its layout chosen at the first. */
static struct cust *cust_block(struct shard *s)
{
	char *b;
	if (s->n == 0)
		s->shift = s->paired ? CUST_PAIRED : CUST_ALONE;
	b = page_pool_take(s->pool, ((size_t)CUST_BLOCK << s->shift) + 64);
	return (struct cust *)(((uintptr_t)b + 127) & ~(uintptr_t)127);
}

void customer_profiles_paired(customer_table *t)
{
	for (size_t i = 0; i < SHARDS; i++)
		t->shard[i].paired = 1;
}

static void shard_free(struct shard *s)
{
	for (size_t i = 0; s->mallocs && i < s->n; i++) {
		struct cust *c = cust_at(s, i);
		if (c->extra)
			free(c->extra->pm);
		if (occ_cap(c->nocc) > OCC_CHUNKED)
			free(c->occ);
	}
	s->arena = NULL; /* the chunks and blocks are the pool's */
	s->profile_next = s->profile_end = NULL;
	free(s->blk);
	free(s->slots);
	memset(s->free_occ, 0, sizeof s->free_occ);
	s->blk = NULL;
	s->slots = NULL;
	s->n = s->capblk = s->nslots = 0;
	s->mallocs = 0;
}

void customer_table_clear(customer_table *t)
{
	for (size_t i = 0; i < SHARDS; i++) {
		shard_free(&t->shard[i]);
		shard_init(&t->shard[i]);
	}
	page_pool_clear(t->pool);
}

/* n bytes from the shard's chunks, 8-byte aligned (for occasions). */
static void *arena_alloc(struct shard *t, size_t n)
{
	void *p;
	size_t at = t->arena ? (t->arena->used + 7) & ~(size_t)7 : 0;
	if (n > PIECE_ALONE)
		return page_pool_take(t->pool, n);
	if (!t->arena || at + n > t->arena->size) {
		size_t size = t->arena ? t->arena->size : CHUNK_FIRST / 2;
		struct chunk *c;
		do
			size = size < CHUNK_MAX ? 2 * size : size;
		while (size < n);
		c = page_pool_take(t->pool, sizeof *c + size);
		c->used = 0;
		c->size = size;
		t->arena = c;
		at = 0;
	}
	p = t->arena->data + at;
	t->arena->used = at + n;
	return p;
}

static const char *arena_copy(struct shard *t, const char *s, size_t n)
{
	char *p;
	if (t->arena && t->arena->used + n + 1 <= t->arena->size) {
		p = t->arena->data + t->arena->used; /* ids need no alignment */
		t->arena->used += n + 1;
	} else {
		p = arena_alloc(t, n + 1);
	}
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static struct occ *occ_alloc(struct shard *t, uint32_t cap)
{
	int k;
	void *o;
	if (cap > OCC_CHUNKED) {
		t->mallocs = 1;
		return xmalloc(cap * sizeof(struct occ));
	}
	k = occ_class(cap);
	if ((o = t->free_occ[k])) {
		memcpy(&t->free_occ[k], o, sizeof(void *));
		return o;
	}
	return arena_alloc(t, cap * sizeof(struct occ));
}

static void occ_free(struct shard *t, struct occ *o, uint32_t cap)
{
	int k;
	if (!o)
		return;
	if (cap > OCC_CHUNKED) {
		free(o);
		return;
	}
	k = occ_class(cap);
	memcpy(o, &t->free_occ[k], sizeof(void *));
	t->free_occ[k] = o;
}

/* A slot holds, beside the customer's index, 8 more bits of its id's hash: a
 * probe that meets another customer's slot is told so without a look at that
 * customer (a cache miss), but for one time in 256. */
#define INDEX_BITS 24
#define INDEX_MASK ((UINT32_C(1) << INDEX_BITS) - 1)

static uint32_t tag_of(uint64_t hash) { return (uint32_t)(hash >> 48 & 255) << INDEX_BITS; }

/* Slots are filled to three quarters at most: with the tags, a probe that
 * runs on past other customers' slots costs no look at them. */
static int crowded(size_t n, size_t nslots) { return 4 * n > 3 * nslots; }

/* Room in the slots for `more` customers at least. */
static void rehash_for(struct shard *t, size_t more)
{
	size_t ns = t->nslots * 2;
	uint32_t *slots;
	while (crowded(t->n + more, ns))
		ns *= 2;
	slots = xzeroed(ns, sizeof *slots);
	for (size_t i = 0; i < t->n; i++) {
		const struct cust *c = cust_at(t, i);
		uint64_t hash = fnv1a(cust_id(c), c->idlen);
		size_t h = (size_t)hash & (ns - 1);
		while (slots[h])
			h = (h + 1) & (ns - 1);
		slots[h] = tag_of(hash) | (uint32_t)(i + 1);
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = ns;
}

static void rehash(struct shard *t) { rehash_for(t, 1); }

static struct shard *shard_of(customer_table *t, uint64_t hash) { return &t->shard[hash >> (64 - SHARD_BITS)]; }

/* The customer with this id, added if new (its id copied into the shard);
 * its index in the shard into *at when at is not NULL. */
static struct cust *find_or_add(struct shard *t, uint64_t hash, const char *id, size_t idlen, size_t *at)
{
	size_t h, i;
	uint32_t tag = tag_of(hash);
	struct cust *c;
	if (crowded(t->n + 1, t->nslots))
		rehash(t);
	h = (size_t)hash & (t->nslots - 1);
	for (; t->slots[h]; h = (h + 1) & (t->nslots - 1)) {
		if ((t->slots[h] & ~INDEX_MASK) != tag)
			continue;
		i = (t->slots[h] & INDEX_MASK) - 1;
		c = cust_at(t, i);
		if (c->idlen == idlen && bytes_equal(cust_id(c), id, idlen))
			goto found;
	}
	if (t->n + 1 > INDEX_MASK)
		err_die(CM_EXIT_DATA, "out of memory: more than %lu customers", (unsigned long)INDEX_MASK * SHARDS);
	if (t->n % CUST_BLOCK == 0) {
		size_t b = t->n / CUST_BLOCK;
		xgrow((void **)&t->blk, &t->capblk, b + 1, sizeof *t->blk);
		t->blk[b] = cust_block(t);
	}
	i = t->n;
	c = cust_at(t, i);
	if (idlen <= ID_INLINE)
		memcpy(c->id.in, id, idlen); /* the block is zeroed */
	else
		c->id.at = arena_copy(t, id, idlen);
	c->idlen = (uint32_t)idlen;
	c->master = -1;
	t->slots[h] = tag | (uint32_t)++t->n;
found:
	if (at)
		*at = i;
	return c;
}

/* Is occasion o before (key, day)?  Occasions sort by day, then key (a
 * day's documents): lines in date order add at the end.  By order, by the
 * key alone (a document's day is its earliest line's, which may move). */
static int occ_before(const struct shard *t, const struct occ *o, uint64_t key, int32_t day)
{
	if (t->by_order)
		return o->key < key;
	return o->day < day || (o->day == day && o->key < key);
}

static int occ_is(const struct shard *t, const struct occ *o, uint64_t key, int32_t day)
{
	return o->key == key && (t->by_order || o->day == day);
}

/* The occasion of this key (and day), inserted in order if new. */
static struct occ *occasion(struct shard *t, struct cust *c, uint64_t key, int32_t day, int holdout)
{
	size_t lo = 0, hi = c->nocc;
	if (hi > 0 && occ_is(t, &c->occ[hi - 1], key, day))
		return &c->occ[hi - 1]; /* the common cases: input in date order */
	if (hi > 0 && occ_before(t, &c->occ[hi - 1], key, day))
		lo = hi;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (occ_before(t, &c->occ[mid], key, day))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->nocc && occ_is(t, &c->occ[lo], key, day))
		return &c->occ[lo];
	if (c->nocc == occ_cap(c->nocc)) { /* full */
		struct occ *grown = occ_alloc(t, occ_cap(c->nocc + 1));
		if (c->nocc)
			memcpy(grown, c->occ, c->nocc * sizeof *c->occ);
		occ_free(t, c->occ, c->nocc); /* full: its room is nocc */
		c->occ = grown;
	}
	memmove(c->occ + lo + 1, c->occ + lo, (c->nocc - lo) * sizeof *c->occ);
	c->nocc++;
	c->occ[lo] = (struct occ){0, key, day, 0, (uint8_t)holdout};
	return &c->occ[lo];
}

/* The customer the cursor remembers, if it is this id; else NULL. */
static inline struct cust *remembered(customer_table *t, const struct customer_cursor *cur, const char *id,
			       size_t idlen)
{
	struct cust *c;
	if (!cur || cur->index == 0)
		return NULL;
	c = cust_at(&t->shard[cur->shard], cur->index - 1);
	return c->idlen == idlen && bytes_equal(cust_id(c), id, idlen) ? c : NULL;
}

/* value onto an occasion (its sum checked by the caller); its day is the
 * earliest of its lines. */
static void occasion_take(struct occ *o, int32_t day, int64_t value, int purchase, int holdout)
{
	o->value += value;
	o->purchase |= (uint8_t)purchase;
	if (day < o->day) {
		o->day = day;
		o->holdout = (uint8_t)holdout;
	}
}

void customer_expect(customer_table *t, const struct customer_cursor *cur, const char *id, size_t idlen)
{
	uint64_t hash;
	struct shard *s;
	if (remembered(t, cur, id, idlen))
		return;
	hash = fnv1a(id, idlen);
	s = shard_of(t, hash);
	__builtin_prefetch(&s->slots[(size_t)hash & (s->nslots - 1)]);
}

static int64_t hold_revenue(const struct cust *c) { return c->extra ? c->extra->hold_revenue : 0; }

/* Occasions of days sort in time order: a day before 1970 is negative. */
static uint64_t day_key(int32_t day) { return (uint64_t)((int64_t)day - INT32_MIN); }

/* The customer's costs, made when first needed (zeros). */
static struct extra *extra_of(struct shard *s, struct cust *c)
{
	if (!c->extra) {
		c->extra = arena_alloc(s, sizeof *c->extra);
		memset(c->extra, 0, sizeof *c->extra);
	}
	return c->extra;
}

/* The customer's profile, made when first needed (empty), from the shard's
 * blocks of profiles (on a cache line each). */
#define PROFILE_BLOCK 512

static struct profile *profile_of(struct shard *s, struct cust *c)
{
	struct profile *x = c->profile;
	if (x)
		return x;
	if (s->shift == CUST_PAIRED) {
		x = (struct profile *)(c + 1); /* the block's line beside it, zeroed */
	} else {
		if (s->profile_next == s->profile_end) {
			s->profile_next = page_pool_take(s->pool, PROFILE_BLOCK * sizeof *x); /* zeroed */
			s->profile_end = s->profile_next + PROFILE_BLOCK;
		}
		x = s->profile_next++;
	}
	c->profile = x;
	x->mix.e = &x->first;
	x->mix.cap = 1;
	return x;
}

void customer_keep_costs(customer_table *t)
{
	for (size_t i = 0; i < SHARDS; i++)
		t->shard[i].keep_costs = 1;
}

/* A line's amount onto its channel or category (fits: checked before). */
static void mix_line(struct shard *s, struct profile *x, int kind, uint64_t key, int64_t amount)
{
	if (!mix_has(&x->mix, kind, key))
		mix_room(s, &x->mix);
	mix_add(&x->mix, kind, key, amount);
}

static int mix_fits_line(const struct cust *c, const uint64_t key[MIX_KINDS], int64_t amount)
{
	for (int k = 0; k < MIX_KINDS; k++)
		if (key[k] && c->profile && !mix_fits(&c->profile->mix, k, key[k], amount))
			return 0;
	return 1;
}

void customer_occasions_by_order(customer_table *t)
{
	for (size_t i = 0; i < SHARDS; i++)
		t->shard[i].by_order = 1;
}

/* A line's cost onto its customer: 0, or -1 when the sum would leave the range. */
static int add_line_cost(struct shard *s, struct cust *c, const struct customer_line *l)
{
	struct extra *k = extra_of(s, c);
	if (!sum_fits(k->lines_cost, l->cost))
		return -1;
	k->lines_cost += l->cost;
	k->lines++;
	k->returns += l->amount < 0;
	return 0;
}

/* A line onto its customer (found by the cursor, or by the id's hash: given
 * when hashed, else worked out), its channel and category keys given (0: none). */
static const char *add_line(customer_table *t, struct customer_cursor *cur, uint64_t hash, int hashed,
			    const char *id, size_t idlen, const struct customer_line *l,
			    const uint64_t mixkey[MIX_KINDS])
{
	int32_t day = l->day;
	int64_t amount = l->amount, margin = l->margin;
	int holdout = l->holdout;
	uint64_t key = l->order ? fnv1a(l->order, l->orderlen) : day_key(day);
	struct cust *c = remembered(t, cur, id, idlen);
	struct shard *s;
	struct occ *o;
	struct period_margin *pmargin = NULL;
	int mixed = !holdout && (mixkey[MIX_CHANNEL] || mixkey[MIX_CATEGORY]);
	if (c) {
		s = &t->shard[cur->shard];
	} else {
		if (!hashed)
			hash = fnv1a(id, idlen);
		s = shard_of(t, hash);
		size_t at;
		c = find_or_add(s, hash, id, idlen, &at);
		if (cur)
			cur->shard = (uint32_t)(s - t->shard), cur->index = (uint32_t)at + 1;
	}
	/* A new customer or occasion starts at 0 and takes any one amount, so a sum
	 * that would leave the range belongs to one that was there: the line is
	 * refused before anything changes. */
	if (!sums_fit(c, amount, margin, holdout))
		return holdout ? "holdout revenue" : sum_fits(c->revenue, amount) ? "margin" : "revenue";
	if (s->keep_costs && !holdout && !sum_fits(c->extra ? c->extra->lines_cost : 0, l->cost))
		return "costs";
	if (t->margin_unit >= 0 && !holdout && margin != 0) {
		pmargin = period_margin(extra_of(s, c), cohorts_period_of(t->margin_unit, day));
		s->mallocs = 1;
		if (!sum_fits(pmargin->margin, margin))
			return "margin of one period";
	}
	if (mixed && !mix_fits_line(c, mixkey, amount))
		return "revenue in a channel or category";
	if (s->by_order && holdout)
		key ^= 1; /* an order's lines after as-of are an occasion of the holdout, none of the calibration's */
	o = occasion(s, c, key, day, holdout);
	if (!sum_fits(o->value, amount))
		return "revenue of one day";
	if (s->keep_costs && !holdout)
		add_line_cost(s, c, l); /* fits: checked above */
	if (pmargin)
		pmargin->margin += margin; /* fits: checked above */
	if (l->name && l->namelen && !holdout)
		take_name(s, profile_of(s, c), l->name, l->namelen, day);
	for (int k = 0; mixed && k < MIX_KINDS; k++)
		if (mixkey[k])
			mix_line(s, profile_of(s, c), k, mixkey[k], amount);
	if (holdout) {
		extra_of(s, c)->hold_revenue += amount;
	} else {
		c->revenue += amount;
		c->margin += margin;
	}
	occasion_take(o, day, amount, amount >= 0, holdout);
	if (!holdout && (s->latest == DAY_NONE || day > s->latest))
		s->latest = day;
	return NULL;
}

const char *customer_add(customer_table *t, struct customer_cursor *cur, const char *id, size_t idlen,
			 const struct customer_line *l)
{
	uint64_t mixkey[MIX_KINDS] = {0};
	if ((l->mix[MIX_CHANNEL] || l->mix[MIX_CATEGORY]) && !l->holdout)
		mix_names_keys(&t->names, l->mix, l->mixlen, mixkey);
	return add_line(t, cur, 0, 0, id, idlen, l, mixkey);
}

/* ---- lines added a batch at a time ------------------------------------- */

uint64_t customer_hash(const char *id, size_t idlen) { return fnv1a(id, idlen); }

size_t customer_shard(uint64_t hash) { return (size_t)(hash >> (64 - SHARD_BITS)); }

/* The customer a hash most likely is (the first slot with its tag), or NULL:
 * a guess to fetch, never used as the answer. */
static const struct cust *likely(const struct shard *s, uint64_t hash)
{
	uint32_t tag = tag_of(hash);
	for (size_t h = (size_t)hash & (s->nslots - 1); s->slots[h]; h = (h + 1) & (s->nslots - 1))
		if ((s->slots[h] & ~INDEX_MASK) == tag)
			return cust_at(s, (s->slots[h] & INDEX_MASK) - 1);
	return NULL;
}

/* What the lines' adding will read, asked for a stage at a time so that the
 * misses of a stage overlap: the slots, the customers, their long ids, latest
 * occasions and profiles, then the profiles' second channels and long names. */
static void fetch_ahead(const customer_table *t, const struct customer_pending *p, size_t n,
			const struct cust **c)
{
	for (size_t i = 0; i < n; i++) {
		const struct shard *s = &t->shard[customer_shard(p[i].hash)];
		if (!p[i].same)
			__builtin_prefetch(&s->slots[(size_t)p[i].hash & (s->nslots - 1)]);
	}
	for (size_t i = 0; i < n; i++) {
		const struct shard *s = &t->shard[customer_shard(p[i].hash)];
		c[i] = p[i].same ? NULL : likely(s, p[i].hash);
		if (c[i]) {
			__builtin_prefetch(c[i]);
			if (s->shift == CUST_PAIRED)
				__builtin_prefetch(c[i] + 1); /* its profile, or where it will be */
		} else if (!p[i].same && s->n % CUST_BLOCK) { /* a new customer: where the next goes */
			const struct cust *next = cust_at(s, s->n);
			__builtin_prefetch(next, 1);
			if (s->shift == CUST_PAIRED)
				__builtin_prefetch(next + 1, 1);
		}
	}
	for (size_t i = 0; i < n; i++)
		if (c[i]) {
			if (c[i]->idlen > ID_INLINE)
				__builtin_prefetch(c[i]->id.at);
			if (c[i]->nocc)
				__builtin_prefetch(&c[i]->occ[c[i]->nocc - 1]);
			if (c[i]->profile && c[i]->profile != (const void *)(c[i] + 1))
				__builtin_prefetch(c[i]->profile);
		}
	for (size_t i = 0; i < n; i++)
		if (c[i] && c[i]->profile) {
			const struct profile *x = c[i]->profile;
			if (x->mix.e != &x->first)
				__builtin_prefetch(x->mix.e);
			if (x->namelen > NAME_INLINE)
				__builtin_prefetch(x->name.at);
		}
}

const char *customer_add_pending(customer_table *t, struct customer_cursor *cur, const struct customer_pending *p,
				 size_t n)
{
	const struct cust *guess[CUSTOMER_BATCH];
	for (size_t at = 0; at < n; at += CUSTOMER_BATCH) {
		size_t k = n - at < CUSTOMER_BATCH ? n - at : CUSTOMER_BATCH;
		fetch_ahead(t, p + at, k, guess);
		for (size_t i = at; i < at + k; i++) {
			const char *why = add_line(t, cur, p[i].hash, 1, p[i].id, p[i].idlen, &p[i].l, p[i].mixkey);
			if (why)
				return why;
		}
	}
	return NULL;
}

void customer_take_names(customer_table *t, const struct mix_names *names) { mix_names_merge(&t->names, names); }

void customer_set_master_columns(customer_table *t, size_t n, const char *const *names)
{
	t->master_cols = xcalloc(n + 1, sizeof *t->master_cols);
	for (size_t i = 0; i < n; i++)
		t->master_cols[i] = xstrdup(names[i]);
	t->nmaster_cols = n;
}

int customer_add_master(customer_table *t, const char *id, size_t idlen, const char *const *attrs,
			const size_t *lens, size_t *row)
{
	uint64_t hash = fnv1a(id, idlen);
	struct cust *c = find_or_add(shard_of(t, hash), hash, id, idlen, NULL);
	char **copy;
	if (c->master >= 0) {
		*row = (size_t)c->master;
		return -1;
	}
	copy = xcalloc(t->nmaster_cols + 1, sizeof *copy);
	for (size_t i = 0; i < t->nmaster_cols; i++)
		copy[i] = xstrndup(attrs[i], lens[i]);
	xgrow((void **)&t->master_rows, &t->capmaster, t->nmaster + 1, sizeof *t->master_rows);
	t->master_rows[t->nmaster] = copy;
	*row = t->nmaster;
	c->master = (int32_t)t->nmaster++;
	return 0;
}

const char *customer_add_own_cost(customer_table *t, const char *id, size_t idlen, int64_t amount)
{
	uint64_t hash = fnv1a(id, idlen);
	struct shard *s = shard_of(t, hash);
	struct cust *c = find_or_add(s, hash, id, idlen, NULL);
	struct extra *k = extra_of(s, c);
	if (!sum_fits(k->own, amount))
		return "own costs";
	k->own += amount;
	return NULL;
}

size_t customer_count(const customer_table *t)
{
	size_t n = 0;
	for (size_t i = 0; i < SHARDS; i++)
		n += t->shard[i].n;
	return n;
}

/* ---- the figures of one customer --------------------------------------- */

__extension__ typedef __int128 wide; /* a sum of occasions' values: each fits int64, their sum may not */

struct figures {
	long orders, recent, previous, hold_orders;
	long documents;           /* distinct order ids with a purchase (a line without one: its day) */
	int32_t first, last, gap; /* DAY_NONE when undefined */
	int32_t last_row;         /* the last day with a row, a return too (DAY_NONE: none) */
	wide repeat_value;
};

static int by_day_then_key(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

static int by_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Documents with a purchase before as-of: the distinct keys of such
 * occasions (a document may come on several days). */
static long documents(const struct cust *c)
{
	uint64_t few[64], *key = c->nocc <= 64 ? few : xcalloc(c->nocc, sizeof *key);
	size_t n = 0;
	long distinct = 0;
	for (uint32_t i = 0; i < c->nocc; i++)
		if (c->occ[i].purchase && !c->occ[i].holdout)
			key[n++] = c->occ[i].key;
	qsort(key, n, sizeof *key, by_key);
	for (size_t i = 0; i < n; i++)
		distinct += i == 0 || key[i] != key[i - 1];
	if (key != few)
		free(key);
	return distinct;
}

/* The occasions as the figures count them: a day's documents are one
 * occasion (unless by order).  Needs them in day order. */
static void each_occasion(const struct cust *c, const struct customer_opts *o, int32_t as_of, struct figures *f)
{
	int32_t prev = DAY_NONE;
	for (uint32_t i = 0; i < c->nocc;) {
		const struct occ *e = &c->occ[i];
		uint32_t j = i + 1;
		int purchase = e->purchase;
		wide value = e->value;
		for (; !o->by_order && j < c->nocc && c->occ[j].day == e->day; j++) {
			purchase |= c->occ[j].purchase;
			value += c->occ[j].value;
		}
		i = j;
		if (!e->holdout && (f->last_row == DAY_NONE || e->day > f->last_row))
			f->last_row = e->day;
		if (!purchase)
			continue;
		if (e->holdout) {
			f->hold_orders++;
			continue;
		}
		if (f->orders++ == 0)
			f->first = e->day;
		else
			f->repeat_value += value;
		prev = f->last;
		f->last = e->day;
		f->recent += e->day > as_of - o->window && e->day <= as_of;
		f->previous += e->day > as_of - 2 * o->window && e->day <= as_of - o->window;
	}
	if (f->orders >= 2)
		f->gap = f->last - prev;
}

static void compute(struct cust *c, const struct customer_opts *o, int32_t as_of, struct figures *f)
{
	memset(f, 0, sizeof *f);
	f->first = f->last = f->gap = f->last_row = DAY_NONE;
	if (o->has_documents)
		f->documents = documents(c);
	if (o->by_order && c->nocc > 1) /* in key order: put them in time order */
		qsort(c->occ, c->nocc, sizeof *c->occ, by_day_then_key);
	each_occasion(c, o, as_of, f);
	if (o->by_order)
		f->documents = f->orders;
}

/* a / b rounded half away from zero, for averages of fixed-point sums. */
static int64_t div_round(int64_t a, int64_t b)
{
	return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

/* The same for a wide sum; the mean of values that each fit int64 fits too. */
static int64_t div_round_wide(wide a, long b)
{
	return (int64_t)(a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b));
}

static void put_long(table_writer *out, long v) { table_writer_plain_end(out, num_format_int(v, table_writer_plain(out, 24))); }

static void put_day(table_writer *out, struct date_memo *dates, int32_t day)
{
	char *p = table_writer_plain(out, 10);
	if (day != DAY_NONE)
		date_format_memo(dates, day, p);
	table_writer_plain_end(out, day == DAY_NONE ? 0 : 10);
}

static void put_days(table_writer *out, int32_t a, int32_t b) /* a - b, empty if undefined */
{
	if (a == DAY_NONE || b == DAY_NONE)
		table_writer_cell(out, "", 0);
	else
		put_long(out, (long)a - b);
}

static void put_money(table_writer *out, int64_t v) { table_writer_plain_end(out, num_format(v, table_writer_plain(out, 32))); }

/* The columns of every customer table, in their order; then margin and the
 * holdout's when they are there. */
static const char *const names[] = {
	"customer_id", "first_date", "last_date", "orders", "repeat_orders", "active_days",
	"age_days", "idle_days", "last_gap_days", "orders_recent", "orders_previous",
	"revenue", "avg_order_value", "avg_repeat_value", "documents", "margin", "db2", "db3",
	"holdout_orders", "holdout_revenue", "holdout_days", "channels", "main_channel", "categories",
	"main_category", "currency"}; /* customer_name too, unless the master list has it */
#define ALWAYS 14

int customer_column_own(const char *name)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

/* Is customer_name the lines' (not the master list's, which wins)? */
static int own_name(const customer_table *t, const struct customer_opts *o)
{
	if (!o->has_name)
		return 0;
	for (size_t i = 0; i < t->nmaster_cols; i++)
		if (strcmp(t->master_cols[i], "customer_name") == 0)
			return 0;
	return 1;
}

static void declare_columns(customer_table *t, const struct customer_opts *o, table_writer *out)
{
	for (size_t i = 0; i < ALWAYS; i++)
		table_writer_column(out, names[i], i >= 3);
	if (o->has_documents)
		table_writer_column(out, "documents", 1);
	if (o->has_margin || o->margin_rate >= 0)
		table_writer_column(out, "margin", 1);
	if (o->has_costs)
		table_writer_column(out, "db2", 1);
	if (o->has_own_costs)
		table_writer_column(out, "db3", 1);
	if (o->has_holdout) {
		table_writer_column(out, "holdout_orders", 1);
		table_writer_column(out, "holdout_revenue", 1);
		table_writer_column(out, "holdout_days", 1);
	}
	if (o->has_mix[MIX_CHANNEL]) {
		table_writer_column(out, "channels", 1);
		table_writer_column(out, "main_channel", 0);
	}
	if (o->has_mix[MIX_CATEGORY]) {
		table_writer_column(out, "categories", 1);
		table_writer_column(out, "main_category", 0);
	}
	if (t->write_name)
		table_writer_column(out, "customer_name", 0);
	if (o->currency)
		table_writer_column(out, "currency", 0);
	for (size_t i = 0; i < t->nmaster_cols; i++)
		table_writer_column(out, t->master_cols[i], 0);
	table_writer_header(out);
}

/* The contribution levels: DB I (the margin column, or revenue x the rate),
 * DB II (less the costs of its orders (documents where known) and lines), DB III (less its own costs).
 * 0, or -1 when one leaves the range of amounts. */
static int levels(const struct cust *c, const struct customer_opts *o, long orders, int64_t db[3])
{
	static const struct extra none = {0};
	const struct extra *k = c->extra ? c->extra : &none;
	wide db2, db3;
	db[0] = c->margin;
	if (!o->has_margin && o->margin_rate >= 0 && num_mul(c->revenue, o->margin_rate, &db[0]) != NUM_OK)
		return -1;
	db2 = (wide)db[0] - k->lines_cost - (wide)orders * o->per_order - (wide)k->lines * o->per_line -
	      (wide)k->returns * o->per_return;
	db3 = db2 - k->own;
	if (db2 > INT64_MAX || db2 < -INT64_MAX || db3 > INT64_MAX || db3 < -INT64_MAX)
		return -1;
	db[1] = (int64_t)db2;
	db[2] = (int64_t)db3;
	return 0;
}

static int write_row(customer_table *t, struct cust *c, const struct customer_opts *o,
		     int32_t as_of, table_writer *out, struct date_memo *dates)
{
	struct figures f;
	int64_t db[3] = {0, 0, 0};
	int rc;
	compute(c, o, as_of, &f);
	rc = levels(c, o, o->has_documents ? f.documents : f.orders, db);
	table_writer_cell(out, cust_id(c), c->idlen);
	put_day(out, dates, f.first);
	put_day(out, dates, f.last);
	put_long(out, f.orders);
	put_long(out, f.orders > 0 ? f.orders - 1 : 0);
	put_days(out, f.last, f.first);
	put_days(out, f.first == DAY_NONE ? DAY_NONE : as_of, f.first);
	if (f.last == DAY_NONE && f.last_row != DAY_NONE) /* returns only: idle since the last of them */
		put_days(out, as_of, f.last_row);
	else
		put_days(out, f.last == DAY_NONE ? DAY_NONE : as_of, f.last);
	if (f.gap == DAY_NONE)
		table_writer_cell(out, "", 0);
	else
		put_long(out, f.gap);
	put_long(out, f.recent);
	put_long(out, f.previous);
	put_money(out, c->revenue);
	if (f.orders > 0)
		put_money(out, div_round(c->revenue, f.orders));
	else
		table_writer_cell(out, "", 0);
	put_money(out, f.orders > 1 ? div_round_wide(f.repeat_value, f.orders - 1) : 0);
	if (o->has_documents)
		put_long(out, f.documents);
	if (o->has_margin || o->margin_rate >= 0)
		put_money(out, db[0]);
	if (o->has_costs)
		put_money(out, db[1]);
	if (o->has_own_costs)
		put_money(out, db[2]);
	if (o->has_holdout) {
		put_long(out, f.hold_orders);
		put_money(out, hold_revenue(c));
		put_long(out, (long)o->holdout_end - as_of);
	}
	for (int k = 0; k < MIX_KINDS; k++)
		if (o->has_mix[k]) {
			static const struct mix empty = {0};
			uint64_t main_key;
			put_long(out, (long)mix_count(c->profile ? &c->profile->mix : &empty, k, &t->names, &main_key));
			table_writer_cstr(out, main_key ? mix_names_get(&t->names, main_key) : "");
		}
	if (t->write_name)
		table_writer_cell(out, c->profile ? profile_name(c->profile) : "", c->profile ? c->profile->namelen : 0);
	if (o->currency)
		table_writer_cstr(out, o->currency);
	for (size_t i = 0; i < t->nmaster_cols; i++)
		table_writer_cstr(out, c->master >= 0 ? t->master_rows[c->master][i] : "");
	table_writer_end_row(out);
	return rc;
}

/* ---- sorting by id ----------------------------------------------------- */

/*
 * The table is written in byte order of the ids.  A comparison sort of a
 * million customers chases a pointer to two ids per comparison; instead each
 * customer gets a key of 8 bytes of its id (big-endian, NUL-padded: ids hold
 * no NUL, so a shorter id sorts first), and the entries are put in order by
 * the key's bytes, most significant first, in place (American flag sort).
 * Entries whose keys tie on all 8 bytes go on with the next 8 bytes of their
 * ids.  Memory: the 16 bytes of an entry per customer, nothing more.
 */
struct ent {
	uint64_t key;
	struct cust *c;
};

#define SMALL_RUN 24 /* fewer entries than this: insertion sort */

static uint64_t id_key(const struct cust *c, size_t off)
{
	uint64_t k = 0;
	for (size_t i = 0; i < 8; i++)
		k = k << 8 | (off + i < c->idlen ? (unsigned char)cust_id(c)[off + i] : 0);
	return k;
}

/* Byte order of two ids from byte off on. */
static int id_cmp(const struct cust *x, const struct cust *y, size_t off)
{
	size_t n = (x->idlen < y->idlen ? x->idlen : y->idlen);
	int r = n > off ? memcmp(cust_id(x) + off, cust_id(y) + off, n - off) : 0;
	return r ? r : (x->idlen > y->idlen) - (x->idlen < y->idlen);
}

static void insertion_sort(struct ent *a, size_t n, size_t off)
{
	for (size_t i = 1; i < n; i++) {
		struct ent e = a[i];
		size_t j = i;
		for (; j > 0 && (a[j - 1].key > e.key || (a[j - 1].key == e.key && id_cmp(a[j - 1].c, e.c, off) > 0));
		     j--)
			a[j] = a[j - 1];
		a[j] = e;
	}
}

static void sort_ents(struct ent *a, size_t n, size_t off, int shift);

/* Entries equal in the key's bytes above shift: on to the next byte, or the
 * next 8 bytes of the ids. */
static void next_byte(struct ent *a, size_t n, size_t off, int shift)
{
	uint64_t same = a[0].key;
	int longer = 0;
	if (shift > 0) {
		sort_ents(a, n, off, shift - 8);
		return;
	}
	for (size_t i = 0; i < n; i++)
		longer |= a[i].c->idlen > off + 8;
	if (!longer) { /* distinct ids alike up to their ends: only with a NUL byte in one */
		insertion_sort(a, n, off);
		return;
	}
	for (size_t i = 0; i < n; i++)
		a[i].key = id_key(a[i].c, off + 8);
	sort_ents(a, n, off + 8, 56);
	for (size_t i = 0; i < n; i++) /* back to the bytes they tie on, for merge_next */
		a[i].key = same;
}

/* a[0..n) in order by the key's byte at shift and below, then the ids' bytes
 * after off + 8; their keys hold bytes off..off+8 and agree above shift. */
static void sort_ents(struct ent *a, size_t n, size_t off, int shift)
{
	size_t count[256] = {0}, start[256], next[256];
	if (n < SMALL_RUN) {
		insertion_sort(a, n, off);
		return;
	}
	for (size_t i = 0; i < n; i++)
		count[a[i].key >> shift & 255]++;
	if (count[a[0].key >> shift & 255] == n) {
		next_byte(a, n, off, shift);
		return;
	}
	for (size_t b = 0, sum = 0; b < 256; sum += count[b++])
		start[b] = next[b] = sum;
	for (size_t b = 0; b < 256; b++) /* each entry swapped to its bucket */
		while (next[b] < start[b] + count[b]) {
			struct ent e = a[next[b]];
			size_t d = e.key >> shift & 255;
			while (d != b) {
				struct ent t = a[next[d]];
				a[next[d]++] = e;
				e = t;
				d = e.key >> shift & 255;
			}
			a[next[b]++] = e;
		}
	for (size_t b = 0; b < 256; b++)
		if (count[b] > 1)
			next_byte(a + start[b], count[b], off, shift);
}

/* The customers, in `parts` segments of about equal size, each sorted by id
 * on a thread of its own; merge_next takes them in order from there. */
struct sorted {
	struct ent *a;
	size_t parts;
	size_t *head, *end;    /* segment p: a[head[p] .. end[p]) still to come */
};

static void sort_segment(void *ctx, size_t p)
{
	struct sorted *so = ctx;
	sort_ents(so->a + so->head[p], so->end[p] - so->head[p], 0, 56);
}

static void sort_customers(const customer_table *t, int threads, struct sorted *so)
{
	size_t n = 0;
	so->a = xmalloc((customer_count(t) + 1) * sizeof *so->a);
	for (size_t i = 0; i < SHARDS; i++)
		for (size_t k = 0; k < t->shard[i].n; k++) {
			struct cust *c = cust_at(&t->shard[i], k);
			so->a[n++] = (struct ent){id_key(c, 0), c};
		}
	so->parts = threads > 1 && n > (size_t)threads * 4096 ? (size_t)threads : 1;
	so->head = xcalloc(so->parts, sizeof *so->head);
	so->end = xcalloc(so->parts, sizeof *so->end);
	for (size_t p = 0; p < so->parts; p++) {
		so->head[p] = n * p / so->parts;
		so->end[p] = n * (p + 1) / so->parts;
	}
	threads_each(so->parts, threads, sort_segment, so);
}

/* The next customer in id order, or NULL after the last. */
static struct cust *merge_next(struct sorted *so)
{
	size_t best = so->parts;
	for (size_t p = 0; p < so->parts; p++) {
		const struct ent *e = &so->a[so->head[p]], *b;
		if (so->head[p] == so->end[p])
			continue;
		b = best < so->parts ? &so->a[so->head[best]] : NULL;
		if (!b || e->key < b->key || (e->key == b->key && id_cmp(e->c, b->c, 0) < 0))
			best = p;
	}
	return best < so->parts ? so->a[so->head[best]++].c : NULL;
}

static void sorted_free(struct sorted *so)
{
	free(so->a);
	free(so->head);
	free(so->end);
}

/* A customer seen only after as-of is not a customer at as-of. */
static int holdout_only(const struct cust *c)
{
	if (c->nocc == 0)
		return 0;
	for (uint32_t i = 0; i < c->nocc; i++)
		if (!c->occ[i].holdout)
			return 0;
	return c->master < 0;
}

size_t customer_holdout_only(const customer_table *t, const struct customer_opts *o)
{
	size_t k = 0;
	if (!o->has_holdout)
		return 0;
	for (size_t i = 0; i < SHARDS; i++)
		for (size_t j = 0; j < t->shard[i].n; j++)
			k += holdout_only(cust_at(&t->shard[i], j));
	return k;
}

/* ---- writing the table ------------------------------------------------ */

/* The customers are taken in id order in runs, and the runs formatted on
 * every core (ordered_queue): each into batches of its own, one per bucket, flushed in
 * order. */
#define WRITE_RUN 4096

struct writer {
	customer_table *t;
	const struct customer_opts *o;
	table_writer **outs;
	size_t nbuckets;
	int32_t as_of;
	struct sorted so;
	struct run {
		struct cust *c[WRITE_RUN];
		size_t n;
		table_writer **batch;    /* a batch per bucket */
		struct date_memo dates;
		const struct cust *bad; /* the first whose levels left the range */
	} *run;
	const struct cust *bad;
};

static void write_one(struct writer *w, struct cust *c, struct run *r)
{
	size_t b = w->nbuckets > 1 ? customer_bucket(cust_id(c), c->idlen, w->nbuckets) : 0;
	if (!holdout_only(c) && write_row(w->t, c, w->o, w->as_of, r->batch[b], &r->dates) < 0 && !r->bad)
		r->bad = c;
}

static int fill_run(void *ctx, size_t k)
{
	struct writer *w = ctx;
	struct run *r = &w->run[k];
	for (r->n = 0; r->n < WRITE_RUN && (r->c[r->n] = merge_next(&w->so)); r->n++)
		;
	return r->n > 0;
}

/* Customers in id order lie anywhere in memory (in date order, customers
 * came in the order of their first purchase): ask for the ones a few rows
 * ahead (their record first, then its long id, occasions and profile) while
 * writing this. */
static void format_run(void *ctx, size_t k)
{
	struct writer *w = ctx;
	struct run *r = &w->run[k];
	for (size_t i = 0; i < r->n; i++) {
		if (i + 16 < r->n)
			__builtin_prefetch(r->c[i + 16]);
		if (i + 8 < r->n) {
			const struct cust *c = r->c[i + 8];
			if (c->idlen > ID_INLINE)
				__builtin_prefetch(c->id.at);
			__builtin_prefetch(c->occ);
			if (c->profile)
				__builtin_prefetch(c->profile);
		}
		write_one(w, r->c[i], r);
	}
}

/* Runs filled, formatted and flushed on `threads` threads, or on this one. */
static void write_runs(struct writer *w, int threads)
{
	size_t nslots = threads > 1 ? 2 * (size_t)threads : 1;
	long k;
	ordered_queue *q;
	w->run = xcalloc(nslots, sizeof *w->run);
	for (size_t i = 0; i < nslots; i++) {
		w->run[i].batch = xcalloc(w->nbuckets, sizeof *w->run[i].batch);
		date_memo_init(&w->run[i].dates);
		for (size_t b = 0; b < w->nbuckets; b++)
			w->run[i].batch[b] = threads > 1 ? table_writer_batch(w->outs[b]) : w->outs[b];
	}
	if (threads <= 1) {
		while (fill_run(w, 0)) {
			format_run(w, 0);
			w->bad = w->bad ? w->bad : w->run[0].bad;
		}
	} else {
		q = ordered_queue_start(threads, nslots, fill_run, format_run, w);
		while ((k = ordered_queue_next(q)) >= 0) {
			for (size_t b = 0; b < w->nbuckets; b++)
				table_writer_flush(w->run[k].batch[b]);
			w->bad = w->bad ? w->bad : w->run[k].bad; /* the first in id order */
			w->run[k].bad = NULL;
			ordered_queue_release(q);
		}
		ordered_queue_stop(q);
	}
	for (size_t i = 0; i < nslots; i++) {
		for (size_t b = 0; b < w->nbuckets && threads > 1; b++)
			table_writer_free(w->run[i].batch[b]);
		free(w->run[i].batch);
	}
	free(w->run);
}

int32_t customer_as_of(const customer_table *t, const struct customer_opts *o)
{
	int32_t latest = DAY_NONE;
	for (size_t i = 0; i < SHARDS; i++)
		if (latest == DAY_NONE || t->shard[i].latest > latest)
			latest = t->shard[i].latest;
	return o->as_of != DAY_NONE ? o->as_of : latest;
}

void customer_cohorts(const customer_table *t, cohorts *k)
{
	for (size_t i = 0; i < SHARDS; i++)
		for (size_t j = 0; j < t->shard[i].n; j++) {
			const struct cust *c = cust_at(&t->shard[i], j);
			int32_t first = DAY_NONE;
			for (uint32_t q = 0; q < c->nocc; q++)
				if (c->occ[q].purchase && !c->occ[q].holdout && (first == DAY_NONE || c->occ[q].day < first))
					first = c->occ[q].day;
			if (first == DAY_NONE)
				continue;
			cohorts_begin(k, first);
			for (uint32_t q = 0; q < c->nocc; q++)
				if (!c->occ[q].holdout)
					cohorts_occasion(k, c->occ[q].day, c->occ[q].value, c->occ[q].purchase);
			for (uint32_t q = 0; c->extra && q < c->extra->npm; q++)
				cohorts_margin(k, c->extra->pm[q].period, c->extra->pm[q].margin);
			cohorts_end(k);
		}
}

int customer_write(customer_table *t, const struct customer_opts *o, table_writer **outs, size_t nbuckets, int threads,
		   cm_error *e)
{
	struct writer w = {t, o, outs, nbuckets, DAY_NONE, {NULL, 0, NULL, NULL}, NULL, NULL};
	w.as_of = customer_as_of(t, o);
	t->write_name = own_name(t, o);
	sort_customers(t, threads, &w.so);
	for (size_t b = 0; b < nbuckets; b++)
		declare_columns(t, o, outs[b]);
	write_runs(&w, threads > 1 && customer_count(t) > WRITE_RUN ? threads : 1);
	sorted_free(&w.so);
	if (w.bad)
		return err_set(e, "the contribution of customer '%.*s' leaves the range of amounts "
				  "(+/-922,337,203,685,477): costs or a margin rate out of scale?",
			       (int)(w.bad->idlen < 60 ? w.bad->idlen : 60), cust_id(w.bad));
	return 0;
}

void customer_table_free(customer_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < SHARDS; i++)
		shard_free(&t->shard[i]);
	for (size_t i = 0; i < t->nmaster; i++) {
		for (size_t j = 0; j < t->nmaster_cols; j++)
			free(t->master_rows[i][j]);
		free(t->master_rows[i]);
	}
	for (size_t i = 0; i < t->nmaster_cols; i++)
		free(t->master_cols[i]);
	free(t->master_rows);
	free(t->master_cols);
	mix_names_free(&t->names);
	page_pool_free(t->pool);
	free(t);
}
