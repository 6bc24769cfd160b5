/* radix: the order it gives against a comparison sort, on awkward values. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/radix.h"
#include "check.h"

static const double *base;

/* Falling value, then rising index: what a stable sort must give. */
static int by_value_then_index(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	double x = base[i], y = base[j];
	if (x != y)
		return x < y ? 1 : -1;
	if (signbit(x) != signbit(y)) /* +0 before -0 */
		return signbit(x) ? 1 : -1;
	return i < j ? -1 : i > j;
}

static double awkward(unsigned *seed)
{
	static const double special[] = {0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY, 1e-310, -1e-310, 1e308, 42.5};
	*seed = *seed * 1103515245u + 12345u;
	switch ((*seed >> 16) % 4) {
	case 0: return special[(*seed >> 8) % 10];
	case 1: return (double)((*seed >> 8) % 50);                 /* many ties */
	case 2: return ((double)(*seed >> 4) - 1e8) / 1000.0;       /* both signs */
	default: return ldexp((double)(*seed >> 8), (int)(*seed % 200) - 100);
	}
}

void test_radix(void)
{
	static const size_t sizes[] = {0, 1, 2, 3, 17, 1000, 100000};
	unsigned seed = 7;
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		size_t n = sizes[s], *got = malloc((n + 1) * sizeof *got), *want = malloc((n + 1) * sizeof *want);
		double *v = malloc((n + 1) * sizeof *v), *sorted = malloc((n + 1) * sizeof *sorted);
		int same = 1, with = 1;
		for (size_t i = 0; i < n; i++)
			v[i] = awkward(&seed);
		for (size_t i = 0; i < n; i++)
			want[i] = i;
		base = v;
		qsort(want, n, sizeof *want, by_value_then_index);
		radix_order_desc(v, n, got, NULL);
		CHECK(n == 0 || memcmp(got, want, n * sizeof *got) == 0, "radix order of %zu values is qsort's", n);
		radix_order_desc(v, n, got, sorted);
		for (size_t i = 0; i < n; i++)
			with &= memcmp(&sorted[i], &v[want[i]], sizeof *v) == 0 && got[i] == want[i];
		CHECK(with, "radix order of %zu values with the values in that order", n);
		memcpy(sorted, v, n * sizeof *v);
		radix_sort_desc(sorted, n);
		for (size_t i = 0; i < n; i++)
			same &= memcmp(&sorted[i], &v[want[i]], sizeof *v) == 0;
		CHECK(same, "radix sort of %zu values: the same values, falling", n);
		free(got);
		free(want);
		free(v);
		free(sorted);
	}
}
