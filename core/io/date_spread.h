/*
 * date_spread — how the dates of the rows read spread over the calendar, and
 * the few that lie apart from the rest: a placeholder such as 1900-01-01 or
 * 31.12.69 decades before the data, or a 9999-12-31 years after it (which as
 * the latest date would become the as-of date and make every customer idle
 * for millennia).
 *
 * Days are counted in bins of 512 days (about 17 months) from 1000-01-01 to
 * 9999-12-31, only the bins that hold a row kept (a handful for most data):
 * memory does not grow with the rows.  A group of dates at one end lies apart
 * from the rest when it holds fewer rows than the rest and an empty stretch
 * separates the two that is longer than the rest spans, and at least
 * DATE_SPREAD_EARLY_GAP empty bins (more than ten years) before the rest or
 * one empty bin (more than a year) after it.  A history without such a hole
 * is never flagged, however long it is.
 */
#ifndef CM_DATE_SPREAD_H
#define CM_DATE_SPREAD_H

#include <stddef.h>
#include <stdint.h>

#define DATE_SPREAD_FIRST_DAY (-354285) /* 1000-01-01 */
#define DATE_SPREAD_EARLY_GAP 8

struct date_bin {
	uint32_t bin;
	uint64_t rows;
};

/* All zeros (calloc) is an empty spread; one a thread fills while others
 * fill theirs is best taken from xcalloc_lines (err.h). */
struct date_spread {
	struct date_bin *b;  /* sorted by bin */
	size_t n, cap;
	size_t last;         /* the bin of the row before: most rows fall in it too */
	uint64_t rows;
	int32_t min, max;    /* earliest and latest day counted, when rows > 0 */
};

void date_spread_count(struct date_spread *s, uint32_t bin);

/* One more row dated day (a day of date.h: years 1000 to 9999). */
static inline void date_spread_add(struct date_spread *s, int32_t day)
{
	uint32_t bin = (uint32_t)(day - DATE_SPREAD_FIRST_DAY) >> 9;
	if (s->n > 0 && s->b[s->last].bin == bin)
		s->b[s->last].rows++;
	else
		date_spread_count(s, bin);
	if (s->rows++ == 0 || day < s->min)
		s->min = day;
	if (day > s->max)
		s->max = day;
}
/* The counts of b added to a (a reader thread's spread to the whole). */
void date_spread_merge(struct date_spread *a, const struct date_spread *b);
void date_spread_free(struct date_spread *s);

/* The rows apart from the rest at one end of the calendar. */
struct date_apart {
	uint64_t rows;       /* how many; 0: none */
	int32_t edge;        /* the earliest (early) or latest (late) of them */
};
void date_spread_apart(const struct date_spread *s, struct date_apart *early, struct date_apart *late);

#endif
