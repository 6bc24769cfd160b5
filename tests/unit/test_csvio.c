/* CSV reading: quoting per RFC 4180, line numbers of records that span lines. */
#include <stdlib.h>
#include <string.h>

#include "io/csvio.h"
#include "check.h"

static void feed_all(csvio_reader *r, const char *text)
{
	long line = 0;
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) + 1 : strlen(text);
		csvio_feed(r, text, n, ++line);
		text += n;
	}
}

/* Every field written and read back is itself, whatever its bytes. */
static void round_trip(void)
{
	static const char *const fields[] = {"", "a", " lead", "trail ", "\"", "\"\"", "a,b", "say \"hi\"",
					      "x\ny", "cr\r", "\"a\",\"b\"", "tab\there", "naïve"};
	size_t nf = sizeof fields / sizeof *fields, cap = 0, len = 0;
	char *buf = NULL;
	csvio_reader *r = csvio_reader_new(',');
	cm_record rec;
	int same = 1;
	for (size_t i = 0; i < nf; i++) {
		len = csvio_format_field(&buf, &cap, len, fields[i], strlen(fields[i]), ',');
		xgrow((void **)&buf, &cap, len + 2, 1);
		buf[len++] = i + 1 < nf ? ',' : '\n';
	}
	csvio_feed(r, buf, len, 1);
	if (!csvio_next(r, &rec) || rec.n != nf)
		same = 0;
	for (size_t i = 0; same && i < nf; i++)
		same = strcmp(rec.f[i], fields[i]) == 0;
	CHECK(same, "fields written then read back are unchanged: %.*s", (int)len, buf);
	csvio_reader_free(r);
	free(buf);
}

/* Fields formatted together are the fields formatted one by one, joined by the
 * delimiter: random fields of quotes, delimiters, blanks, CR, LF and letters,
 * one after another in memory (NULs between) or not, for ',', tab and ';'. */
static void fields_at_once(void)
{
	static const char alphabet[] = "ab,\t;\" \r\nxyz0123456789";
	unsigned seed = 5;
	int same = 1;
	for (int round = 0; round < 3000 && same; round++) {
		char text[400], delim = "\t,;"[round % 3];
		const char *f[12];
		size_t len[12], n = (size_t)round % 12, at = 0, cap1 = 0, cap2 = 0, l1 = 0, l2 = 0;
		char *one = NULL, *all = NULL;
		for (size_t k = 0; k < n; k++) {
			size_t l;
			seed = seed * 1103515245u + 12345u;
			l = (seed >> 16) % 30;
			for (size_t j = 0; j < l; j++) {
				seed = seed * 1103515245u + 12345u; /* mostly letters: most rows need no quote */
				text[at + j] = (seed >> 16) % 40 < 36 ? "abcxyz"[(seed >> 8) % 6]
								       : alphabet[(seed >> 20) % (sizeof alphabet - 1)];
			}
			text[at + l] = '\0';
			f[k] = text + at;
			len[k] = l;
			at += l + 1 + (round % 7 == 0); /* now and then a gap: not one block */
		}
		for (size_t k = 0; k < n; k++) {
			if (k > 0) {
				xgrow((void **)&one, &cap1, l1 + 2, 1);
				one[l1++] = delim;
			}
			l1 = csvio_format_field(&one, &cap1, l1, f[k], len[k], delim);
		}
		l2 = csvio_format_fields(&all, &cap2, 0, f, len, n, delim);
		same = l1 == l2 && (l1 == 0 || memcmp(one, all, l1) == 0);
		if (!same)
			CHECK(0, "fields at once, round %d: '%.*s' vs one by one '%.*s'", round, (int)l2, all,
			      (int)l1, one);
		free(one);
		free(all);
	}
	CHECK(same, "fields at once are the fields one by one");
}

void test_csvio(void)
{
	fields_at_once();
	csvio_reader *r = csvio_reader_new(',');
	cm_record rec;
	cm_error e;
	feed_all(r, "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n\nlast,row");
	CHECK(csvio_next(r, &rec) && rec.n == 2 && strcmp(rec.f[0], "a") == 0 && rec.line == 1, "header");
	CHECK(csvio_next(r, &rec) && strcmp(rec.f[0], "x, y") == 0 && strcmp(rec.f[1], "say \"hi\"") == 0 &&
		      rec.line == 2, "quoted delimiter and quotes");
	CHECK(csvio_next(r, &rec) && strcmp(rec.f[0], "two\nlines") == 0 && rec.line == 3,
	      "a record spanning lines 3-4 starts on line 3 (line %ld)", rec.line);
	CHECK(!csvio_next(r, &rec), "the last row waits for the end of input");
	CHECK(csvio_finish(r, &e) == 0 && csvio_next(r, &rec) && strcmp(rec.f[1], "row") == 0 && rec.line == 6,
	      "last row without newline, after a blank line");
	csvio_reader_free(r);

	r = csvio_reader_new(',');
	feed_all(r, "a,\"open\nnever closed\n");
	CHECK(!csvio_next(r, &rec) && csvio_finish(r, &e) < 0 && strncmp(e.msg, "1: unterminated", 15) == 0,
	      "unterminated quote names its line: %s", e.msg);
	csvio_reader_free(r);

	r = csvio_reader_new(CSVIO_WHITESPACE);
	feed_all(r, " 00001 19970101  1   11.77\n");
	CHECK(csvio_next(r, &rec) && rec.n == 4 && strcmp(rec.f[3], "11.77") == 0, "aligned columns");
	csvio_reader_free(r);

	char *buf = NULL;
	size_t cap = 0, n = csvio_format_field(&buf, &cap, 0, "a \"b\", c", 8, ',');
	CHECK(n == 12 && memcmp(buf, "\"a \"\"b\"\", c\"", 12) == 0, "quoting on output");
	n = csvio_format_field(&buf, &cap, 0, "plain", 5, ',');
	CHECK(n == 5 && memcmp(buf, "plain", 5) == 0, "no quotes when not needed");
	n = csvio_format_field(&buf, &cap, 5, "\"\"", 2, ',');
	CHECK(n == 11 && memcmp(buf, "plain\"\"\"\"\"\"", 11) == 0, "appended, two quotes doubled: %.*s", (int)n, buf);
	n = csvio_format_field(&buf, &cap, 0, " x", 2, ',');
	CHECK(n == 4 && memcmp(buf, "\" x\"", 4) == 0, "a leading space is quoted");
	n = csvio_format_field(&buf, &cap, 0, "a\tb", 3, ',');
	CHECK(n == 3, "a tab needs no quotes in CSV");
	n = csvio_format_field(&buf, &cap, 0, "a\tb", 3, '\t');
	CHECK(n == 5 && buf[0] == '"', "but does in TSV");
	n = csvio_format_field(&buf, &cap, 0, "a,b", 3, '\t');
	CHECK(n == 3, "and a comma does not");
	n = csvio_format_field(&buf, &cap, 0, "a;b", 3, ';');
	CHECK(n == 5 && buf[0] == '"', "any other delimiter is quoted too");
	n = csvio_format_field(&buf, &cap, 0, "line\r\nnext", 10, ',');
	CHECK(n == 12 && buf[0] == '"' && buf[11] == '"', "CR and LF are quoted");
	free(buf);
	round_trip();
}
