/*
 * column_roles — which input column plays which role (customer id, date, amount, ...).
 *
 * A role is given by name or 1-based number (--id 2, --date Belegdatum), or,
 * when not given, recognised from common English and German column names.
 * Names are compared without case, spaces, '-', '_' and '.', so "Kunden-Nr",
 * "kunden_nr" and "KundenNr" are one name.  A name that matches two columns is
 * an error, never a silent choice.
 *
 * When several columns could play a role, the known names are ranked: for the
 * amount a net one (Nettobetrag, net amount) before a plain one (Umsatz,
 * amount) before a gross one (Bruttobetrag, gross, Rechnungsbetrag); for the
 * date the document date (Belegdatum) before the posting date
 * (Buchungsdatum).  The best ranked is taken, and the others are kept in
 * also[] so the caller can say which were not taken.  Two columns of the same
 * rank are an error.
 */
#ifndef CM_COLUMN_ROLES_H
#define CM_COLUMN_ROLES_H

#include <stddef.h>

#include "base/err.h"

enum role { ROLE_ID, ROLE_DATE, ROLE_AMOUNT, ROLE_MARGIN, ROLE_QUANTITY, ROLE_PRICE,
	    ROLE_ORDER, ROLE_CHANNEL, ROLE_CATEGORY, ROLE_CURRENCY, ROLE_NAME, ROLE_N };

#define COLUMN_ROLES_ALSO 4

/* The column of each role, or -1 when absent. */
typedef struct column_roles {
	long col[ROLE_N];
	int guessed[ROLE_N];          /* recognised by name rather than given */
	long also[ROLE_N][COLUMN_ROLES_ALSO]; /* recognised too, but ranked lower (-1: none) */
} column_roles;

const char *column_roles_role_name(int role);
/* given[role] is the user's name or number, or NULL to recognise. */
int column_roles_resolve(column_roles *m, const char *const *given, const char *const *names, size_t ncols,
		   cm_error *e);
/* The column (0-based) a name or number refers to, -1 if none, -2 if ambiguous (message). */
long column_roles_find(const char *want, const char *const *names, size_t ncols, cm_error *e);

/* The column a role's known names recognise: as column_roles_find. */
long column_roles_recognise(int role, const char *const *names, size_t ncols, cm_error *e);

/* A column of another kind of table (a contract export): the given name or
 * number (-2 with a message when there is none), else the best ranked of the
 * known names, written normalised (lower case, letters and digits only);
 * also[]: the others that could have been it.  -1 when none is there, -2 when
 * two share the best rank (message: "name one with --WHAT"). */
long column_roles_pick(const char *given, const char *const *known_names, const char *what,
		       const char *const *names, size_t ncols, long also[COLUMN_ROLES_ALSO], cm_error *e);
/* Recognised column col for `what` with others that could have been it
 * (also[], -1 ended): a warning naming them (unless quiet), or with strict an
 * error (-1, message in e). */
int column_roles_say_also(const char *file, const char *what, const char *const *names, long col, const long *also,
			  int strict, int quiet, cm_error *e);

#endif
