/* reservoir — see reservoir.h. */
#include "base/reservoir.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"

struct reservoir {
	size_t cap, size, n;
	uint64_t seen, state;
	unsigned char *items;
};

reservoir *reservoir_new(size_t cap, size_t item_size, uint64_t seed)
{
	reservoir *r = xcalloc(1, sizeof *r);
	r->cap = cap;
	r->size = item_size;
	r->state = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
	r->items = xmalloc(cap * item_size + 1);
	return r;
}

static uint64_t next(reservoir *r) /* splitmix64 */
{
	uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

void reservoir_offer(reservoir *r, const void *item)
{
	uint64_t k = r->seen++;
	if (r->n < r->cap) {
		memcpy(r->items + r->n++ * r->size, item, r->size);
		return;
	}
	k = next(r) % (k + 1); /* keep the new item with probability cap / seen */
	if (k < r->cap)
		memcpy(r->items + k * r->size, item, r->size);
}

const void *reservoir_items(const reservoir *r, size_t *n)
{
	*n = r->n;
	return r->items;
}

uint64_t reservoir_seen(const reservoir *r) { return r->seen; }

void reservoir_free(reservoir *r)
{
	if (!r)
		return;
	free(r->items);
	free(r);
}
