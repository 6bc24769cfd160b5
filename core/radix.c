/* radix — see radix.h. */
#include "radix.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

#define BITS 11                       /* per pass: 2048 buckets, six passes for 64 bits */
#define BUCKETS (1u << BITS)
#define PASSES ((64 + BITS - 1) / BITS)

struct item {
	uint64_t key;
	size_t i;
};

/* A key whose rising order is the value's falling order. */
static uint64_t key_desc(double d)
{
	uint64_t k;
	memcpy(&k, &d, sizeof k);
	k ^= k >> 63 ? ~(uint64_t)0 : (uint64_t)1 << 63; /* now rising with the value */
	return ~k;
}

static unsigned digit(uint64_t key, int pass) { return (unsigned)(key >> (pass * BITS)) & (BUCKETS - 1); }

/* Sort a by key, stably; tmp has room for n items.  Passes in which every key
 * has the same digit move nothing and are skipped. */
static void sort_items(struct item *a, struct item *tmp, size_t n)
{
	size_t(*count)[BUCKETS] = xcalloc(PASSES, sizeof *count);
	struct item *from = a, *to = tmp, *swap;
	for (size_t k = 0; k < n; k++)
		for (int p = 0; p < PASSES; p++)
			count[p][digit(a[k].key, p)]++;
	for (int p = 0; p < PASSES && n > 0; p++) {
		size_t sum = 0;
		if (count[p][digit(a[0].key, p)] == n)
			continue;
		for (unsigned b = 0; b < BUCKETS; b++) {
			size_t c = count[p][b];
			count[p][b] = sum;
			sum += c;
		}
		for (size_t k = 0; k < n; k++)
			to[count[p][digit(from[k].key, p)]++] = from[k];
		swap = from, from = to, to = swap;
	}
	if (from != a)
		memcpy(a, from, n * sizeof *a);
	free(count);
}

static struct item *sorted_items(const double *v, size_t n)
{
	struct item *a = xmalloc((n + 1) * sizeof *a), *tmp = xmalloc((n + 1) * sizeof *tmp);
	for (size_t k = 0; k < n; k++)
		a[k] = (struct item){key_desc(v[k]), k};
	sort_items(a, tmp, n);
	free(tmp);
	return a;
}

void radix_order_desc(const double *v, size_t n, size_t *order)
{
	struct item *a = sorted_items(v, n);
	for (size_t k = 0; k < n; k++)
		order[k] = a[k].i;
	free(a);
}

void radix_sort_desc(double *v, size_t n)
{
	struct item *a = sorted_items(v, n);
	double *copy = xmalloc((n + 1) * sizeof *copy);
	memcpy(copy, v, n * sizeof *v);
	for (size_t k = 0; k < n; k++)
		v[k] = copy[a[k].i];
	free(copy);
	free(a);
}
