/* num — see num.h. */
#include "io/num.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* Currency symbols and the ISO 4217 code each is read as. */
static const struct {
	const char *symbol, *code;
} symbols[] = {{"\xE2\x82\xAC", "EUR"}, {"$", "USD"}, {"\xC2\xA3", "GBP"}, {"\xC2\xA5", "JPY"}, {NULL, NULL}};
static const char *const blanks[] = {"\xC2\xA0", "\xE2\x80\xAF", " ", NULL};

static int upper(char c) { return c >= 'A' && c <= 'Z'; }
static int letter(char c) { return upper(c) || (c >= 'a' && c <= 'z'); }

/* A currency at s (a symbol, or three capitals not followed by a letter):
 * its length, its code in code; 0 if none. */
static size_t currency_at_start(const char *s, const char *e, char code[4])
{
	for (int i = 0; symbols[i].symbol; i++) {
		size_t k = strlen(symbols[i].symbol);
		if ((size_t)(e - s) >= k && memcmp(s, symbols[i].symbol, k) == 0) {
			memcpy(code, symbols[i].code, 4);
			return k;
		}
	}
	if (e - s >= 3 && upper(s[0]) && upper(s[1]) && upper(s[2]) && (e - s == 3 || !letter(s[3]))) {
		memcpy(code, s, 3);
		code[3] = 0;
		return 3;
	}
	return 0;
}

/* The same at the end of s..e. */
static size_t currency_at_end(const char *s, const char *e, char code[4])
{
	for (int i = 0; symbols[i].symbol; i++) {
		size_t k = strlen(symbols[i].symbol);
		if ((size_t)(e - s) >= k && memcmp(e - k, symbols[i].symbol, k) == 0) {
			memcpy(code, symbols[i].code, 4);
			return k;
		}
	}
	if (e - s >= 3 && upper(e[-1]) && upper(e[-2]) && upper(e[-3]) && (e - s == 3 || !letter(e[-4]))) {
		memcpy(code, e - 3, 3);
		code[3] = 0;
		return 3;
	}
	return 0;
}

/* A currency found: the value's (cur), unless it named another before. */
static int take_currency(char *cur, const char code[4])
{
	if (cur[0] && strcmp(cur, code) != 0)
		return -1;
	memcpy(cur, code, 4);
	return 0;
}

/* Strip signs, currency and blanks from both ends; *neg set by '-' or
 * '(...)', cur (4 bytes) set to the currency's code ("" none). -1 when the
 * value has more than one sign or two currencies. */
static int strip(const char **ps, const char **pe, int *neg, char *cur)
{
	const char *s = *ps, *e = *pe;
	int signs = 0, parens = 0, progress = 1;
	if (s < e && ((*s >= '0' && *s <= '9') || (*s == '-' && e - s > 1 && s[1] >= '0' && s[1] <= '9')) &&
	    e[-1] >= '0' && e[-1] <= '9') { /* the common case: nothing around the digits */
		*neg = *s == '-';
		*ps = s + *neg;
		return 0;
	}
	while (progress && s < e) {
		progress = 0;
		if (*s == '-' || *s == '+')
			*neg ^= *s == '-', s++, signs++, progress = 1;
		else if (e[-1] == '-' || e[-1] == '+')
			*neg ^= e[-1] == '-', e--, signs++, progress = 1;
		else if (*s == '(' && e[-1] == ')')
			*neg = 1, s++, e--, parens++, progress = 1;
		for (int i = 0; blanks[i]; i++) {
			size_t k = strlen(blanks[i]);
			if ((size_t)(e - s) >= k && memcmp(s, blanks[i], k) == 0)
				s += k, progress = 1;
			else if ((size_t)(e - s) >= k && memcmp(e - k, blanks[i], k) == 0)
				e -= k, progress = 1;
		}
		if (s < e) {
			char code[4];
			size_t k;
			if ((k = currency_at_start(s, e, code)) > 0) {
				if (take_currency(cur, code) < 0)
					return -1;
				s += k, progress = 1;
			} else if ((k = currency_at_end(s, e, code)) > 0) {
				if (take_currency(cur, code) < 0)
					return -1;
				e -= k, progress = 1;
			}
		}
	}
	*ps = s;
	*pe = e;
	return signs + parens <= 1 ? 0 : -1;
}

