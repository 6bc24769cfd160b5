/*
 * split_same — read a text with csvio's own split (lines without a quote, or
 * of whole quoted fields) and with libcsv alone (CM_LIBCSV_ONLY=1), line by
 * line and in blocks of 1, 5 and 9 bytes, and compare the records, fields,
 * line numbers and ends.  For the unit test and the fuzz harness fuzz_csvio;
 * header only.
 */
#ifndef CM_TEST_SPLIT_SAME_H
#define CM_TEST_SPLIT_SAME_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csvio.h"

struct sink {
	char *s;
	size_t n, cap;
};

static void put(struct sink *k, const char *s, size_t n)
{
	xgrow((void **)&k->s, &k->cap, k->n + n + 1, 1);
	memcpy(k->s + k->n, s, n);
	k->n += n;
	k->s[k->n] = '\0';
}

/* A record as text: "line:" then each field in brackets with its length. */
static void put_record(struct sink *k, const cm_record *r)
{
	char buf[48];
	put(k, buf, (size_t)snprintf(buf, sizeof buf, "%ld:", r->line));
	for (size_t i = 0; i < r->n; i++) {
		put(k, buf, (size_t)snprintf(buf, sizeof buf, "[%zu%s", r->len[i], strlen(r->f[i]) == r->len[i] ? "" : "!"));
		put(k, r->f[i], r->len[i]);
		put(k, "]", 1);
	}
	put(k, "\n", 1);
}

static csvio_reader *reader(int delim, int libcsv_only)
{
	csvio_reader *r;
	setenv("CM_LIBCSV_ONLY", libcsv_only ? "1" : "0", 1);
	r = csvio_reader_new(delim);
	unsetenv("CM_LIBCSV_ONLY");
	return r;
}

/* Line by line, as table_reader and parallel_reader read: records, line numbers, the end. */
static void by_lines(const char *text, size_t len, int delim, int libcsv_only, struct sink *k)
{
	csvio_reader *r = reader(delim, libcsv_only);
	cm_record rec;
	cm_error e;
	long line = 0;
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - text - at) + 1 : len - at;
		csvio_feed(r, text + at, n, ++line);
		at += n;
		while (csvio_next(r, &rec))
			put_record(k, &rec);
		put(k, csvio_idle(r) ? "." : "~", 1);
	}
	if (csvio_finish(r, &e) == 0)
		put(k, "end\n", 4);
	else
		put(k, "open\n", 5);
	while (csvio_next(r, &rec))
		put_record(k, &rec);
	csvio_reader_free(r);
}

static int to_sink(void *ctx, const cm_record *r)
{
	put_record(ctx, r);
	return 0;
}

/* In blocks of `block` bytes, as the fast path of import reads. */
static void by_blocks(const char *text, size_t len, int delim, int libcsv_only, size_t block, struct sink *k)
{
	csvio_reader *r;
	setenv("CM_LIBCSV_ONLY", libcsv_only ? "1" : "0", 1);
	r = csvio_pusher_new(delim, to_sink, k);
	unsetenv("CM_LIBCSV_ONLY");
	for (size_t at = 0; at < len; at += block)
		csvio_push(r, text + at, len - at < block ? len - at : block);
	if (csvio_push_end(r, 1) == 0)
		put(k, "end\n", 4);
	else
		put(k, "open\n", 5);
	csvio_reader_free(r);
}

/* 1 if the split and libcsv alone read text the same way, every way. */
static int same(const char *text, size_t len, int delim)
{
	struct sink a = {0}, b = {0};
	int ok;
	by_lines(text, len, delim, 0, &a);
	by_lines(text, len, delim, 1, &b);
	ok = a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
	for (size_t block = 1; ok && block <= 9; block += 4) {
		a.n = b.n = 0;
		by_blocks(text, len, delim, 0, block, &a);
		by_blocks(text, len, delim, 1, block, &b);
		ok = a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
	}
	if (!ok)
		printf("split:   %s\nlibcsv:  %s\n", a.s, b.s);
	free(a.s);
	free(b.s);
	return ok;
}

#endif
