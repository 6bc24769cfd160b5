/*
 * The customer table's cursor and expectation (customer_expect) change
 * nothing: lines added through them, with expectations left unused as a
 * rejected line leaves them and ids read into one reused buffer as the
 * reader hands them out, give the table that plain customer_add calls give.
 * The revenue written is checked against sums kept here.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pthread.h>

#include "customers/customer.h"
#include "customers/customer_feed.h"
#include "check.h"

static uint64_t state = 4242;
static unsigned rnd(unsigned n) { return check_rand(&state, n); }

#define IDS 3000

/* The table written as CSV into a string (the caller frees it). */
static char *written(customer_table *t)
{
	struct customer_opts o = {.as_of = DAY_NONE, .window = 90, .margin_rate = -1};
	char path[] = "/tmp/cm-test-customer-XXXXXX", *text;
	int fd = mkstemp(path);
	FILE *f;
	long n;
	cm_error e;
	fileio_out *out = fileio_open_out(path, &e);
	table_writer *tab = table_writer_new(out, OUT_CSV);
	customer_write(t, &o, &tab, 1, 1, &e);
	table_writer_free(tab);
	fileio_close_out(out, 1, &e);
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	if (fread(text, 1, (size_t)n, f) != (size_t)n)
		text[0] = '\0';
	fclose(f);
	close(fd);
	unlink(path);
	return text;
}

/* revenue (column 12) of id in the written table, in cents; -1 if absent. */
static long long revenue_of(const char *text, const char *id)
{
	char key[32];
	const char *p;
	snprintf(key, sizeof key, "\n%s,", id);
	if (!(p = strstr(text, key)))
		return -1;
	for (int commas = 0; commas < 11; p++)
		commas += *p == ',';
	return (long long)llround(strtod(p, NULL) * 100);
}

void test_customer(void)
{
	customer_table *plain = customer_table_new(), *cursored = customer_table_new();
	struct customer_cursor cur = {0};
	static long long sum[IDS];
	static int seen[IDS];
	char buf[32], id[32], *a, *b;
	int bad = 0;
	for (int line = 0, run = 0, k = 0; line < 200000; line++) {
		int32_t day = 19000 + (int32_t)rnd(700);
		int64_t amount = (int64_t)rnd(100000) - 10000; /* 4 decimals: -1.0000 .. 8.9999 */
		if (run-- <= 0) /* customers come in runs, as in most exports, and come back */
			k = (int)rnd(IDS), run = (int)rnd(6);
		snprintf(id, sizeof id, "C%05d", k);
		if (rnd(10) == 0) { /* a line rejected after its id was read: an expectation left unused */
			snprintf(buf, sizeof buf, "X%05d", (int)rnd(IDS));
			customer_expect(cursored, &cur, buf, strlen(buf));
		}
		strcpy(buf, id); /* the reader's one buffer */
		customer_add(plain, NULL, id, strlen(id), &(struct customer_line){.day = day, .amount = amount * 100, .margin = 0});
		if (rnd(4))
			customer_expect(cursored, &cur, buf, strlen(buf));
		customer_add(cursored, &cur, buf, strlen(buf), &(struct customer_line){.day = day, .amount = amount * 100, .margin = 0});
		sum[k] += amount;
		seen[k] = 1;
	}
	a = written(plain);
	b = written(cursored);
	CHECK(strcmp(a, b) == 0, "a table built through the cursor and expectations differs from plain adds");
	for (int k = 0; k < IDS; k++) {
		snprintf(id, sizeof id, "C%05d", k);
		bad += revenue_of(a, id) != (seen[k] ? sum[k] : -1);
	}
	CHECK(bad == 0, "revenue per customer differs from the sums kept by the test %d times", bad);
	free(a);
	free(b);
	customer_table_free(plain);
	customer_table_free(cursored);
}

/*
 * Sums stay exact or are refused: a line that would take a customer's revenue,
 * margin or a day's value past int64 is refused whole (the table as before
 * it), and two tables whose merged sums leave the range say which customer.
 */