/* Which mark is decimal, from the value alone. */
static int decide(const char *s, const char *e)
{
	const char *lastdot = NULL, *lastcomma = NULL;
	int dots = 0, commas = 0;
	for (const char *p = s; p < e; p++) {
		if (*p == '.')
			dots++, lastdot = p;
		else if (*p == ',')
			commas++, lastcomma = p;
	}
	if (dots && commas)
		return lastdot > lastcomma ? NUM_POINT : NUM_COMMA;
	if (dots + commas == 0)
		return NUM_AUTO;
	if (dots + commas > 1) /* the repeated mark groups thousands */
		return dots ? NUM_COMMA : NUM_POINT;
	{
		const char *mark = dots ? lastdot : lastcomma;
		int after = (int)(e - mark - 1), leading_zero = mark - s == 1 && *s == '0';
		if (after != 3 || mark == s || leading_zero)
			return dots ? NUM_POINT : NUM_COMMA;
	}
	return NUM_AUTO;
}

/* Digits with thousands marks in groups of three, then an optional fraction. */
static int convert(const char *s, const char *e, char dec, int64_t *v)
{
	int64_t ip = 0, frac = 0;
	int group = -1, fdigits = 0, any = 0;
	const char *p = s;
	for (; p < e && *p != dec; p++) {
		if (*p >= '0' && *p <= '9') {
			if (ip > NUM_MAX / NUM_SCALE / 10)
				return NUM_RANGE;
			ip = ip * 10 + (*p - '0');
			any = 1;
			if (group >= 0)
				group++;
		} else if ((*p == '.' || *p == ',' || *p == '\'' || *p == ' ') && any && (group < 0 || group == 3)) {
			group = 0;
		} else {
			return NUM_INVALID;
		}
	}
	if (group >= 0 && group != 3)
		return NUM_INVALID;
	if (p < e) {
		for (p++; p < e; p++) {
			if (*p < '0' || *p > '9')
				return NUM_INVALID;
			if (fdigits < 5)
				frac = frac * 10 + (*p - '0');
			fdigits++;
			any = 1;
		}
	}
	if (!any)
		return NUM_INVALID;
	for (int i = fdigits; i < 5; i++)
		frac *= 10;
	*v = ip * NUM_SCALE + (frac + 5) / 10; /* round the fifth decimal */
	return NUM_OK;
}

/* Scientific notation, as R and spreadsheets write floats: "4.440892e-16", "1E5". */
static int scientific(const char *s, const char *e, int64_t *v)
{
	char buf[64], *end;
	double d;
	size_t n = (size_t)(e - s);
	if (n >= sizeof buf || !memchr(s, 'e', n) == !memchr(s, 'E', n) || memchr(s, ',', n))
		return NUM_INVALID;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!(buf[0] >= '0' && buf[0] <= '9') && buf[0] != '.')
		return NUM_INVALID;
	d = strtod(buf, &end);
	if (*end || !isfinite(d))
		return NUM_INVALID;
	if (fabs(d) * NUM_SCALE > (double)NUM_MAX)
		return NUM_RANGE;
	*v = (int64_t)llround(d * NUM_SCALE);
	return NUM_OK;
}

/* The plain form -?D*(.D*)? from the start of s[0..n): its digits as one
 * number (wrapping past 19 of them: every caller refuses so many first), how
 * many stand before and after the point, and whether there is one; returns
 * how far it read (n when all of s has that form).  Two tight loops, no flag
 * per digit: both number readers' common case. */
struct plain_digits {
	uint64_t m;
	size_t whole, frac;
	int neg, point;
};

