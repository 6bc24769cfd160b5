/* customer_feed — see customer_feed.h. */
#include "customers/customer_feed.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "base/err.h"

#define BATCH_TEXT (16 << 10) /* the texts of a batch's lines: ids, orders, names */
#define MAILBOX_MAX 64        /* batches waiting for one thread before senders wait */

struct batch {
	struct batch *next;
	size_t n, used, cap;
	char *text;
	struct customer_pending p[CUSTOMER_BATCH];
};

struct mailbox {
	struct batch *head, *tail;
	size_t count;
};

/* A thread's own: the batches it fills (one per owner), its cursor into its
 * shards, the channel and category names its lines named. */
struct worker {
	_Alignas(CACHE_LINE) struct batch **out; /* a worker's lines are its own (xcalloc_lines) */
	struct customer_cursor cur;
	struct mix_names names;
	int begun, done;      /* under the feed's lock */
	struct mailbox box;   /* under the feed's lock */
};

struct customer_feed {
	customer_table *t;
	size_t n;
	struct worker *w;
	pthread_mutex_t lock;
	pthread_cond_t changed; /* a mailbox got or lost batches, a thread began or finished */
	struct batch *spare;    /* under the lock */
	atomic_int stop;
	const char *why;        /* under the lock: the first refusal */
};

customer_feed *customer_feed_new(customer_table *t, size_t nthreads)
{
	customer_feed *f = xcalloc(1, sizeof *f);
	f->t = t;
	f->n = nthreads ? nthreads : 1;
	f->w = xcalloc_lines(f->n, sizeof *f->w);
	for (size_t i = 0; i < f->n; i++)
		f->w[i].out = xcalloc(f->n, sizeof *f->w[i].out);
	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->changed, NULL);
	return f;
}

void customer_feed_begin(customer_feed *f, size_t self)
{
	pthread_mutex_lock(&f->lock);
	f->w[self].begun = 1;
	pthread_mutex_unlock(&f->lock);
}

static struct batch *batch_new(customer_feed *f)
{
	struct batch *b;
	pthread_mutex_lock(&f->lock);
	if ((b = f->spare))
		f->spare = b->next;
	pthread_mutex_unlock(&f->lock);
	if (!b) {
		b = xmalloc(sizeof *b);
		b->cap = BATCH_TEXT;
		b->text = xmalloc(b->cap);
	}
	b->next = NULL;
	b->n = b->used = 0;
	return b;
}

static void batch_free(struct batch *b)
{
	free(b->text);
	free(b);
}

/* A batch added (unless the feed stopped) and kept for reuse. */
static void add_batch(customer_feed *f, struct worker *w, struct batch *b)
{
	const char *why = NULL;
	if (!atomic_load_explicit(&f->stop, memory_order_relaxed))
		why = customer_add_pending(f->t, &w->cur, b->p, b->n);
	pthread_mutex_lock(&f->lock);
	if (why && !f->why) {
		f->why = why;
		atomic_store(&f->stop, 1);
	}
	if (b->cap == BATCH_TEXT) {
		b->next = f->spare;
		f->spare = b;
		b = NULL;
	}
	pthread_mutex_unlock(&f->lock);
	if (b) /* grown for a long line */
		batch_free(b);
}

/* Take the batches waiting in a mailbox (under the lock). */
static struct batch *take_mail(customer_feed *f, struct mailbox *m)
{
	struct batch *b = m->head;
	m->head = m->tail = NULL;
	m->count = 0;
	pthread_cond_broadcast(&f->changed);
	return b;
}

static void add_all(customer_feed *f, struct worker *w, struct batch *b)
{
	while (b) {
		struct batch *next = b->next;
		add_batch(f, w, b);
		b = next;
	}
}

/* Add what thread self was sent so far. */
static void add_mail(customer_feed *f, size_t self)
{
	struct batch *b;
	pthread_mutex_lock(&f->lock);
	b = take_mail(f, &f->w[self].box);
	pthread_mutex_unlock(&f->lock);
	add_all(f, &f->w[self], b);
}

static int reading(const struct worker *w) { return w->begun && !w->done; }

/* Thread self's batch for owner o goes on its way: added here when self owns
 * it, else put in o's mailbox (when it is full and o still reading, after
 * adding self's own mail meanwhile). */
