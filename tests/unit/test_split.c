/*
 * The quote-free split in csvio against libcsv alone (CM_LIBCSV_ONLY=1): the
 * same records, fields and line numbers, line by line and in blocks, on hand
 * written edge cases and on many random texts over the bytes that matter.
 */
#include <stdint.h>

#include "check.h"
#include "split_same.h"

static uint64_t state = 99;
static unsigned rnd(unsigned n)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned)(state % n);
}

void test_split(void)
{
	static const char *const cases[] = {
		"a,b\nc,d\n", "a,b\r\nc,d\r\n", " a , b \n\tc\t,\td\t\n", ",\n,,\n", "a,\n", "\n\n a,b\n",
		"  \n\t\nx\n", "a,\"b\"\nc,d\n", "x,\"y\nz\",w\nplain,line\n", "\"a\"\"b\",c\nd,e\n",
		"ab\"c,d\ne,f\n", "a\rb,c\nd\n", "a,b\rc\nd,e\n", "last,row", "last,\"open", "\"open\n\nx,y\n",
		"a, \"b\" ,c\n", "\r\n\r\nx\r\n", "x\r\r\ny\n", "a,b\n\"c\r\nd\",e\nf,g\n", "\"x\"\r\"y\"\nz\n",
		"a;b,c\n", "a\tb,c\td\n", "\xC3\xA4,\xE2\x82\xAC\n",
	};
	static const char alphabet[] = "ab ,;\t\"\r\n\n";
	static const int delims[] = {',', ';', '\t'};
	int bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		for (size_t d = 0; d < 3; d++)
			CHECK(same(cases[i], strlen(cases[i]), delims[d]), "case %zu, delimiter %d", i, delims[d]);
	for (int i = 0; i < 20000 && bad < 3; i++) {
		char text[48];
		size_t n = 1 + rnd(sizeof text - 1);
		for (size_t k = 0; k < n; k++)
			text[k] = alphabet[rnd(sizeof alphabet - 1)];
		if (!same(text, n, delims[i % 3])) {
			bad++;
			printf("random text %d: '%.*s'\n", i, (int)n, text);
		}
	}
	CHECK(bad == 0, "20,000 random texts over the bytes that matter read the same split or by libcsv alone");
}
