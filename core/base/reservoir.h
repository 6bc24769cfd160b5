/*
 * reservoir — a uniform random sample of at most cap items from a stream of
 * unknown length (Vitter's algorithm R), seeded, so the same stream and seed
 * give the same sample.  Items are copied in; the reservoir owns them.
 */
#ifndef CM_RESERVOIR_H
#define CM_RESERVOIR_H

#include <stddef.h>
#include <stdint.h>

typedef struct reservoir reservoir;

reservoir *reservoir_new(size_t cap, size_t item_size, uint64_t seed);
void reservoir_offer(reservoir *r, const void *item);
/* The sample: *n items of item_size bytes, in no meaningful order. */
const void *reservoir_items(const reservoir *r, size_t *n);
/* How many items were offered. */
uint64_t reservoir_seen(const reservoir *r);
void reservoir_free(reservoir *r);

#endif
