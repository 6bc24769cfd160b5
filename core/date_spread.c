/* date_spread — see date_spread.h. */
#include "date_spread.h"

#include <string.h>

void date_spread_init(struct date_spread *s) { memset(s, 0, sizeof *s); }

void date_spread_merge(struct date_spread *a, const struct date_spread *b)
{
	if (b->n == 0)
		return;
	for (size_t i = 0; i < DATE_SPREAD_BINS; i++)
		a->bin[i] += b->bin[i];
	if (a->n == 0 || b->min < a->min)
		a->min = b->min;
	if (a->n == 0 || b->max > a->max)
		a->max = b->max;
	a->n += b->n;
}

/* Bin i from the given end (step +1 from the earliest, -1 from the latest). */
static uint64_t at(const struct date_spread *s, long k, long step)
{
	return s->bin[step > 0 ? k : DATE_SPREAD_BINS - 1 - k];
}

/* Counted from one end: the widest group of rows at that end that is
 * separated from the rest by at least `gap` empty bins, and by more than the
 * rest spans, and holds fewer rows than the rest. */
static void apart(const struct date_spread *s, long step, long gap, struct date_apart *a)
{
	long first = -1, last = -1, prev = -1;
	uint64_t before = 0;
	memset(a, 0, sizeof *a);
	for (long k = 0; k < DATE_SPREAD_BINS; k++)
		if (at(s, k, step)) {
			first = first < 0 ? k : first;
			last = k;
		}
	for (long k = first; k >= 0 && k <= last; k++) {
		if (!at(s, k, step))
			continue;
		if (prev >= 0 && k - prev - 1 >= gap && k - prev - 1 > last - k && before < s->n - before) {
			a->rows = before;
			a->edge = step > 0 ? s->min : s->max;
		}
		before += at(s, k, step);
		prev = k;
	}
}

void date_spread_apart(const struct date_spread *s, struct date_apart *early, struct date_apart *late)
{
	apart(s, 1, DATE_SPREAD_EARLY_GAP, early);
	apart(s, -1, 1, late);
}
