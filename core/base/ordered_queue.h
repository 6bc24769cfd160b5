/*
 * ordered_queue — work in order on several threads: an ordered queue of slots.
 *
 * Worker threads take turns to fill the next slot in order (one fills at a
 * time, so fill may read a stream), then work on it at the same time as the
 * others; the calling thread takes the slots back in the order
 * they were filled (ordered_queue_next), uses the work and releases the slot to be
 * filled again.  So reading, working and using the results overlap, and the
 * results come out in order whatever the number of threads.
 *
 * Slot k holds the items numbered k, k + nslots, k + 2 nslots, ...  With
 * threads_split_file, one of the two modules that start threads.
 */
#ifndef CM_ORDERED_QUEUE_H
#define CM_ORDERED_QUEUE_H

#include <stddef.h>

typedef struct ordered_queue ordered_queue;

/* Fill slot `slot` with the next item: 1, or 0 when there are no more (the slot stays empty). */
typedef int (*ordered_queue_fill_fn)(void *ctx, size_t slot);
/* Work on a filled slot (on a worker's thread, with no lock held). */
typedef void (*ordered_queue_work_fn)(void *ctx, size_t slot);

ordered_queue *ordered_queue_start(int workers, size_t nslots, ordered_queue_fill_fn fill, ordered_queue_work_fn work, void *ctx);
/* The slot of the next item in order, once worked on; -1 when there are no more. */
long ordered_queue_next(ordered_queue *q);
/* Done with the slot ordered_queue_next gave: it may be filled again. */
void ordered_queue_release(ordered_queue *q);
/* Stop the workers (at the end, or early) and free the queue. */
void ordered_queue_stop(ordered_queue *q);

#endif
