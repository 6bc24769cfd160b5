/* The fast paths against the slow references they replace: strtod, printf, sorting. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/clv.h"
#include "io/date.h"
#include "io/num.h"
#include "segments/rfm.h"
#include "check.h"

static uint64_t state = 12345;
static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Whole numbers, amounts and dates written against printf and the C
 * library's calendar (gmtime). */
static void formatting(void)
{
	int int_bad = 0, money_bad = 0, date_bad = 0;
	char mine[48], ref[48];
	static const int64_t edges[] = {0, 1, -1, 9, 10, 99, 100, 101, 9999, 10000, INT64_MAX, INT64_MIN + 1, INT64_MIN};
	for (int i = 0; i < 300000; i++) {
		int64_t v = i < 13 ? edges[i] : (int64_t)(next() >> (next() % 64)) * (next() % 2 ? 1 : -1);
		uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
		size_t len;
		len = num_format_int(v, mine);
		snprintf(ref, sizeof ref, "%lld", (long long)v);
		int_bad += strcmp(mine, ref) != 0 || len != strlen(ref);
		if (v == INT64_MIN)
			continue;
		len = num_format(v, mine);
		snprintf(ref, sizeof ref, "%s%llu.%04u", v < 0 ? "-" : "", (unsigned long long)(a / NUM_SCALE),
			 (unsigned)(a % NUM_SCALE));
		for (size_t n = strlen(ref); ref[n - 1] == '0' && ref[n - 3] != '.'; n--)
			ref[n - 1] = '\0'; /* two decimals at least, no trailing zero beyond */
		money_bad += strcmp(mine, ref) != 0 || len != strlen(mine);
	}
	for (int32_t day = -200000; day < 2900000; day += 1 + (int32_t)(next() % 7)) {
		time_t secs = (time_t)day * 86400;
		struct tm tm;
		gmtime_r(&secs, &tm);
		if (tm.tm_year + 1900 < 1000 || tm.tm_year + 1900 > 9999)
			continue;
		strftime(ref, sizeof ref, "%Y-%m-%d", &tm);
		date_format(day, mine);
		date_bad += strcmp(mine, ref) != 0;
	}
	CHECK(int_bad == 0, "num_format_int differs from printf %d times", int_bad);
	CHECK(money_bad == 0, "num_format differs from the printf reference %d times", money_bad);
	CHECK(date_bad == 0, "date_format differs from gmtime %d times", date_bad);
}

