/* Encodings: UTF-8 validity by the standard's rules; CP1252 and Latin-1 code charts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/encoding.h"
#include "check.h"

/* The offset of the first byte not in a well-formed sequence, by the table
 * of well-formed byte sequences in the Unicode standard (table 3-7). */
static size_t reference_utf8(const unsigned char *s, size_t n)
{
	static const struct {
		unsigned char lo0, hi0, lo1, hi1;
		int len;
	} rows[] = {{0x00, 0x7F, 0, 0, 1},       {0xC2, 0xDF, 0x80, 0xBF, 2}, {0xE0, 0xE0, 0xA0, 0xBF, 3},
		    {0xE1, 0xEC, 0x80, 0xBF, 3}, {0xED, 0xED, 0x80, 0x9F, 3}, {0xEE, 0xEF, 0x80, 0xBF, 3},
		    {0xF0, 0xF0, 0x90, 0xBF, 4}, {0xF1, 0xF3, 0x80, 0xBF, 4}, {0xF4, 0xF4, 0x80, 0x8F, 4}};
	size_t i = 0;
	while (i < n) {
		size_t r = 0, k;
		while (r < 9 && !(s[i] >= rows[r].lo0 && s[i] <= rows[r].hi0))
			r++;
		if (r == 9 || i + (size_t)rows[r].len > n)
			return i;
		if (rows[r].len > 1 && !(s[i + 1] >= rows[r].lo1 && s[i + 1] <= rows[r].hi1))
			return i;
		for (k = 2; k < (size_t)rows[r].len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		i += (size_t)rows[r].len;
	}
	return n;
}

/* Random texts, mostly ASCII with bytes of every kind among it, long and short. */
static void utf8_property(void)
{
	uint64_t st = 7;
	int bad = 0;
	for (int t = 0; t < 200000 && bad < 3; t++) {
		unsigned char buf[40];
		size_t n = (size_t)(st % 40);
		for (size_t k = 0; k < n; k++) {
			st ^= st << 13, st ^= st >> 7, st ^= st << 17;
			buf[k] = st % 4 ? (unsigned char)('a' + st % 26) : (unsigned char)(st >> 8);
		}
		st ^= st << 13, st ^= st >> 7, st ^= st << 17;
		if (encoding_utf8_check((const char *)buf, n) != reference_utf8(buf, n))
			bad++;
	}
	CHECK(bad == 0, "utf8 check agrees with the standard's table on 200,000 random texts");
}

void test_encoding(void)
{
	static const struct {
		const char *s;
		size_t bad; /* offset of the first invalid byte, or the length */
	} utf8[] = {
		{"plain", 5}, {"M\xC3\xBCller", 7}, {"\xE2\x82\xAC", 3}, {"\xF0\x9F\x98\x80", 4},
		{"M\xFCller", 1},            /* Latin-1 u-umlaut */
		{"\xC0\xAF", 0},             /* overlong '/' */
		{"\xED\xA0\x80", 0},         /* a surrogate */
		{"ab\xE2\x82", 2},           /* cut short */
		{"\xF4\x90\x80\x80", 0},     /* above U+10FFFF */
	};
	for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++) {
		size_t n = strlen(utf8[i].s), got = encoding_utf8_check(utf8[i].s, n);
		CHECK(got == utf8[i].bad, "utf8 case %zu: %zu, want %zu", i, got, utf8[i].bad);
	}

	char *out = NULL;
	size_t cap = 0, n;
	n = encoding_to_utf8(ENC_CP1252, "M\xFCller \x80 \x84x\x93", 12, &out, &cap);
	CHECK(n == 19 && memcmp(out, "M\xC3\xBCller \xE2\x82\xAC \xE2\x80\x9Ex\xE2\x80\x9C", 19) == 0,
	      "cp1252: euro, low and left double quotes");
	n = encoding_to_utf8(ENC_LATIN1, "\x80\xDF", 2, &out, &cap);
	CHECK(n == 4 && memcmp(out, "\xC2\x80\xC3\x9F", 4) == 0, "latin1 0x80 is U+0080, 0xDF is sharp s");
	n = encoding_to_utf8(ENC_CP1252, "\x81", 1, &out, &cap);
	CHECK(n == 3 && memcmp(out, "\xEF\xBF\xBD", 3) == 0, "cp1252 0x81 is undefined: U+FFFD");
	free(out);
	CHECK(encoding_parse("Windows-1252") == ENC_CP1252 && encoding_parse("ebcdic") == -1, "names");
	utf8_property();
}