static void send(customer_feed *f, size_t self, size_t o)
{
	struct worker *w = &f->w[self];
	struct batch *b = w->out[o];
	w->out[o] = NULL;
	if (o == self) {
		add_batch(f, w, b);
		return;
	}
	pthread_mutex_lock(&f->lock);
	while (f->w[o].box.count >= MAILBOX_MAX && reading(&f->w[o]) && !atomic_load(&f->stop)) {
		if (w->box.head) {
			struct batch *mine = take_mail(f, &w->box);
			pthread_mutex_unlock(&f->lock);
			add_all(f, w, mine);
			pthread_mutex_lock(&f->lock);
		} else {
			pthread_cond_wait(&f->changed, &f->lock);
		}
	}
	if (f->w[o].box.tail)
		f->w[o].box.tail->next = b;
	else
		f->w[o].box.head = b;
	f->w[o].box.tail = b;
	f->w[o].box.count++;
	pthread_cond_broadcast(&f->changed);
	pthread_mutex_unlock(&f->lock);
	add_mail(f, self);
}

static const char *copy_text(struct batch *b, const char *s, size_t n)
{
	char *p = b->text + b->used;
	if (n)
		memcpy(p, s, n);
	b->used += n;
	return s ? p : NULL;
}

int customer_feed_add(customer_feed *f, size_t self, const char *id, size_t idlen, const struct customer_line *l)
{
	struct worker *w = &f->w[self];
	uint64_t hash = customer_hash(id, idlen);
	size_t o = customer_shard(hash) % f->n, need = idlen + l->orderlen + l->namelen;
	struct batch *b = w->out[o];
	struct customer_pending *p;
	if (atomic_load_explicit(&f->stop, memory_order_relaxed))
		return -1;
	if (b && (b->n == CUSTOMER_BATCH || b->cap - b->used < need))
		send(f, self, o);
	if (!(b = w->out[o]))
		b = w->out[o] = batch_new(f);
	if (need > b->cap) { /* a line longer than a batch's texts: a batch of its own */
		b->text = xrealloc(b->text, need);
		b->cap = need;
	}
	p = &b->p[b->n];
	p->hash = hash;
	p->same = b->n > 0 && p[-1].idlen == idlen && bytes_equal(p[-1].id, id, idlen);
	p->id = p->same ? p[-1].id : copy_text(b, id, idlen);
	p->idlen = (uint32_t)idlen;
	p->l = *l;
	p->l.order = copy_text(b, l->order, l->orderlen);
	p->l.name = copy_text(b, l->name, l->namelen);
	p->l.mix[MIX_CHANNEL] = p->l.mix[MIX_CATEGORY] = NULL; /* known by their keys */
	if (l->holdout) /* a holdout line is not bought through a channel */
		memset(p->mixkey, 0, sizeof p->mixkey);
	else
		mix_names_keys(&w->names, l->mix, l->mixlen, p->mixkey);
	b->n++;
	return 0;
}

void customer_feed_done(customer_feed *f, size_t self)
{
	struct worker *w = &f->w[self];
	for (size_t o = 0; o < f->n; o++)
		if (w->out[o] && w->out[o]->n)
			send(f, self, o);
	pthread_mutex_lock(&f->lock);
	w->done = 1;
	pthread_cond_broadcast(&f->changed);
	for (;;) {
		size_t still = 0;
		if (w->box.head) {
			struct batch *mine = take_mail(f, &w->box);
			pthread_mutex_unlock(&f->lock);
			add_all(f, w, mine);
			pthread_mutex_lock(&f->lock);
			continue;
		}
		for (size_t i = 0; i < f->n; i++)
			still += reading(&f->w[i]);
		if (!still || atomic_load(&f->stop))
			break;
		pthread_cond_wait(&f->changed, &f->lock);
	}
	pthread_mutex_unlock(&f->lock);
}

void customer_feed_stop(customer_feed *f)
{
	atomic_store(&f->stop, 1);
	pthread_mutex_lock(&f->lock);
	pthread_cond_broadcast(&f->changed);
	pthread_mutex_unlock(&f->lock);
}

const char *customer_feed_end(customer_feed *f)
{
	const char *why;
	for (size_t i = 0; i < f->n; i++) /* every thread done: what is left, here */
		for (size_t o = 0; o < f->n; o++)
			if (f->w[i].out[o] && f->w[i].out[o]->n)
				send(f, i, o);
	for (size_t i = 0; i < f->n; i++)
		add_mail(f, i);
	for (size_t i = 0; i < f->n; i++) {
		struct worker *w = &f->w[i];
		customer_take_names(f->t, &w->names);
		mix_names_free(&w->names);
		for (size_t o = 0; o < f->n; o++)
			if (w->out[o])
				batch_free(w->out[o]);
		free(w->out);
	}
	while (f->spare) {
		struct batch *next = f->spare->next;
		batch_free(f->spare);
		f->spare = next;
	}
	why = f->why ? f->why : atomic_load(&f->stop) ? "stopped" : NULL;
	pthread_mutex_destroy(&f->lock);
	pthread_cond_destroy(&f->changed);
	free(f->w);
	free(f);
	return why;
}
