/* Dates: day numbers checked against known intervals, shapes, impossible dates. */
#include <string.h>

#include "io/date.h"
#include "check.h"

static int32_t ymd(int y, int m, int d) { return date_from_ymd(y, m, d); }

void test_date(void)
{
	/* Day numbers: 1970-01-01 is day 0; 30 years hold 7 leap days (10957 days);
	 * CDNOW: 1997-01-01 to 1997-09-30 is 272 days (data README, T = 272/7). */
	CHECK(ymd(1970, 1, 1) == 0, "epoch");
	CHECK(ymd(2000, 1, 1) == 10957, "2000-01-01 is %d", ymd(2000, 1, 1));
	CHECK(ymd(1997, 9, 30) - ymd(1997, 1, 1) == 272, "CDNOW T");
	CHECK(ymd(1969, 12, 31) == -1, "before the epoch");
	CHECK(ymd(2024, 3, 1) - ymd(2024, 2, 28) == 2, "2024 is a leap year");
	CHECK(ymd(2100, 3, 1) - ymd(2100, 2, 28) == 1, "2100 is not");
	CHECK(ymd(2000, 3, 1) - ymd(2000, 2, 28) == 2, "2000 is");

	static const struct {
		const char *text;
		int slash, rc;
		int y, m, d;
	} cases[] = {
		{"2024-02-29", 0, DATE_OK, 2024, 2, 29},
		{"2023-02-29", 0, DATE_INVALID, 0, 0, 0},
		{"31.02.2024", 0, DATE_INVALID, 0, 0, 0},
		{"29.02.2024", 0, DATE_OK, 2024, 2, 29},
		{"01.12.24", 0, DATE_OK, 2024, 12, 1},
		{"01.12.69", 0, DATE_OK, 1969, 12, 1},
		{"19970101", 0, DATE_OK, 1997, 1, 1},
		{"19971301", 0, DATE_INVALID, 0, 0, 0},
		{"2010-12-01 08:26:00", 0, DATE_OK, 2010, 12, 1},
		{"2017-01-28 14:06:53-0500", 0, DATE_OK, 2017, 1, 28},
		{"2017-01-28T23:59:59Z", 0, DATE_OK, 2017, 1, 28},
		{"2017-01-28 25:00", 0, DATE_INVALID, 0, 0, 0},
		{"12/25/2023", 0, DATE_OK, 2023, 12, 25},
		{"25/12/2023", 0, DATE_OK, 2023, 12, 25},
		{"03/04/2023", DATE_SLASH_UNKNOWN, DATE_AMBIGUOUS, 0, 0, 0},
		{"03/04/2023", DATE_SLASH_DMY, DATE_OK, 2023, 4, 3},
		{"03/04/2023", DATE_SLASH_MDY, DATE_OK, 2023, 3, 4},
		{"04/04/2023", DATE_SLASH_UNKNOWN, DATE_OK, 2023, 4, 4},
		{"3/4/2023 2:30 PM", DATE_SLASH_MDY, DATE_OK, 2023, 3, 4},
		{"25/12/2023", DATE_SLASH_MDY, DATE_INVALID, 0, 0, 0},
		{"2023-1-5", 0, DATE_OK, 2023, 1, 5},
		{"", 0, DATE_INVALID, 0, 0, 0},
		{"yesterday", 0, DATE_INVALID, 0, 0, 0},
		{"2023-01-01x", 0, DATE_INVALID, 0, 0, 0},
		{"01-12-2023", 0, DATE_INVALID, 0, 0, 0},
		{"0000-01-01", 0, DATE_INVALID, 0, 0, 0},
		{" 2023-01-05 ", 0, DATE_OK, 2023, 1, 5},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int32_t day = -99999;
		int rc = date_parse(cases[i].text, strlen(cases[i].text), cases[i].slash, &day);
		CHECK(rc == cases[i].rc, "date_parse('%s') returned %d, want %d", cases[i].text, rc, cases[i].rc);
		if (rc == DATE_OK && cases[i].rc == DATE_OK)
			CHECK(day == ymd(cases[i].y, cases[i].m, cases[i].d), "date_parse('%s') day", cases[i].text);
	}

	char buf[11];
	date_format(ymd(1997, 9, 30), buf);
	CHECK(strcmp(buf, "1997-09-30") == 0, "format %s", buf);
	date_format(-1, buf);
	CHECK(strcmp(buf, "1969-12-31") == 0, "format %s", buf);
	CHECK(date_slash_hint("13/01/2024", 10) == DATE_SLASH_DMY, "hint dmy");
	CHECK(date_slash_hint("01/13/2024", 10) == DATE_SLASH_MDY, "hint mdy");
	CHECK(date_slash_hint("01/02/2024", 10) == DATE_SLASH_UNKNOWN, "no hint");
	CHECK(date_format_parse("mdy") == DATE_SLASH_MDY && date_format_parse("bogus") == -1, "names");
}
