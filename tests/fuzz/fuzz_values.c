/* Fuzz the value parsers: dates, amounts and currencies, with every option. */
#include <stdint.h>
#include <string.h>

#include "io/date.h"
#include "io/num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	int32_t day;
	int64_t v;
	char buf[32];
	for (int slash = 0; slash < 3; slash++)
		if (date_parse(s, size, slash, &day) == DATE_OK) {
			char iso[11];
			int32_t again;
			date_format(day, iso);
			if (date_parse(iso, 10, 0, &again) != DATE_OK || again != day)
				__builtin_trap(); /* a parsed date must print and parse back */
		}
	date_slash_hint(s, size);
	for (int dec = 0; dec < 3; dec++)
		if (num_parse(s, size, dec, &v) == NUM_OK) {
			int64_t back;
			num_format(v, buf);
			if (num_parse(buf, strlen(buf), NUM_POINT, &back) != NUM_OK || back != v)
				__builtin_trap(); /* a parsed amount must print and parse back */
		}
	num_decimal_hint(s, size);
	{
		char cur[4], code[4];
		int64_t plainv;
		if (num_parse_money(s, size, NUM_AUTO, &v, cur) == NUM_OK &&
		    (num_parse(s, size, NUM_AUTO, &plainv) != NUM_OK || plainv != v || strlen(cur) > 3))
			__builtin_trap(); /* the currency changes nothing about the amount */
		if (num_currency(s, size, code) == 0 && strlen(code) != 3)
			__builtin_trap(); /* a currency is a three-letter code */
	}
	return 0;
}
