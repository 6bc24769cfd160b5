/* Amounts: what exports write, and the exact value each means. */
#include <string.h>

#include "io/num.h"
#include "check.h"

void test_num(void)
{
	static const struct {
		const char *text;
		int decimal, rc;
		int64_t v; /* in 1/10000 */
	} cases[] = {
		{"1234.56", NUM_AUTO, NUM_OK, 12345600},
		{"1,234.56", NUM_AUTO, NUM_OK, 12345600},
		{"1.234,56", NUM_AUTO, NUM_OK, 12345600},
		{"1 234,56", NUM_AUTO, NUM_OK, 12345600},
		{"1'234.56", NUM_AUTO, NUM_OK, 12345600},
		{"12,5", NUM_AUTO, NUM_OK, 125000},
		{"0,125", NUM_AUTO, NUM_OK, 1250},
		{"1,234", NUM_AUTO, NUM_AMBIGUOUS, 0},
		{"1,234", NUM_POINT, NUM_OK, 12340000},
		{"1,234", NUM_COMMA, NUM_OK, 12340},
		{"1.5", NUM_COMMA, NUM_INVALID, 0},
		{"1,234,567", NUM_AUTO, NUM_OK, INT64_C(12345670000)},
		{"1.234.567", NUM_AUTO, NUM_OK, INT64_C(12345670000)},
		{"1.234,56-", NUM_AUTO, NUM_OK, -12345600},
		{"-1.234,56", NUM_AUTO, NUM_OK, -12345600},
		{"(12.50)", NUM_AUTO, NUM_OK, -125000},
		{"\xE2\x82\xAC 12,50", NUM_AUTO, NUM_OK, 125000},
		{"12,50 \xE2\x82\xAC", NUM_AUTO, NUM_OK, 125000},
		{"\xC2\xA3" "3.39", NUM_AUTO, NUM_OK, 33900},
		{"$-5.00", NUM_AUTO, NUM_OK, -50000},
		{"EUR 7", NUM_AUTO, NUM_OK, 70000},
		{"0.00005", NUM_AUTO, NUM_OK, 1},
		{"0.00004", NUM_AUTO, NUM_OK, 0},
		{"2.55", NUM_AUTO, NUM_OK, 25500},
		{"-0", NUM_AUTO, NUM_OK, 0},
		{"", NUM_AUTO, NUM_INVALID, 0},
		{"-", NUM_AUTO, NUM_INVALID, 0},
		{"abc", NUM_AUTO, NUM_INVALID, 0},
		{"12a", NUM_AUTO, NUM_INVALID, 0},
		{"1e5", NUM_AUTO, NUM_OK, INT64_C(1000000000)},
		{"4.440892e-16", NUM_AUTO, NUM_OK, 0},
		{"-2.5E-1", NUM_AUTO, NUM_OK, -2500},
		{"1e5", NUM_COMMA, NUM_INVALID, 0},
		{"e5", NUM_AUTO, NUM_INVALID, 0},
		{"1e400", NUM_AUTO, NUM_INVALID, 0},
		{"--5", NUM_AUTO, NUM_INVALID, 0},
		{"1,23,4", NUM_AUTO, NUM_INVALID, 0},
		{"99999999999999999999", NUM_AUTO, NUM_RANGE, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t v = -1;
		int rc = num_parse(cases[i].text, strlen(cases[i].text), cases[i].decimal, &v);
		CHECK(rc == cases[i].rc, "num_parse('%s') returned %d, want %d", cases[i].text, rc, cases[i].rc);
		if (rc == NUM_OK && cases[i].rc == NUM_OK)
			CHECK(v == cases[i].v, "num_parse('%s') = %lld, want %lld", cases[i].text, (long long)v,
			      (long long)cases[i].v);
	}

	static const struct {
		int64_t v;
		const char *text;
	} formats[] = {{153000, "15.30"}, {1000000, "100.00"}, {1235, "0.1235"}, {-83000658140, "-8300065.814"},
		       {0, "0.00"}, {-5, "-0.0005"}};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		char buf[32];
		num_format(formats[i].v, buf);
		CHECK(strcmp(buf, formats[i].text) == 0, "num_format(%lld) = %s", (long long)formats[i].v, buf);
	}

	int64_t p;
	CHECK(num_mul(60000, 25500, &p) == NUM_OK && p == 153000, "6 x 2.55 = 15.30");
	CHECK(num_mul(-120000, 4200, &p) == NUM_OK && p == -50400, "-12 x 0.42 = -5.04");
	CHECK(num_mul(15000, 3333, &p) == NUM_OK && p == 5000, "1.5 x 0.3333 = 0.49995 rounds to 0.5");
	CHECK(num_decimal_hint("1.234,56", 8) == NUM_COMMA, "hint comma");
	CHECK(num_decimal_hint("12.5", 4) == NUM_POINT, "hint point");
	CHECK(num_decimal_hint("1,234", 5) == NUM_AUTO, "no hint");
	CHECK(num_decimal_hint("1.234.567", 9) == NUM_COMMA, "hint comma from thousands dots");
	CHECK(num_decimal_hint("12,50,00", 8) == NUM_AUTO, "no hint from a value that is no number under it");
	CHECK(num_decimal_hint("-12,50 EUR", 10) == NUM_COMMA, "hint comma with sign and currency");

	/* The currency a value names, as an ISO code. */
	static const struct {
		const char *text, *code;
		int rc;
		int64_t v;
	} money[] = {
		{"12,50 \xE2\x82\xAC", "EUR", NUM_OK, 125000},
		{"$-5.00", "USD", NUM_OK, -50000},
		{"CHF 1'250.00", "CHF", NUM_OK, 12500000},
		{"1.250,00 SEK", "SEK", NUM_OK, 12500000},
		{"\xC2\xA3" "3.39", "GBP", NUM_OK, 33900},
		{"12.50", "", NUM_OK, 125000},
		{"EUR 5 USD", "", NUM_INVALID, 0},       /* two currencies */
		{"12 Eur", "", NUM_INVALID, 0},          /* a code is three capitals */
		{"12 EURO", "", NUM_INVALID, 0},
	};
	for (size_t i = 0; i < sizeof money / sizeof money[0]; i++) {
		int64_t v = -1;
		char cur[4] = "x";
		int rc = num_parse_money(money[i].text, strlen(money[i].text), NUM_AUTO, &v, cur);
		CHECK(rc == money[i].rc, "num_parse_money('%s') returned %d, want %d", money[i].text, rc, money[i].rc);
		if (rc == NUM_OK)
			CHECK(v == money[i].v && strcmp(cur, money[i].code) == 0, "num_parse_money('%s') = %lld %s",
			      money[i].text, (long long)v, cur);
	}
	static const struct {
		const char *text, *code;
	} cells[] = {{"EUR", "EUR"}, {" eur ", "EUR"}, {"Euro", "EUR"}, {"\xE2\x82\xAC", "EUR"}, {"$", "USD"},
		     {"chf", "CHF"}, {"", NULL}, {"Euros", NULL}, {"E", NULL}, {"12", NULL}};
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		char code[4] = "";
		int rc = num_currency(cells[i].text, strlen(cells[i].text), code);
		if (cells[i].code)
			CHECK(rc == 0 && strcmp(code, cells[i].code) == 0, "num_currency('%s') = %d %s", cells[i].text, rc,
			      code);
		else
			CHECK(rc < 0, "num_currency('%s') took it as %s", cells[i].text, code);
	}
}
