/*
 * customer_feed — one customer table filled from several threads at once.
 *
 * Each thread reads lines of its own (a part of a file) and hands each line
 * to the thread that owns the line's shard (shard k is thread k mod n's).
 * Lines travel in batches of CUSTOMER_BATCH, their texts copied, through a
 * mailbox per thread; a thread adds the batches of its own shards, those it
 * filled and those it was sent, a batch at a time (customer_add_pending). So
 * no shard is touched by two threads: the table needs no lock and no merge,
 * and holds each customer once, however the lines are ordered.
 *
 * A thread that sends to a full mailbox adds what it was sent while it waits,
 * so the batches on their way stay a few hundred per thread. A thread that
 * never began (a file cut into fewer parts than threads), or that finished
 * before others sent it more, leaves batches in its mailbox: customer_feed_end
 * adds them on the calling thread. The table is the one a single thread adding
 * every line would build, as it does not depend on the order of lines.
 *
 * The feed borrows the table; thread i calls begin, add and done with self = i.
 */
#ifndef CM_CUSTOMER_FEED_H
#define CM_CUSTOMER_FEED_H
#include <stddef.h>
#include "customers/customer.h"

typedef struct customer_feed customer_feed;

customer_feed *customer_feed_new(customer_table *t, size_t nthreads);
/* Thread self starts reading (before its first line). */
void customer_feed_begin(customer_feed *f, size_t self);
/* A line of thread self's: 0, or -1 when the feed has stopped (a line was
 * refused, or customer_feed_stop): read no further. */
int customer_feed_add(customer_feed *f, size_t self, const char *id, size_t idlen, const struct customer_line *l);
/* Thread self has no more lines: it sends what it holds, and adds what it is
 * sent until no other thread that began is still reading. */
void customer_feed_done(customer_feed *f, size_t self);
/* Drop every line not added yet, and any to come (the read is given up). */
void customer_feed_stop(customer_feed *f);
/* After every thread is done: the lines left are added, f is freed. NULL, or
 * what customer_add says of a line refused; then, or after a stop, the table
 * holds some of the lines only: clear it and read the lines one by one. */
const char *customer_feed_end(customer_feed *f);

#endif
