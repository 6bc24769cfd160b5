/* CSV reading: quoting per RFC 4180, line numbers of records that span lines. */
#include <stdlib.h>
#include <string.h>

#include "../../core/csvio.h"
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

void test_csvio(void)
{
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
	free(buf);
}
