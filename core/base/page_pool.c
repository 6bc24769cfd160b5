/* page_pool — see page_pool.h. */
#include "base/page_pool.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "base/err.h"

#define REGION_FIRST (64u << 10)
#define REGION_MAX (64u << 20)
#define HUGE_FROM (4u << 20)

struct region {
	struct region *next;
	size_t size, used;     /* used counts from the region's start, header included */
};

struct page_pool {
	pthread_mutex_t lock;
	struct region *head;   /* the region pieces are cut from; older ones after it */
	size_t next_size;
};

page_pool *page_pool_new(void)
{
	page_pool *p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->lock, NULL);
	p->next_size = REGION_FIRST;
	return p;
}

static size_t align64(size_t n) { return (n + 63) & ~(size_t)63; }

/* A new region of at least n bytes for pieces, in front. */
static void grow(page_pool *p, size_t n)
{
	size_t size = p->next_size;
	struct region *r;
	while (size < align64(sizeof *r) + n)
		size *= 2;
	r = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r == MAP_FAILED)
		err_die(CM_EXIT_DATA, "out of memory (%zu bytes)", size);
#ifdef MADV_HUGEPAGE
	if (size >= HUGE_FROM)
		madvise(r, size, MADV_HUGEPAGE); /* a hint: without it, 4 KB pages */
#endif
	r->size = size;
	r->used = align64(sizeof *r);
	r->next = p->head;
	p->head = r;
	if (p->next_size < REGION_MAX)
		p->next_size *= 2;
}

void *page_pool_take(page_pool *p, size_t n)
{
	void *piece;
	n = align64(n ? n : 1);
	pthread_mutex_lock(&p->lock);
	if (!p->head || p->head->size - p->head->used < n)
		grow(p, n);
	piece = (char *)p->head + p->head->used;
	p->head->used += n;
	pthread_mutex_unlock(&p->lock);
	return piece;
}

/* The regions given back: a table cleared is filled again from fresh pages. */
static void unmap_all(page_pool *p)
{
	while (p->head) {
		struct region *next = p->head->next;
		munmap(p->head, p->head->size);
		p->head = next;
	}
	p->next_size = REGION_FIRST;
}

void page_pool_clear(page_pool *p) { unmap_all(p); }

void page_pool_free(page_pool *p)
{
	if (!p)
		return;
	unmap_all(p);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
