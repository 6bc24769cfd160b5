/* The unit tests: tables of inputs and independently known answers. */
#include "check.h"

int check_passed, check_failed;

int main(void)
{
	test_date();
	test_num();
	test_encoding();
	test_csvio();
	test_split();
	test_column_roles();
	test_models();
	test_pnbd();
	test_sbg();
	test_bgnbd_small_ab();
	test_model_file_exact();
	test_fast();
	test_radix();
	test_spool();
	test_rules();
	test_customer();
	test_customer_range();
	test_customer_feed();
	test_text_store();
	test_table_writer();
	test_money();
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed != 0;
}
