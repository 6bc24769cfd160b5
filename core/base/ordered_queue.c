/* ordered_queue — see ordered_queue.h. */
#include "base/ordered_queue.h"

#include <pthread.h>
#include <stdlib.h>

#include "base/err.h"

enum { FREE, BUSY, DONE };

struct ordered_queue {
	pthread_mutex_t filling;  /* one worker fills at a time, in order */
	pthread_mutex_t lock;     /* the slots' states and counts, held briefly */
	pthread_cond_t changed;
	ordered_queue_fill_fn fill;
	ordered_queue_work_fn work;
	void *ctx;
	size_t nslots;
	int *state;
	size_t filled, taken;     /* items filled so far; the next to hand out */
	int ended, stop;
	pthread_t *ids;
	int nids;
};

/* The next slot to fill, once free (the filling lock held): -1 to stop. */
static long claim(ordered_queue *q)
{
	long slot = -1;
	pthread_mutex_lock(&q->lock);
	while (!q->stop && !q->ended && q->state[q->filled % q->nslots] != FREE)
		pthread_cond_wait(&q->changed, &q->lock);
	if (!q->stop && !q->ended) {
		slot = (long)(q->filled % q->nslots);
		q->state[slot] = BUSY;
	}
	pthread_mutex_unlock(&q->lock);
	return slot;
}

static void set(ordered_queue *q, size_t slot, int state, int more)
{
	pthread_mutex_lock(&q->lock);
	q->state[slot] = state;
	if (state == BUSY)
		q->filled += more;
	q->ended |= !more;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
}

static void *worker(void *arg)
{
	ordered_queue *q = arg;
	for (;;) {
		long slot;
		int more;
		pthread_mutex_lock(&q->filling);
		slot = claim(q);
		more = slot >= 0 && q->fill(q->ctx, (size_t)slot);
		if (slot >= 0)
			set(q, (size_t)slot, more ? BUSY : FREE, more);
		pthread_mutex_unlock(&q->filling);
		if (!more)
			return NULL;
		q->work(q->ctx, (size_t)slot);
		set(q, (size_t)slot, DONE, 1);
	}
}

ordered_queue *ordered_queue_start(int workers, size_t nslots, ordered_queue_fill_fn fill, ordered_queue_work_fn work, void *ctx)
{
	ordered_queue *q = xcalloc(1, sizeof *q);
	pthread_mutex_init(&q->filling, NULL);
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->changed, NULL);
	q->fill = fill;
	q->work = work;
	q->ctx = ctx;
	q->nslots = nslots;
	q->state = xcalloc(nslots, sizeof *q->state);
	q->ids = xcalloc((size_t)workers, sizeof *q->ids);
	for (int i = 0; i < workers; i++)
		if (pthread_create(&q->ids[q->nids], NULL, worker, q) == 0)
			q->nids++;
	if (q->nids == 0)
		err_die(CM_EXIT_DATA, "cannot start a thread");
	return q;
}

long ordered_queue_next(ordered_queue *q)
{
	size_t slot = q->taken % q->nslots;
	long got;
	pthread_mutex_lock(&q->lock);
	while (q->state[slot] != DONE && !(q->ended && q->taken >= q->filled))
		pthread_cond_wait(&q->changed, &q->lock);
	got = q->state[slot] == DONE ? (long)slot : -1;
	pthread_mutex_unlock(&q->lock);
	return got;
}

void ordered_queue_release(ordered_queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->state[q->taken++ % q->nslots] = FREE;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
}

void ordered_queue_stop(ordered_queue *q)
{
	if (!q)
		return;
	pthread_mutex_lock(&q->lock);
	q->stop = 1;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
	for (int i = 0; i < q->nids; i++)
		pthread_join(q->ids[i], NULL);
	pthread_mutex_destroy(&q->filling);
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->changed);
	free(q->state);
	free(q->ids);
	free(q);
}
