/*
 * date_spread — how the dates of the rows read spread over the calendar, and
 * the few that lie apart from the rest: a placeholder such as 1900-01-01 or
 * 31.12.69 decades before the data, or a 9999-12-31 years after it (which as
 * the latest date would become the as-of date and make every customer idle
 * for millennia).
 *
 * Days are counted in bins of 512 days (about 17 months) from 1000-01-01 to
 * 9999-12-31: a fixed 50 KB, whatever the number of rows.  A group of dates
 * at one end lies apart from the rest when it holds fewer rows than the rest
 * and an empty stretch separates the two that is longer than the rest spans,
 * and at least DATE_SPREAD_EARLY_GAP empty bins (more than ten years) before
 * the rest or one empty bin (more than a year) after it.  A history without
 * such a hole is never flagged, however long it is.
 */
#ifndef CM_DATE_SPREAD_H
#define CM_DATE_SPREAD_H

#include <stdint.h>

#define DATE_SPREAD_FIRST_DAY (-354285) /* 1000-01-01 */
#define DATE_SPREAD_BINS 6421           /* to 9999-12-31 */
#define DATE_SPREAD_EARLY_GAP 8

struct date_spread {
	uint64_t bin[DATE_SPREAD_BINS];
	uint64_t n;
	int32_t min, max;   /* earliest and latest day counted, when n > 0 */
};

/* An empty spread. */
void date_spread_init(struct date_spread *s);
/* One more row dated day (a day of date.h: years 1000 to 9999). */
static inline void date_spread_add(struct date_spread *s, int32_t day)
{
	s->bin[(uint32_t)(day - DATE_SPREAD_FIRST_DAY) >> 9]++;
	if (s->n++ == 0 || day < s->min)
		s->min = day;
	if (day > s->max)
		s->max = day;
}
/* The counts of b added to a (a reader thread's spread to the whole). */
void date_spread_merge(struct date_spread *a, const struct date_spread *b);

/* The rows apart from the rest at one end of the calendar. */
struct date_apart {
	uint64_t rows;       /* how many; 0: none */
	int32_t edge;        /* the earliest (early) or latest (late) of them */
};
void date_spread_apart(const struct date_spread *s, struct date_apart *early, struct date_apart *late);

#endif
