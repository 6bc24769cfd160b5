/* check — the unit tests' one macro: count a check, print it when it fails. */
#ifndef CM_TEST_CHECK_H
#define CM_TEST_CHECK_H

#include <stdint.h>
#include <stdio.h>

extern int check_passed, check_failed;

#define CHECK(cond, ...)                                                   \
	do {                                                               \
		if (cond) {                                                \
			check_passed++;                                    \
		} else {                                                   \
			check_failed++;                                    \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);        \
			printf(__VA_ARGS__);                               \
			putchar('\n');                                     \
		}                                                          \
	} while (0)

/* The tests' random numbers: xorshift64, repeatable from the seed in *state. */
static inline unsigned check_rand(uint64_t *state, unsigned n)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return (unsigned)(*state % n);
}

void test_date(void);
void test_customer_range(void);
void test_customer_feed(void);
void test_num(void);
void test_encoding(void);
void test_csvio(void);
void test_split(void);
void test_column_roles(void);
void test_models(void);
void test_pnbd(void);
void test_bgnbd_small_ab(void);
void test_model_file_exact(void);
void test_sbg(void);
void test_fast(void);
void test_radix(void);
void test_spool(void);
void test_rules(void);
void test_customer(void);
void test_text_store(void);
void test_table_writer(void);
void test_money(void);

#endif
