/* date_spread — see date_spread.h. */
#include "io/date_spread.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"

void date_spread_count(struct date_spread *s, uint32_t bin)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->b[mid].bin < bin)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == s->n || s->b[lo].bin != bin) {
		if (s->n == s->cap) { /* the counts are written row by row: lines of their own */
			size_t cap = s->cap ? 2 * s->cap : CACHE_LINE / sizeof *s->b;
			struct date_bin *b = xcalloc_lines(cap, sizeof *b);
			if (s->n)
				memcpy(b, s->b, s->n * sizeof *b);
			free(s->b);
			s->b = b;
			s->cap = cap;
		}
		memmove(s->b + lo + 1, s->b + lo, (s->n - lo) * sizeof *s->b);
		s->b[lo] = (struct date_bin){bin, 0};
		s->n++;
	}
	s->b[lo].rows++;
	s->last = lo;
}

void date_spread_merge(struct date_spread *a, const struct date_spread *b)
{
	if (b->rows == 0)
		return;
	for (size_t i = 0; i < b->n; i++) {
		date_spread_count(a, b->b[i].bin);
		a->b[a->last].rows += b->b[i].rows - 1;
	}
	if (a->rows == 0 || b->min < a->min)
		a->min = b->min;
	if (a->rows == 0 || b->max > a->max)
		a->max = b->max;
	a->rows += b->rows;
}

void date_spread_free(struct date_spread *s)
{
	if (s)
		free(s->b);
	free(s);
}

/* Counted from one end (step +1 from the earliest bin, -1 from the latest):
 * the widest group of rows at that end that is separated from the rest by at
 * least `gap` empty bins, and by more than the rest spans, and holds fewer
 * rows than the rest. */
static void apart(const struct date_spread *s, int step, long gap, struct date_apart *a)
{
	uint64_t before = 0;
	memset(a, 0, sizeof *a);
	for (size_t k = 1; k < s->n; k++) {
		const struct date_bin *prev = &s->b[step > 0 ? k - 1 : s->n - k];
		const struct date_bin *next = &s->b[step > 0 ? k : s->n - k - 1];
		const struct date_bin *end = &s->b[step > 0 ? s->n - 1 : 0];
		long hole = labs((long)next->bin - (long)prev->bin) - 1, rest = labs((long)end->bin - (long)next->bin);
		before += prev->rows;
		if (hole >= gap && hole > rest && before < s->rows - before) {
			a->rows = before;
			a->edge = step > 0 ? s->min : s->max;
		}
	}
}

void date_spread_apart(const struct date_spread *s, struct date_apart *early, struct date_apart *late)
{
	apart(s, 1, DATE_SPREAD_EARLY_GAP, early);
	apart(s, -1, 1, late);
}
