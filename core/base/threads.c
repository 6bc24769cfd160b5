/* threads — see threads.h. */
#define _POSIX_C_SOURCE 200809L
#include "base/threads.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"

struct part {
	threads_part_fn fn;
	void *ctx;
	int fd, last;
	long long from, to;
};

/* The offset just after the first '\n' at or after `at`, or `to` if none. */
static long long line_end(int fd, long long at, long long to)
{
	char buf[1 << 14];
	while (at < to) {
		size_t want = to - at < (long long)sizeof buf ? (size_t)(to - at) : sizeof buf;
		ssize_t got = pread(fd, buf, want, (off_t)at);
		char *nl;
		if (got <= 0)
			return to; /* the part's reader meets the error and reports it */
		nl = memchr(buf, '\n', (size_t)got);
		if (nl)
			return at + (nl - buf) + 1;
		at += got;
	}
	return to;
}

struct run {
	threads_each_fn fn;
	void *ctx;
	size_t from, to;
};

static void *run_items(void *arg)
{
	struct run *r = arg;
	for (size_t k = r->from; k < r->to; k++)
		r->fn(r->ctx, k);
	return NULL;
}

static int no_threads; /* threads_serial */

void threads_serial(int on) { no_threads = on; }

void threads_each(size_t n, int threads, threads_each_fn fn, void *ctx)
{
	size_t t = threads < 1 ? 1 : (size_t)threads > n ? n : (size_t)threads;
	struct run *runs;
	pthread_t *ids;
	int *started;
	if (t <= 1 || no_threads) {
		struct run all = {fn, ctx, 0, n};
		run_items(&all);
		return;
	}
	runs = xcalloc(t, sizeof *runs);
	ids = xcalloc(t, sizeof *ids);
	started = xcalloc(t, sizeof *started);
	for (size_t i = 0; i < t; i++)
		runs[i] = (struct run){fn, ctx, n * i / t, n * (i + 1) / t};
	for (size_t i = 1; i < t; i++)
		started[i] = pthread_create(&ids[i], NULL, run_items, &runs[i]) == 0;
	run_items(&runs[0]);
	for (size_t i = 1; i < t; i++) {
		if (started[i])
			pthread_join(ids[i], NULL);
		else
			run_items(&runs[i]); /* no thread to be had: run it here */
	}
	free(runs);
	free(ids);
	free(started);
}

static void run_part(void *arg, size_t k)
{
	struct part *p = (struct part *)arg + k;
	p->fn(p->ctx, p->fd, p->from, p->to, p->last);
}

size_t threads_split_file(int fd, long long from, long long to, size_t n, threads_part_fn fn, void **ctx)
{
	struct part *parts = xcalloc(n, sizeof *parts);
	size_t k = 0;
	long long at = from;
	while (k < n && (at < to || k == 0)) {
		long long end = k + 1 == n ? to : line_end(fd, from + (to - from) / (long long)n * (long long)(k + 1), to);
		if (end < at)
			end = at; /* a line longer than a part: this part is empty */
		parts[k] = (struct part){fn, ctx[k], fd, end == to, at, end};
		at = end;
		k++;
	}
	threads_each(k, (int)k, run_part, parts); /* a thread per part */
	free(parts);
	return k;
}

int threads_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}
