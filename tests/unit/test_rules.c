/* A row's match remembered under its cells (rules.c) is the match found
 * afresh: one scratch kept over 60,000 random rows against a new scratch per
 * row, for rules on few values (remembered), on many (the memory fills and is
 * dropped), with long cells (not remembered) and with "any". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segments/rules.h"
#include "check.h"

#define NCOLS 4

struct row {
	char cell[NCOLS][400];
	size_t len[NCOLS];
};

static const char *get(size_t col, void *ctx, size_t *len)
{
	struct row *r = ctx;
	*len = r->len[col];
	return r->cell[col];
}

static unsigned rnd(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static void random_row(struct row *r, unsigned *s)
{
	static const char *const stage[] = {"new", "lost", "at_risk", "regular", ""};
	snprintf(r->cell[0], sizeof r->cell[0], "%u", rnd(s) % 6);                 /* a score, or 0 */
	snprintf(r->cell[1], sizeof r->cell[1], "%s", stage[rnd(s) % 5]);           /* text */
	snprintf(r->cell[2], sizeof r->cell[2], "%u.%02u", rnd(s) % 3000, rnd(s) % 100); /* many values */
	memset(r->cell[3], 'x', rnd(s) % 2 ? 300 : 3);                               /* long, or short */
	r->cell[3][rnd(s) % 2 ? 300 : 3] = '\0';
	for (int k = 0; k < NCOLS; k++)
		r->len[k] = strlen(r->cell[k]);
	/* cells holding a NUL, which the rules read up to it: "4" + "new\0" and
	 * "4\0new" + "" must not be remembered as one row */
	if (rnd(s) % 4 == 0)
		r->len[1]++;
	if (rnd(s) % 4 == 0 && r->len[1] == 0) {
		memcpy(r->cell[0] + r->len[0] + 1, "new", 4);
		r->len[0] += 4;
	}
}

static int mismatches(const char *text)
{
	static const char *const names[NCOLS] = {"score", "stage", "revenue", "note"};
	static const int numeric[NCOLS] = {1, 0, 1, 0};
	struct rules_schema schema = {NCOLS, names, numeric};
	cm_error e;
	rules *r = rules_parse(text, strlen(text), "test", &schema, 0, &e);
	rules_scratch *kept;
	unsigned seed = 7;
	int bad = 0;
	if (!r) {
		printf("rules: %s\n", e.msg);
		return -1;
	}
	kept = rules_scratch_new(r);
	for (int i = 0; i < 60000; i++) {
		struct row row;
		rules_scratch *fresh = rules_scratch_new(r);
		random_row(&row, &seed);
		bad += rules_match(r, kept, get, &row) != rules_match(r, fresh, get, &row);
		rules_scratch_free(fresh);
	}
	rules_scratch_free(kept);
	rules_free(r);
	return bad;
}

void test_rules(void)
{
	static const char few[] = "{\"rules\": ["
		"{\"segment\": \"a\", \"when\": {\"all\": [{\"column\": \"score\", \"op\": \">=\", \"value\": 4},"
		" {\"column\": \"stage\", \"op\": \"in\", \"value\": [\"new\", \"regular\"]}]}},"
		"{\"segment\": \"b\", \"when\": {\"any\": [{\"column\": \"score\", \"op\": \"between\", \"value\": [1, 2]},"
		" {\"column\": \"stage\", \"op\": \"=\", \"value\": \"lost\"}]}},"
		"{\"segment\": \"c\", \"when\": {\"column\": \"stage\", \"op\": \"!=\", \"value\": \"\"}}]}";
	static const char many[] = "{\"rules\": ["
		"{\"segment\": \"big\", \"when\": {\"all\": [{\"column\": \"revenue\", \"op\": \">\", \"value\": 1500},"
		" {\"column\": \"score\", \"op\": \"in\", \"value\": [3, 5]}]}},"
		"{\"segment\": \"rest\"}]}";
	static const char longcells[] = "{\"rules\": ["
		"{\"segment\": \"long\", \"when\": {\"all\": [{\"column\": \"note\", \"op\": \"=\", \"value\": \"xxx\"},"
		" {\"column\": \"score\", \"op\": \"<\", \"value\": 3}]}}]}";
	CHECK(mismatches(few) == 0, "rules on few values: remembered matches differ");
	CHECK(mismatches(many) == 0, "rules on many values: remembered matches differ");
	CHECK(mismatches(longcells) == 0, "rules on long cells: remembered matches differ");
}