void test_fast(void)
{
	formatting();
	int parse_bad = 0, format_bad = 0, cuts_bad = 0;
	char text[64], mine[64], ref[64];
	for (int i = 0; i < 200000; i++) {
		double v = (double)(int64_t)(next() % 2000000000000ULL) / pow(10, (double)(next() % 8));
		double got, want;
		int dec = (int)(next() % 5);
		if (next() % 2)
			v = -v;
		snprintf(text, sizeof text, "%.*f", (int)(next() % 7), v);
		want = strtod(text, NULL);
		if (num_parse_plain(text, strlen(text), &got) && got != want)
			parse_bad++;
		num_format_fixed(v, dec, mine, sizeof mine);
		snprintf(ref, sizeof ref, "%.*f", dec, v);
		if (strcmp(ref, "-0") == 0 || strncmp(ref, "-0.", 3) == 0) /* we never write a negative zero */
			if (strspn(ref + 1, "0.") == strlen(ref + 1))
				memmove(ref, ref + 1, strlen(ref));
		if (strcmp(mine, ref) != 0 && fabs(v * pow(10, dec) - round(v * pow(10, dec))) != 0.5)
			format_bad++; /* halfway cases: printf rounds to even on the binary value, both are right */
	}
	CHECK(parse_bad == 0, "num_parse_plain differs from strtod %d times", parse_bad);
	{ /* what the plain form is and is not */
		static const struct {
			const char *text;
			int ok;
			double want;
		} cases[] = {{".5", 1, 0.5}, {"5.", 1, 5}, {"-0.25", 1, -0.25}, {"007", 1, 7},
			     {"123456789012345", 1, 123456789012345.0}, {"1234567890.12345", 1, 1234567890.12345},
			     {"", 0, 0}, {"-", 0, 0}, {".", 0, 0}, {"-.", 0, 0}, {"1.2.3", 0, 0}, {"1e5", 0, 0},
			     {"--1", 0, 0}, {"+1", 0, 0}, {" 1", 0, 0}, {"1 ", 0, 0}, {"1234567890123456", 0, 0},
			     {"99999999999999999999999", 0, 0}};
		int plain_bad = 0;
		double got;
		for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
			int ok = num_parse_plain(cases[k].text, strlen(cases[k].text), &got);
			plain_bad += ok != cases[k].ok || (ok && got != cases[k].want);
		}
		CHECK(plain_bad == 0, "num_parse_plain: %d of the plain-form cases wrong", plain_bad);
		CHECK(num_parse_plain("-0", 2, &got) && got == 0 && signbit(got), "num_parse_plain: -0 is negative zero");
	}
	/* num_parse's one-pass path against its general path: a leading blank
	 * (trimmed) sends the same text the general way. */
	int amount_bad = 0;
	for (int i = 0; i < 300000; i++) {
		static const char alphabet[] = "0123456789.-,9";
		char plain[32], padded[40];
		size_t n = 1 + next() % 22;
		int dec = (int)(next() % 3), ra, rb; /* NUM_AUTO, NUM_POINT, NUM_COMMA */
		int64_t a = 0, b = 0;
		for (size_t k = 0; k < n; k++)
			plain[k] = next() % 3 ? alphabet[next() % 10] : alphabet[next() % 14];
		plain[n] = '\0';
		snprintf(padded, sizeof padded, " %s", plain);
		ra = num_parse(plain, n, dec, &a);
		rb = num_parse(padded, n + 1, dec, &b);
		amount_bad += ra != rb || (ra == NUM_OK && a != b);
	}
	CHECK(amount_bad == 0, "num_parse's plain path differs from its general path %d times", amount_bad);
	CHECK(format_bad == 0, "num_format_fixed differs from printf %d times", format_bad);
	double v[1000], sorted[1000], cuts[RFM_MAXBINS];
	for (int round_ = 0; round_ < 200; round_++) {
		int n = 1 + (int)(next() % 1000), bins = 3 + (int)(next() % 8);
		for (int i = 0; i < n; i++)
			v[i] = sorted[i] = (double)(next() % (1 + next() % 50)); /* many ties */
		qsort(sorted, (size_t)n, sizeof *sorted, cmp);
		rfm_cuts(v, (size_t)n, bins, cuts);
		for (int c = 1; c < bins; c++)
			cuts_bad += cuts[c - 1] != sorted[(size_t)c * (size_t)n / (size_t)bins];
	}
	CHECK(cuts_bad == 0, "rfm_cuts by selection differs from sorting %d times", cuts_bad);
	/* Cached predictions equal direct ones, for every model, shared histories or
	 * not; and so do those of a cache that looks in a shared one first, filled
	 * on 2 threads with some of the histories (the ones a fit saw). */
	int kinds[] = {MODEL_BGNBD, MODEL_MBGNBD, MODEL_PNBD}, cache_bad = 0;
	for (int k = 0; k < 3; k++) {
		struct model m = {0};
		clv_cache *cache = clv_cache_new(NULL), *shared = clv_cache_new(NULL), *lane;
		btyd_data fitted;
		double p4[4] = {0.2426, 4.4136, 0.7929, 2.4259}, pn[4] = {0.5532, 10.5763, 0.6063, 11.6715};
		m.kind = kinds[k];
		m.unit = UNIT_WEEK;
		m.horizon = 52;
		m.discount = 0.1;
		m.has_spend = 1;
		m.spend.p[0] = 6.25, m.spend.p[1] = 3.74, m.spend.p[2] = 15.44;
		memcpy(m.tx.p, kinds[k] == MODEL_PNBD ? pn : p4, sizeof p4);
		btyd_init(&fitted);
		for (int x = 0; x < 4; x++) /* histories sharing (x, T): BG/NBD's curves per pair */
			for (int T = 38; T <= 40; T++)
				for (int q = 1; q <= (x ? 3 : 1); q++)
					btyd_add(&fitted, x, x ? T * q / 4.0 : 0, T, 1);
		clv_cache_fill(shared, &m, &fitted, 2);
		lane = clv_cache_new(shared);
		for (int i = 0; i < 3000; i++) {
			struct clv_customer c = {0};
			struct clv_result a, b, d;
			c.x = (double)(next() % 6);
			c.T = 40 - (double)(next() % 3);
			c.tx = c.x ? c.T * (double)(next() % 4) / 4 : 0;
			c.mean_value = 10 + (double)(next() % 50);
			c.margin_rate = 1;
			clv_predict(&m, &c, &a);
			clv_predict_cached(&m, cache, &c, &b);
			clv_predict_cached(&m, lane, &c, &d);
			cache_bad += memcmp(&a, &b, sizeof a) != 0;
			cache_bad += memcmp(&a, &d, sizeof a) != 0;
		}
		btyd_free(&fitted);
		clv_cache_free(cache);
		clv_cache_free(lane);
		clv_cache_free(shared);
	}
	CHECK(cache_bad == 0, "cached predictions differ %d times", cache_bad);
	num_format_fixed(-0.004, 2, mine, sizeof mine);
	CHECK(strcmp(mine, "0.00") == 0, "no negative zero: %s", mine);
}
