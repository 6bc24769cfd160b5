/* radix — see radix.h. */
#include "base/radix.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"

#define BITS 11                       /* per pass: 2048 buckets, six passes for 64 bits */
#define BUCKETS (1u << BITS)
#define PASSES ((64 + BITS - 1) / BITS)

/* A key whose rising order is the value's falling order, and back. */
static uint64_t key_desc(double d)
{
	uint64_t k;
	memcpy(&k, &d, sizeof k);
	k ^= k >> 63 ? ~(uint64_t)0 : (uint64_t)1 << 63; /* now rising with the value */
	return ~k;
}

static double value_of(uint64_t key)
{
	double d;
	key = ~key;
	key ^= key >> 63 ? (uint64_t)1 << 63 : ~(uint64_t)0;
	memcpy(&d, &key, sizeof d);
	return d;
}

static unsigned digit(uint64_t key, int pass) { return (unsigned)(key >> (pass * BITS)) & (BUCKETS - 1); }

/* Sort key[0..n) stably, idx[0..n) (if not NULL) moved alike; tmp and tmpidx
 * have room for n.  Passes in which every key has the same digit move nothing
 * and are skipped. */
static void sort_keys(uint64_t *key, size_t *idx, uint64_t *tmp, size_t *tmpidx, size_t n)
{
	size_t(*count)[BUCKETS] = xcalloc(PASSES, sizeof *count);
	uint64_t *from = key, *to = tmp, *swap;
	size_t *ifrom = idx, *ito = tmpidx, *iswap;
	for (size_t k = 0; k < n; k++)
		for (int p = 0; p < PASSES; p++)
			count[p][digit(key[k], p)]++;
	for (int p = 0; p < PASSES && n > 0; p++) {
		size_t sum = 0;
		if (count[p][digit(key[0], p)] == n)
			continue;
		for (unsigned b = 0; b < BUCKETS; b++) {
			size_t c = count[p][b];
			count[p][b] = sum;
			sum += c;
		}
		for (size_t k = 0; k < n; k++) {
			size_t at = count[p][digit(from[k], p)]++;
			to[at] = from[k];
			if (idx)
				ito[at] = ifrom[k];
		}
		swap = from, from = to, to = swap;
		iswap = ifrom, ifrom = ito, ito = iswap;
	}
	if (from != key) {
		memcpy(key, from, n * sizeof *key);
		if (idx)
			memcpy(idx, ifrom, n * sizeof *idx);
	}
	free(count);
}

void radix_order_desc(const double *v, size_t n, size_t *order, double *sorted)
{
	uint64_t *key = xmalloc((2 * n + 1) * sizeof *key);
	size_t *tmpidx = xmalloc((n + 1) * sizeof *tmpidx);
	for (size_t k = 0; k < n; k++) {
		key[k] = key_desc(v[k]);
		order[k] = k;
	}
	sort_keys(key, order, key + n, tmpidx, n);
	for (size_t k = 0; sorted && k < n; k++)
		sorted[k] = value_of(key[k]);
	free(tmpidx);
	free(key);
}

void radix_sort_desc(double *v, size_t n)
{
	uint64_t *key = xmalloc((2 * n + 1) * sizeof *key);
	for (size_t k = 0; k < n; k++)
		key[k] = key_desc(v[k]);
	sort_keys(key, NULL, key + n, NULL, n);
	for (size_t k = 0; k < n; k++)
		v[k] = value_of(key[k]);
	free(key);
}
