/*
 * ordq — work in order on several threads: an ordered queue of slots.
 *
 * Worker threads take turns to fill the next slot in order (one fills at a
 * time, so fill may read a stream), then work on it at the same time as the
 * others; the calling thread takes the slots back in the order
 * they were filled (ordq_next), uses the work and releases the slot to be
 * filled again.  So reading, working and using the results overlap, and the
 * results come out in order whatever the number of threads.
 *
 * Slot k holds the items numbered k, k + nslots, k + 2 nslots, ...  With
 * splitrun, one of the two modules that start threads.
 */
#ifndef CM_ORDQ_H
#define CM_ORDQ_H

#include <stddef.h>

typedef struct ordq ordq;

/* Fill slot `slot` with the next item: 1, or 0 when there are no more (the slot stays empty). */
typedef int (*ordq_fill_fn)(void *ctx, size_t slot);
/* Work on a filled slot (on a worker's thread, with no lock held). */
typedef void (*ordq_work_fn)(void *ctx, size_t slot);

ordq *ordq_start(int workers, size_t nslots, ordq_fill_fn fill, ordq_work_fn work, void *ctx);
/* The slot of the next item in order, once worked on; -1 when there are no more. */
long ordq_next(ordq *q);
/* Done with the slot ordq_next gave: it may be filled again. */
void ordq_release(ordq *q);
/* Stop the workers (at the end, or early) and free the queue. */
void ordq_stop(ordq *q);

#endif
