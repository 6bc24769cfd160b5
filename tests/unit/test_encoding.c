/* Encodings: UTF-8 validity by the standard's rules; CP1252 and Latin-1 code charts. */
#include <stdlib.h>
#include <string.h>

#include "../../core/encoding.h"
#include "check.h"

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
}