static inline __attribute__((always_inline)) size_t scan_plain(const char *s, size_t n, struct plain_digits *p)
{
	size_t i = n > 0 && s[0] == '-', from;
	p->neg = (int)i;
	p->m = 0;
	for (; i < n && (unsigned)(s[i] - '0') < 10; i++)
		p->m = p->m * 10 + (uint64_t)(s[i] - '0');
	p->whole = i - (size_t)p->neg;
	p->frac = 0;
	p->point = i < n && s[i] == '.';
	if (p->point) {
		for (from = ++i; i < n && (unsigned)(s[i] - '0') < 10; i++)
			p->m = p->m * 10 + (uint64_t)(s[i] - '0');
		p->frac = i - from;
	}
	return i;
}

/* The common case: -?D{1,13}(.D{1,4})?, where '.' can only be the decimal
 * mark (NUM_POINT said, or not three digits after it). 0 if not. */
static int plain(const char *s, size_t n, int decimal, int64_t *v)
{
	static const int64_t scale[5] = {10000, 1000, 100, 10, 1};
	struct plain_digits p;
	int64_t m;
	if (n - (s[0] == '-') > 18 || scan_plain(s, n, &p) != n || p.whole == 0 || p.whole > 13) /* 18 digits fit */
		return 0;
	if (p.point && (p.frac == 0 || p.frac > 4 || (decimal != NUM_POINT && (decimal == NUM_COMMA || p.frac == 3))))
		return 0;
	m = (int64_t)p.m * scale[p.frac];
	*v = p.neg ? -m : m;
	return 1;
}

/* Every other form: blanks, signs, currency, parentheses, thousands marks,
 * exponents.  Out of line, so that the common case above stays a small leaf. */
__attribute__((noinline)) static int general(const char *s, size_t n, int decimal, int64_t *v, char *cur)
{
	const char *e = s + n;
	int neg = 0, d, rc;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (strip(&s, &e, &neg, cur) < 0 || s == e)
		return NUM_INVALID;
	if (decimal != NUM_COMMA && scientific(s, e, v) == NUM_OK) {
		*v = neg ? -*v : *v;
		return NUM_OK;
	}
	d = decide(s, e);
	if (d == NUM_AUTO)
		d = decimal;
	if (d == NUM_AUTO) {
		if (memchr(s, '.', (size_t)(e - s)) || memchr(s, ',', (size_t)(e - s)))
			return NUM_AMBIGUOUS;
		d = NUM_POINT;
	}
	if (decimal != NUM_AUTO && d != decimal)
		d = decimal; /* forced: a value that contradicts it fails in convert */
	rc = convert(s, e, d == NUM_COMMA ? ',' : '.', v);
	if (rc == NUM_OK && neg)
		*v = -*v;
	return rc;
}

int num_parse(const char *s, size_t n, int decimal, int64_t *v)
{
	char cur[4] = "";
	if (n > 0 && plain(s, n, decimal, v))
		return NUM_OK;
	return general(s, n, decimal, v, cur);
}

int num_parse_money(const char *s, size_t n, int decimal, int64_t *v, char cur[4])
{
	cur[0] = 0;
	if (n > 0 && plain(s, n, decimal, v))
		return NUM_OK;
	return general(s, n, decimal, v, cur);
}

int num_currency(const char *s, size_t n, char code[4])
{
	const char *e = s + n;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (e - s == 4 && strncasecmp(s, "euro", 4) == 0) {
		memcpy(code, "EUR", 4);
		return 0;
	}
	if (e - s == 3 && letter(s[0]) && letter(s[1]) && letter(s[2])) {
		for (int i = 0; i < 3; i++)
			code[i] = (char)(s[i] & ~0x20);
		code[3] = 0;
		return 0;
	}
	return currency_at_start(s, e, code) == (size_t)(e - s) && s < e ? 0 : -1;
}

