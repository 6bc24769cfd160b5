/*
 * The split in csvio (lines without a quote, and lines of whole quoted
 * fields) against libcsv alone (CM_LIBCSV_ONLY=1): the
 * same records, fields and line numbers, line by line and in blocks, on hand
 * written edge cases and on many random texts over the bytes that matter.
 */
#include <stdint.h>

#include "io/encoding.h"
#include "check.h"
#include "split_same.h"

static uint64_t state = 99;
static unsigned rnd(unsigned n) { return check_rand(&state, n); }

static int count_record(void *ctx, const cm_record *r)
{
	(void)r;
	++*(int *)ctx;
	return 0;
}

/* Push text in blocks of `block` bytes with the UTF-8 check: 0 clean, -1 or
 * -2 a bad line (in csvio_push, at the end); *records how many came before. */
static int push_checked(const char *text, size_t block, int *records)
{
	csvio_reader *r;
	size_t len = strlen(text);
	int rc = 0;
	*records = 0;
	r = csvio_pusher_new(',', count_record, records);
	csvio_push_utf8(r);
	for (size_t at = 0; at < len && rc == 0; at += block)
		rc = csvio_push(r, text + at, len - at < block ? len - at : block);
	if (rc == 0)
		rc = csvio_push_end(r, 1);
	csvio_reader_free(r);
	return rc;
}

static void utf8_lines(void)
{
	static const struct {
		const char *text;
		int rc, records;
	} cases[] = {
		{"a,b\nM\xC3\xBCller,\xE2\x82\xAC\n\"Stra\xC3\x9F" "e\",x\nlast,\xF0\x9F\x98\x80", 0, 4},
		{"a,b\nM\xFCller,1\nc,d\n", -1, 1},           /* Latin-1 in a plain line */
		{"a,b\n\"M\xFCller\",1\nc,d\n", -1, 1},     /* in a quoted one */
		{"a,b\nc,\xE2\x82\n", -1, 1},                /* a character cut by the line's end */
		{"a,b\nc,d\nlast,\xC3", -2, 2},               /* in a last line without '\n' */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		for (size_t block = 1; block <= 64; block *= 4) {
			int records, rc = push_checked(cases[i].text, block, &records);
			CHECK(rc == cases[i].rc && records == cases[i].records,
			      "utf8 case %zu, blocks of %zu: %d after %d records, want %d after %d", i, block, rc,
			      records, cases[i].rc, cases[i].records);
		}
}

/* What push_checked should say of text, line by line with encoding_utf8_check
 * (itself tested against the standard's table): every line here is a record. */
static int utf8_expected(const char *text, int *records)
{
	const char *s = text, *nl;
	*records = 0;
	for (; *s; s = nl + 1, ++*records) {
		size_t n = (nl = strchr(s, '\n')) ? (size_t)(nl - s) : strlen(s);
		if (encoding_utf8_check(s, n) != n)
			return nl ? -1 : -2;
		if (!nl)
			return (++*records, 0);
	}
	return 0;
}

/* Random lines of ASCII, two-byte characters and bytes that break them (a lone
 * continuation, C0/C1, a lead before ASCII or the line's end, three- and
 * four-byte characters), long enough to cross the reader's 16-byte steps:
 * the scan's check of the two-byte form must agree with the full check. */
static void utf8_random(void)
{
	static const unsigned char bytes[] = {'a', 'b', '1', ',', 0xC3, 0xA4, 0xBC, 0xC2, 0xDF, 0xBF, 0x80, 0xC0,
					      0xC1, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0xF5, 0xFF};
	int bad = 0;
	for (int i = 0; i < 30000 && bad < 3; i++) {
		char text[400]; /* 3 lines of at most 122 bytes */
		size_t n = 0, lines = 1 + rnd(3);
		int records, want_records, rc, want;
		for (size_t l = 0; l < lines; l++) {
			size_t len = rnd(60);
			text[n++] = 'a';
			for (size_t k = 0; k < len; k++) {
				unsigned pick = rnd(8); /* mostly well-formed text */
				if (pick < 4)
					text[n++] = "xy,z"[pick];
				else if (pick < 7)
					text[n++] = (char)0xC3, text[n++] = (char)(0x80 + rnd(64));
				else
					text[n++] = (char)bytes[rnd(sizeof bytes)];
			}
			if (l + 1 < lines || rnd(2))
				text[n++] = '\n';
		}
		text[n] = '\0';
		want = utf8_expected(text, &want_records);
		rc = push_checked(text, 1 + rnd(2) * 4096, &records);
		if (rc != want || (rc != 0 && records != want_records)) {
			bad++;
			printf("utf8 random text %d: %d after %d records, want %d after %d\n", i, rc, records, want,
			       want_records);
		}
	}
	CHECK(bad == 0, "30,000 random lines of two-byte text and broken bytes: the scan's check agrees with the full one");
}

void test_split(void)
{
	utf8_lines();
	utf8_random();
	static const char *const cases[] = {
		"a,b\nc,d\n", "a,b\r\nc,d\r\n", " a , b \n\tc\t,\td\t\n", ",\n,,\n", "a,\n", "\n\n a,b\n",
		"  \n\t\nx\n", "a,\"b\"\nc,d\n", "x,\"y\nz\",w\nplain,line\n", "\"a\"\"b\",c\nd,e\n",
		"ab\"c,d\ne,f\n", "a\rb,c\nd\n", "a,b\rc\nd,e\n", "last,row", "last,\"open", "\"open\n\nx,y\n",
		"a, \"b\" ,c\n", "\r\n\r\nx\r\n", "x\r\r\ny\n", "a,b\n\"c\r\nd\",e\nf,g\n", "\"x\"\r\"y\"\nz\n",
		"a;b,c\n", "a\tb,c\td\n", "\xC3\xA4,\xE2\x82\xAC\n",
		"\"a,b\",c\n", "\"\",\"\"\n", "\"\"\"\",x\n", "a,\"b\"\"c\",d\n", "\"a\"b,c\n", "\"a\",\n", ",\"a\"\n",
		"\"a\n", " \"a\",b\n", "\"a\"\r\nb\r\n", "\"a;b\";\"c\td\"\t\" e \"\n", "x,\"\"\"\n\"\"\"\n",
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
