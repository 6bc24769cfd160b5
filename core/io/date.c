/* date — see date.h. */
#include "io/date.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "io/num.h"

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date_valid(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

/* Days from 1970-01-01 (proleptic Gregorian), by shifting the year to start in March. */
int32_t date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_ymd(int32_t day, int *year, int *month, int *mday)
{
	int z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*mday = doy - (153 * mp + 2) / 5 + 1;
	*month = mp < 10 ? mp + 3 : mp - 9;
	*year = yoe + era * 400 + (*month <= 2);
}

void date_format(int32_t day, char *buf)
{
	int y, m, d;
	unsigned yy;
	date_ymd(day, &y, &m, &d);
	yy = (unsigned)(y % 10000 + 10000) % 10000;
	num_two_digits(buf, yy / 100);
	num_two_digits(buf + 2, yy % 100);
	buf[4] = buf[7] = '-';
	num_two_digits(buf + 5, (unsigned)m);
	num_two_digits(buf + 8, (unsigned)d);
	buf[10] = '\0';
}

void date_memo_init(struct date_memo *m)
{
	for (size_t i = 0; i < DATE_MEMO; i++)
		m->day[i] = (int32_t)i + 1; /* a day that does not map to slot i: empty */
}

void date_format_memo(struct date_memo *m, int32_t day, char *buf)
{
	size_t i = (uint32_t)day % DATE_MEMO;
	if (m->day[i] != day) {
		char text[11];
		date_format(day, text);
		memcpy(m->text[i], text, 10);
		m->day[i] = day;
	}
	memcpy(buf, m->text[i], 10);
}

/* Read 1..max digits at *p; -1 if none. */
static int digits(const char **p, const char *end, int min, int max)
{
	int v = 0, k = 0;
	while (*p < end && k < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k >= min ? v : -1;
}

static int pivot(int yy, int ndigits) { return ndigits == 2 ? (yy < 69 ? 2000 + yy : 1900 + yy) : yy; }

/* " HH:MM[:SS[.fff]][ AM|PM][Z|+HH[:]MM|-HHMM]" — checked, then ignored. */
static int time_ok(const char *p, const char *end)
{
	int h, m, s = 0, ampm = 0;
	if (p == end)
		return 1;
	if (*p != ' ' && *p != 'T')
		return 0;
	p++;
	if ((h = digits(&p, end, 1, 2)) < 0 || p == end || *p++ != ':' || (m = digits(&p, end, 2, 2)) < 0)
		return 0;
	if (p < end && *p == ':') {
		p++;
		if ((s = digits(&p, end, 2, 2)) < 0)
			return 0;
		if (p < end && (*p == '.' || *p == ',')) {
			p++;
			if (digits(&p, end, 1, 9) < 0)
				return 0;
		}
	}
	while (p < end && *p == ' ')
		p++;
	if (end - p >= 2 && (strncasecmp(p, "AM", 2) == 0 || strncasecmp(p, "PM", 2) == 0)) {
		ampm = 1;
		p += 2;
	}
	if (p < end && *p == 'Z')
		p++;
	else if (p < end && (*p == '+' || *p == '-')) {
		p++;
		if (digits(&p, end, 2, 2) < 0)
			return 0;
		if (p < end && *p == ':')
			p++;
		if (p < end && digits(&p, end, 2, 2) < 0)
			return 0;
	}
	if (p != end || m > 59 || s > 60)
		return 0;
	return ampm ? h >= 1 && h <= 12 : h <= 23;
}

static int finish(int y, int m, int d, const char *p, const char *end, int32_t *day)
{
	if (!date_valid(y, m, d) || !time_ok(p, end))
		return DATE_INVALID;
	*day = date_from_ymd(y, m, d);
	return DATE_OK;
}

static int digit(char c) { return c >= '0' && c <= '9'; }

int date_parse(const char *s, size_t n, int slash, int32_t *day)
{
	const char *p = s, *end = s + n, *q;
	int a, b, c, k;
	if (n == 10 && s[4] == '-' && s[7] == '-' && digit(s[0]) && digit(s[1]) && digit(s[2]) && digit(s[3]) &&
	    digit(s[5]) && digit(s[6]) && digit(s[8]) && digit(s[9])) { /* the common case: YYYY-MM-DD */
		int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
		if (!date_valid(y, m, d))
			return DATE_INVALID;
		*day = date_from_ymd(y, m, d);
		return DATE_OK;
	}
	while (p < end && *p == ' ')
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\r'))
		end--;
	q = p;
	a = digits(&q, end, 1, 8);
	k = (int)(q - p);
	if (a < 0)
		return DATE_INVALID;
	if (k == 8) /* YYYYMMDD */
		return finish(a / 10000, a / 100 % 100, a % 100, q, end, day);
	if (q == end || (*q != '-' && *q != '.' && *q != '/'))
		return DATE_INVALID;
	{
		char sep = *q++;
		const char *r;
		if ((b = digits(&q, end, 1, 2)) < 0 || q == end || *q++ != sep)
			return DATE_INVALID;
		r = q;
		if ((c = digits(&q, end, 1, 4)) < 0)
			return DATE_INVALID;
		if (k == 4) /* YYYY-MM-DD, YYYY/MM/DD */
			return sep == '.' || q - r > 2 ? DATE_INVALID : finish(a, b, c, q, end, day);
		if (q - r != 2 && q - r != 4)
			return DATE_INVALID;
		if (k > 2 || sep == '-')
			return DATE_INVALID;
		c = pivot(c, (int)(q - r));
		if (sep == '.')
			return finish(c, b, a, q, end, day);
		if (slash == DATE_SLASH_UNKNOWN) {
			int hint = date_slash_hint(s, n);
			if (hint == DATE_SLASH_UNKNOWN)
				return a == b && date_valid(c, a, b) ? finish(c, a, b, q, end, day) : DATE_AMBIGUOUS;
			slash = hint;
		}
		return slash == DATE_SLASH_DMY ? finish(c, b, a, q, end, day) : finish(c, a, b, q, end, day);
	}
}

int date_slash_hint(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	int a, b;
	while (p < end && *p == ' ')
		p++;
	if ((a = digits(&p, end, 1, 2)) < 0 || p == end || *p++ != '/' || (b = digits(&p, end, 1, 2)) < 0)
		return DATE_SLASH_UNKNOWN;
	if (p == end || *p != '/')
		return DATE_SLASH_UNKNOWN;
	if (a > 12 && b <= 12)
		return DATE_SLASH_DMY;
	if (b > 12 && a <= 12)
		return DATE_SLASH_MDY;
	return DATE_SLASH_UNKNOWN;
}

int date_format_parse(const char *name)
{
	static const struct {
		const char *name;
		int slash;
	} known[] = {
		{"iso", DATE_SLASH_UNKNOWN}, {"ymd", DATE_SLASH_UNKNOWN}, {"yyyy-mm-dd", DATE_SLASH_UNKNOWN},
		{"yyyymmdd", DATE_SLASH_UNKNOWN}, {"dd.mm.yyyy", DATE_SLASH_UNKNOWN},
		{"dd.mm.yy", DATE_SLASH_UNKNOWN}, {"dmy", DATE_SLASH_DMY}, {"dd/mm/yyyy", DATE_SLASH_DMY},
		{"mdy", DATE_SLASH_MDY}, {"mm/dd/yyyy", DATE_SLASH_MDY},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcasecmp(name, known[i].name) == 0)
			return known[i].slash;
	return -1;
}