int num_decimal_hint(const char *s, size_t n)
{
	const char *e = s + n;
	int neg = 0;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	char cur[4] = "";
	int64_t v;
	int d;
	if (strip(&s, &e, &neg, cur) < 0)
		return NUM_AUTO;
	d = decide(s, e);
	/* a value that is no number under the mark it points to (12,50,00) tells nothing */
	return d == NUM_AUTO || num_parse_money(s, (size_t)(e - s), d, &v, cur) == NUM_OK ? d : NUM_AUTO;
}

const char num_pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
			    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
			    "8081828384858687888990919293949596979899";

size_t num_format_int(int64_t v, char *buf)
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, ten = 10;
	size_t len = v < 0, digits = 1;
	char *p;
	for (; digits < 20 && a >= ten; digits++) /* the digits counted first, then written in place */
		ten *= 10;
	if (v < 0)
		buf[0] = '-';
	p = buf + len + digits;
	*p = '\0';
	for (; a >= 100; a /= 100) /* two digits at a time */
		num_two_digits(p -= 2, (unsigned)(a % 100));
	if (a >= 10)
		num_two_digits(p - 2, (unsigned)a);
	else
		p[-1] = (char)('0' + a);
	return len + digits;
}

size_t num_format(int64_t v, char *buf)
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	unsigned frac = (unsigned)(a % NUM_SCALE);
	size_t len = 0;
	if (v < 0)
		buf[len++] = '-';
	len += num_format_int((int64_t)(a / NUM_SCALE), buf + len);
	buf[len++] = '.';
	num_two_digits(buf + len, frac / 100); /* NUM_SCALE is 10^4: four decimals, at least two shown */
	len += 2;
	if (frac % 100) {
		num_two_digits(buf + len, frac % 100);
		len += frac % 10 ? 2 : 1;
	}
	buf[len] = '\0';
	return len;
}

void num_format_plain(int64_t v, char *buf)
{
	size_t len;
	num_format(v, buf);
	len = strlen(buf);
	while (buf[len - 1] == '0')
		buf[--len] = '\0';
	if (buf[len - 1] == '.')
		buf[--len] = '\0';
}

int num_mul(int64_t a, int64_t b, int64_t *out)
{
	__extension__ typedef __int128 wide; /* the product of two amounts needs 128 bits */
	wide p = (wide)a * b;
	wide q = (p >= 0 ? p + NUM_SCALE / 2 : p - NUM_SCALE / 2) / NUM_SCALE;
	if (q > NUM_MAX || q < -NUM_MAX)
		return NUM_RANGE;
	*out = (int64_t)q;
	return NUM_OK;
}

size_t num_format_fixed(double v, int decimals, char *buf, size_t cap)
{
	static const double pow10[10] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
	double scaled = fabs(v) * pow10[decimals];
	uint64_t u, ip, fp;
	size_t len = 0;
	char digits[24];
	if (!isfinite(v) || scaled >= 1e15 || cap < 32) {
		snprintf(buf, cap, "%.*f", decimals, v);
		return strlen(buf);
	}
	u = (uint64_t)llround(scaled);
	ip = u / (uint64_t)pow10[decimals];
	fp = u % (uint64_t)pow10[decimals];
	if (v < 0 && u > 0)
		buf[len++] = '-';
	len += num_format_int((int64_t)ip, buf + len);
	if (decimals > 0) {
		buf[len++] = '.';
		for (int d = decimals - 1; d >= 0; d--) {
			digits[d] = (char)('0' + fp % 10);
			fp /= 10;
		}
		memcpy(buf + len, digits, (size_t)decimals);
		len += (size_t)decimals;
	}
	buf[len] = '\0';
	return len;
}

int num_parse_plain(const char *s, size_t n, double *v)
{
	static const double pow10[16] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	struct plain_digits p;
	if (scan_plain(s, n, &p) != n || p.whole + p.frac == 0 || p.whole + p.frac > 15)
		return 0;
	/* m < 2^53 and 10^frac are exact doubles, so one division rounds correctly, as strtod does */
	*v = (double)p.m / pow10[p.frac];
	if (p.neg)
		*v = -*v;
	return 1;
}