void test_customer_range(void)
{
	CHECK(customer_id_lost_digits("1.23457E+11", 11) && customer_id_lost_digits("1,23457E+11", 11) &&
		      customer_id_lost_digits("5E+06", 5), "an id in a spreadsheet's scientific notation");
	CHECK(!customer_id_lost_digits("1E5X", 4) && !customer_id_lost_digits("12E+5", 5) &&
		      !customer_id_lost_digits("1.5E-3", 6) && !customer_id_lost_digits("E+11", 4) &&
		      !customer_id_lost_digits("1.2E+", 5), "ids that are no scientific notation");
	customer_table *t = customer_table_new(), *u = customer_table_new();
	const int64_t big = INT64_C(4000000000000000000); /* 400 trillion in units of 1/10,000 */
	const char *why;
	char *text;
	CHECK(customer_add(t, NULL, "A", 1, &(struct customer_line){.day = 19000, .amount = big, .margin = 0}) == NULL, "a first amount is refused");
	CHECK(customer_add(t, NULL, "A", 1, &(struct customer_line){.day = 19001, .amount = big, .margin = 0}) == NULL, "800 trillion is refused");
	why = customer_add(t, NULL, "A", 1, &(struct customer_line){.day = 19002, .amount = big, .margin = 0});
	CHECK(why && strcmp(why, "revenue") == 0, "1,200 trillion is taken (%s)", why ? why : "nothing said");
	why = customer_add(t, NULL, "A", 1, &(struct customer_line){.day = 19003, .amount = 1, .margin = INT64_MAX});
	CHECK(why == NULL, "a margin at the top of the range is refused");
	why = customer_add(t, NULL, "A", 1, &(struct customer_line){.day = 19003, .amount = 1, .margin = 1});
	CHECK(why && strcmp(why, "margin") == 0, "a margin past the range is taken (%s)", why ? why : "nothing said");
	why = customer_add(t, NULL, "A", 1, &(struct customer_line){.day = 19003, .amount = -big, .margin = 0});
	CHECK(why == NULL, "a return is refused (%s)", why ? why : "");
	why = customer_add(t, NULL, "A", 1, &(struct customer_line){.day = 19000, .amount = big, .margin = 0}); /* revenue fits again; the day's value too */
	CHECK(why == NULL, "a day's second line is refused (%s)", why ? why : "");
	why = customer_add(t, NULL, "A", 1, &(struct customer_line){.day = 19000, .amount = big, .margin = 0});
	CHECK(why != NULL, "a day's value past the range is taken");
	text = written(t);
	CHECK(revenue_of(text, "A") == (long long)(2 * big / 100 + 1 / 100), "the refused lines changed the revenue");
	free(text);
	customer_table_free(t);
	/* through a feed: the refusal is told at its end */
	{
		customer_feed *f = customer_feed_new(u, 2);
		for (int i = 0; i < 3; i++)
			customer_feed_add(f, (size_t)i % 2, "A", 1, &(struct customer_line){.day = 19000 + i, .amount = big});
		customer_feed_done(f, 0);
		customer_feed_done(f, 1);
		why = customer_feed_end(f);
		CHECK(why && strcmp(why, "revenue") == 0, "a feed's sum past the range is not told (%s)", why ? why : "nothing");
	}
	customer_table_free(u);
}

/* A line of the feed test: customer, day, amount, channel, name. */
struct fed {
	char id[16], name[16];
	int32_t day;
	int64_t amount;
	int channel;
};

struct feeder {
	customer_feed *f;
	const struct fed *lines;
	size_t from, to, self;
};

static void *feed_part(void *arg)
{
	struct feeder *p = arg;
	static const char *const channels[] = {"web", "store", "phone"};
	customer_feed_begin(p->f, p->self);
	for (size_t i = p->from; i < p->to; i++) {
		const struct fed *l = &p->lines[i];
		struct customer_line line = {.day = l->day, .amount = l->amount, .name = l->name, .namelen = strlen(l->name)};
		line.mix[MIX_CHANNEL] = channels[l->channel];
		line.mixlen[MIX_CHANNEL] = strlen(channels[l->channel]);
		if (customer_feed_add(p->f, p->self, l->id, strlen(l->id), &line) < 0)
			break;
	}
	customer_feed_done(p->f, p->self);
	return NULL;
}

/*
 * A table filled through a feed from several threads, lines of one customer
 * spread over all of them (date order), is the table customer_add gives with
 * the lines one by one: written byte for byte the same, channels and names
 * included; also when fewer threads begin than the feed was made for.
 */
void test_customer_feed(void)
{
	enum { LINES = 40000 };
	struct fed *lines = calloc(LINES, sizeof *lines);
	customer_table *one = customer_table_new();
	char *expected;
	for (size_t i = 0; i < LINES; i++) {
		struct fed *l = &lines[i];
		snprintf(l->id, sizeof l->id, "K%u", rnd(5000));
		snprintf(l->name, sizeof l->name, "N%u", rnd(3));
		l->day = 19000 + (int32_t)(i / 100);
		l->amount = (int64_t)rnd(100000) - 10000;
		l->channel = (int)rnd(3);
		customer_add(one, NULL, l->id, strlen(l->id), &(struct customer_line){
			.day = l->day, .amount = l->amount, .name = l->name, .namelen = strlen(l->name),
			.mix = {l->channel == 0 ? "web" : l->channel == 1 ? "store" : "phone"},
			.mixlen = {l->channel == 0 ? 3u : l->channel == 1 ? 5u : 5u}});
	}
	expected = written(one);
	for (size_t threads = 1; threads <= 3; threads++) {
		customer_table *t = customer_table_new();
		customer_feed *f = customer_feed_new(t, threads + (threads == 3)); /* 3: one never begins */
		pthread_t th[3];
		struct feeder p[3];
		const char *why;
		char *got;
		for (size_t k = 0; k < threads; k++) {
			p[k] = (struct feeder){f, lines, LINES * k / threads, LINES * (k + 1) / threads, k};
			pthread_create(&th[k], NULL, feed_part, &p[k]);
		}
		for (size_t k = 0; k < threads; k++)
			pthread_join(th[k], NULL);
		why = customer_feed_end(f);
		got = written(t);
		CHECK(why == NULL && strcmp(got, expected) == 0, "a feed on %zu threads gives another table (%s)",
		      threads, why ? why : "no refusal");
		free(got);
		customer_table_free(t);
	}
	free(expected);
	customer_table_free(one);
	free(lines);
}
