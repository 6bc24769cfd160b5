/*
 * num — amounts as exact fixed-point numbers: int64 units of 1/10,000.
 *
 * Fixed point makes sums independent of the order of the rows (floating-point
 * addition is not), so shuffled input gives the same bytes out.  The range is
 * about ±9.2e14 currency units; more than four decimals are rounded half away
 * from zero.
 *
 * num_parse reads what exports contain: "1234.56", "1,234.56", "1.234,56",
 * "1 234,56", "1'234.56", currency signs and codes before or after (€ $ £ ¥,
 * any three capitals: EUR, CHF), a sign before or after ("1.234,56-", as SAP writes), and
 * parentheses for negatives.  Which of '.' and ',' is the decimal mark is
 * decided by the value when it can be ("1.234,56", "12,5"), else by `decimal`;
 * "1,234" alone under NUM_AUTO is NUM_AMBIGUOUS.  Groups of thousands must
 * have three digits, so "1.5" under NUM_COMMA is invalid, not 15.
 */
#ifndef CM_NUM_H
#define CM_NUM_H

#include <stddef.h>
#include <stdint.h>

#define NUM_SCALE 10000
#define NUM_MAX INT64_C(900000000000000000) /* the largest amount: 9e13 units of currency, times NUM_SCALE */
enum num_decimal { NUM_AUTO, NUM_POINT, NUM_COMMA };
enum { NUM_OK = 0, NUM_INVALID = -1, NUM_AMBIGUOUS = -2, NUM_RANGE = -3 };

int num_parse(const char *s, size_t n, int decimal, int64_t *v);
/* num_parse that also says the currency the value names: a symbol (EUR for
 * the euro sign, USD for $, GBP, JPY) or three capitals (CHF, SEK) before or
 * after the digits; cur is its ISO code, "" when it names none.  A value that
 * names two is invalid. */
int num_parse_money(const char *s, size_t n, int decimal, int64_t *v, char cur[4]);
/* A currency column's cell as an ISO code: a code in any case (eur), a
 * symbol, or "Euro".  0, or -1 when it is none. */
int num_currency(const char *s, size_t n, char code[4]);
/* The decimal mark one value proves (NUM_POINT or NUM_COMMA), or NUM_AUTO. */
int num_decimal_hint(const char *s, size_t n);
/* The two decimal digits of v (0..99) at p, from a table ("00" to "99"). */
extern const char num_pairs[201];
static inline void num_two_digits(char *p, unsigned v)
{
	p[0] = num_pairs[2 * v];
	p[1] = num_pairs[2 * v + 1];
}
/* Shortest text with 2 to 4 decimals: 15.30, 0.1235, -8300065.814. buf: 32 bytes; returns the length. */
size_t num_format(int64_t v, char *buf);
/* A whole number in decimal (snprintf is slow on the hot path); returns the length. */
size_t num_format_int(int64_t v, char *buf);
/* Shortest text, no decimals kept for their own sake: 6, 1.5, -0.0005. */
void num_format_plain(int64_t v, char *buf);
/* v with exactly `decimals` (0-9) decimals, rounded half away from zero, as
 * printf("%.*f") would (no "-0"); falls back to snprintf beyond 1e15.
 * Returns the length. */
size_t num_format_fixed(double v, int decimals, char *buf, size_t cap);
/* A plain decimal ("-12.345", no exponent, at most 15 digits) parsed exactly as
 * strtod would; 0 if the text is not of that simple form (then use strtod). */
int num_parse_plain(const char *s, size_t n, double *v);
/* Product of two fixed-point values, rounded; NUM_RANGE on overflow. */
int num_mul(int64_t a, int64_t b, int64_t *out);

#endif
