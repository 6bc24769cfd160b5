/*
 * page_pool — memory handed out in pieces from large regions, all given back
 * at once; for the customer table's chunks, which live as long as the table.
 *
 * Regions grow from 64 KB to 64 MB, each twice the one before; from 4 MB on
 * the kernel is asked to back them with 2 MB pages (madvise MADV_HUGEPAGE,
 * where the kernel does so), which take a page fault and a TLB entry per 2 MB
 * instead of per 4 KB: a table of millions of customers is touched at random,
 * and on a virtual machine a fault costs microseconds.  Small tables stay
 * small.  Pieces may be taken from several threads at once (a lock, taken
 * once per piece; pieces are large).  Out of memory dies, as xmalloc does.
 */
#ifndef CM_PAGE_POOL_H
#define CM_PAGE_POOL_H
#include <stddef.h>

typedef struct page_pool page_pool;

page_pool *page_pool_new(void);
/* n bytes, 64-byte aligned, zeroed (fresh pages), valid until the pool is cleared or freed. */
void *page_pool_take(page_pool *p, size_t n);
/* Give every piece back (the pool stays, empty). */
void page_pool_clear(page_pool *p);
void page_pool_free(page_pool *p);

#endif
