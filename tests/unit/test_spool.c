/* The spool gives back every row it was given, in order, byte for byte, with
 * its line (rising, falling back, past 2^32): read one by one, a run at a
 * time, and the two mixed; rows of any width (none to many fields, empty
 * fields, long ones) over several runs; held in memory, in the file, and in
 * memory up to a cap (1 MiB, about half the rows: a run goes on in the file).
 * With TMPDIR a folder that does not exist, rows in memory need no file; rows
 * past the cap fail with a message. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "customers/customer_reader.h"
#include "io/row_buffer.h"
#include "customers/spool.h"
#include "check.h"

#define ROWS 20000

/* Row i's line: rising mostly, sometimes back, sometimes past 2^32. */
static long line_of(size_t i)
{
	return (long)(3 * i + 2) - (i % 7 == 0 ? 5 : 0) + (i % 1001 == 0 ? 0x123456789L : 0);
}

static unsigned rnd(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

/* Row i's fields, made again from i alone: the reference. */
static size_t make_row(size_t i, char *text, const char **f, size_t *len)
{
	unsigned s = (unsigned)i * 2654435761u + 1;
	size_t n = i % 97 == 0 ? 0 : 1 + rnd(&s) % 12, at = 0;
	for (size_t k = 0; k < n; k++) {
		size_t l = rnd(&s) % 7 == 0 ? 0 : rnd(&s) % (i % 1000 == 1 ? 5000 : 20);
		for (size_t j = 0; j < l; j++)
			text[at + j] = (char)(1 + rnd(&s) % 255); /* any byte but NUL */
		text[at + l] = '\0';
		f[k] = text + at;
		len[k] = l;
		at += l + 1;
	}
	return n;
}

static int same_row(size_t i, const cm_record *r)
{
	static char text[13 * 5001];
	const char *f[12];
	size_t len[12], n = make_row(i, text, f, len);
	if (r->n != n || r->line != line_of(i))
		return 0;
	for (size_t k = 0; k < n; k++)
		if (r->len[k] != len[k] || memcmp(r->f[k], f[k], len[k]) != 0 || r->f[k][len[k]] != '\0')
			return 0;
	return 1;
}

static int no_rows(void *src, cm_record *r, cm_error *e)
{
	(void)src, (void)r, (void)e;
	return 0;
}

/* Spool ROWS rows, read them back the way `how` says: 0 one by one, 1 in runs,
 * 2 alternating; the number of rows that came back equal to their reference. */
static size_t round_trip(int how, const char *cap)
{
	static char text[13 * 5001];
	const char *names[] = {"a"};
	cm_error e;
	customer_reader *src = customer_reader_wrap("in.csv", 1, names, no_rows, NULL, NULL, NULL);
	spool *s;
	customer_reader *back;
	row_buffer b = {0};
	size_t good = 0, seen = 0;
	int rc = 1;
	setenv("CM_SPOOL_MEMORY", cap, 1);
	s = spool_new(src, &e);
	for (size_t i = 0; i < ROWS; i++) {
		const char *f[12];
		size_t len[12];
		cm_record r = {.f = f, .len = len, .n = make_row(i, text, f, len), .line = line_of(i)};
		spool_add(s, &r);
	}
	back = spool_reopen(s, &e);
	for (int turn = 0; back && rc > 0; turn++) {
		cm_record r;
		if (how == 0 || (how == 2 && turn % 3 == 0)) {
			if ((rc = customer_reader_next(back, &r, &e)) > 0)
				good += same_row(seen++, &r);
			continue;
		}
		rc = customer_reader_next_run(back, &b, 100, &e);
		for (size_t k = 0; k < b.nrows; k++) {
			row_buffer_get(&b, k, &r);
			good += same_row(seen++, &r);
		}
	}
	CHECK(rc == 0, "spool read %d, cap %s: ended with %d", how, cap, rc);
	CHECK(seen == ROWS, "spool read %d, cap %s: %zu rows back of %d", how, cap, seen, ROWS);
	row_buffer_free(&b);
	customer_reader_close(back);
	customer_reader_close(src);
	return good;
}

/* Rows spooled with TMPDIR a folder that is not there: 1 if they came back. */
static int without_folder(const char *cap, cm_error *e)
{
	const char *names[] = {"a"}, *f[] = {"x"};
	size_t len[] = {1};
	cm_record r = {.f = f, .len = len, .n = 1, .line = 2};
	customer_reader *src = customer_reader_wrap("in.csv", 1, names, no_rows, NULL, NULL, NULL), *back;
	spool *s;
	setenv("CM_SPOOL_MEMORY", cap, 1);
	setenv("TMPDIR", "/nonexistent-cm-test", 1);
	s = spool_new(src, e);
	spool_add(s, &r);
	back = spool_reopen(s, e);
	unsetenv("TMPDIR");
	customer_reader_close(back);
	customer_reader_close(src);
	return back != NULL;
}

/* A row whose fields lie in a line one after another ("ab,c,,d": copied at
 * once) and one whose fields do not: each field back with its NUL. */
static void row_buffer_rows(void)
{
	static const char line[] = "ab,c,,d";
	const char *f1[] = {line, line + 3, line + 5, line + 6}, *f2[] = {line + 6, line};
	size_t l1[] = {2, 1, 0, 1}, l2[] = {1, 2};
	const char *want[] = {"ab", "c", "", "d", "d", "ab"};
	cm_record r1 = {4, f1, l1, 7}, r2 = {2, f2, l2, 9}, r;
	row_buffer b = {0};
	size_t k = 0;
	row_buffer_add(&b, &r1);
	row_buffer_add(&b, &r2);
	for (size_t i = 0; i < 2; i++) {
		row_buffer_get(&b, i, &r);
		CHECK(r.line == (i ? 9 : 7), "row_buffer row %zu: line %ld", i, r.line);
		for (size_t j = 0; j < r.n; j++, k++)
			CHECK(strcmp(r.f[j], want[k]) == 0 && r.len[j] == strlen(want[k]),
			      "row_buffer row %zu field %zu: '%s'", i, j, r.f[j]);
	}
	CHECK(k == 6, "row_buffer: %zu fields back of 6", k);
	row_buffer_free(&b);
}

void test_spool(void)
{
	static const char *caps[] = {"512", "0", "1"};
	cm_error e;
	row_buffer_rows();
	for (int c = 0; c < 3; c++)
		for (int how = 0; how < 3; how++)
			CHECK(round_trip(how, caps[c]) == ROWS, "spool read %d, cap %s: rows back differ", how,
			      caps[c]);
	CHECK(without_folder("1", &e), "spool in memory: wanted no file");
	CHECK(!without_folder("0", &e) && strstr(e.msg, "/nonexistent-cm-test"),
	      "spool without its folder: no message naming it");
	setenv("CM_SPOOL_MEMORY", "1x", 1);
	CHECK(!spool_new(NULL, &e) && strstr(e.msg, "'1x'"), "CM_SPOOL_MEMORY=1x: no message");
	unsetenv("CM_SPOOL_MEMORY");
}
