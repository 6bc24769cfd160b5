/* Money in the report: a whole-cent amount below 2^46 (70 trillion) shown
 * with two decimals is the amount, checked against integer arithmetic. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "io/num.h"
#include "report/report_data.h"

/* cents as text the integer way: -123456 -> "-1234.56" */
static void cents_text(int64_t cents, char *buf, size_t cap)
{
	uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	snprintf(buf, cap, "%s%" PRIu64 ".%02" PRIu64, cents < 0 ? "-" : "", a / 100, a % 100);
}

void test_money(void)
{
	uint64_t x = 88172645463325252ULL; /* xorshift64 */
	int bad = 0;
	char want[40], got[40];
	for (int i = 0; i < 2000000; i++) {
		int64_t cents;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		cents = (int64_t)(x % ((UINT64_C(1) << 46) * 100)); /* below 2^46 currency units */
		if (i % 2)
			cents = -cents;
		if (i < 1000) /* and the top of the range */
			cents = (int64_t)((UINT64_C(1) << 46) * 100) - 1 - i;
		cents_text(cents, want, sizeof want);
		snprintf(got, sizeof got, "%.2f", report_money(cents * (NUM_SCALE / 100)));
		bad += strcmp(want, got) != 0;
	}
	CHECK(bad == 0, "report_money shows %d of 2,000,000 whole-cent amounts below 2^46 off by a cent", bad);
}
