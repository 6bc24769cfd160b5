/* Column recognition: German and English names, numbers, ambiguity. */
#include "customers/column_roles.h"
#include "check.h"

void test_column_roles(void)
{
	const char *de[] = {"Kunden-Nr", "Belegdatum", "Umsatz", "Deckungsbeitrag", "Belegnummer"};
	const char *uci[] = {"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
			     "UnitPrice", "CustomerID", "Country"};
	const char *dup[] = {"customer_id", "date", "Customer ID"};
	const char *given[ROLE_N] = {0};
	column_roles m;
	cm_error e;
	CHECK(column_roles_resolve(&m, given, de, 5, &e) == 0 && m.col[ROLE_ID] == 0 && m.col[ROLE_DATE] == 1 &&
		      m.col[ROLE_AMOUNT] == 2 && m.col[ROLE_MARGIN] == 3 && m.col[ROLE_ORDER] == 4,
	      "German export");
	CHECK(column_roles_resolve(&m, given, uci, 8, &e) == 0 && m.col[ROLE_ID] == 6 && m.col[ROLE_DATE] == 4 &&
		      m.col[ROLE_AMOUNT] == -1 && m.col[ROLE_QUANTITY] == 3 && m.col[ROLE_PRICE] == 5 &&
		      m.col[ROLE_ORDER] == 0,
	      "UCI online retail");
	CHECK(column_roles_resolve(&m, given, dup, 3, &e) < 0, "two columns named like a customer id");
	given[ROLE_ID] = "3";
	given[ROLE_AMOUNT] = "Umsatz";
	CHECK(column_roles_resolve(&m, given, de, 5, &e) == 0 && m.col[ROLE_ID] == 2 && m.col[ROLE_AMOUNT] == 2,
	      "a given number and name");
	given[ROLE_ID] = "Kundennummer";
	CHECK(column_roles_resolve(&m, given, de, 5, &e) < 0, "a given name that is not there");
}
