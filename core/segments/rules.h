/*
 * rules — ordered segment rules, first match wins; the format of both the
 * default RFM segments and the portfolio strategies, so users can print,
 * copy and change them.
 *
 *   {"rules": [
 *     {"segment": "champions", "strategy": "reward", "when":
 *        {"all": [{"column": "r_score", "op": ">=", "value": 5}, ...]}},
 *     {"segment": "other"}                      <- no "when": always matches
 *   ]}
 *
 * A condition is {"all": [...]}, {"any": [...]} or {"column": C, "op": O,
 * "value": V} with O one of = != < <= > >= in between ("in": V an array;
 * "between": V [low, high], both included).  Everything is checked against
 * the schema (the columns a row will have, and which are numeric) before any
 * row is read: an unknown column or operator, a number compared with text,
 * text with '<': the message names the file, the rule number and the reason.
 * With drop_unknown (the built-in defaults) a rule on an absent column is
 * left out instead, so that rules on clv apply only when cm-clv ran.  Also
 * refused: an empty "rules" array, a top-level key other than "rules" and
 * "comment", "between" with its low end above its high end, a name longer
 * than RULES_NAME_MAX bytes, not UTF-8 or with control characters, and
 * whatever jsonio_doc_parse refuses (text after the JSON, a key twice).
 * Loading takes time in proportion to the file.
 */
#ifndef CM_RULES_H
#define CM_RULES_H

#include <stddef.h>

#include "base/err.h"

/* Segment and strategy names: at most this many bytes of UTF-8 text. */
#define RULES_NAME_MAX 200
#define RULES_NAME_MAX_TEXT "200"

struct rules_schema {
	size_t n;
	const char *const *names;
	const int *numeric;   /* 1 numbers, 0 text, -1 unknown: typed by the value compared with */
};

typedef struct rules rules;
/* The cell of schema column col in the current row ("" when empty), its
 * length in *len, a NUL after it. */
typedef const char *(*rules_get)(size_t col, void *ctx, size_t *len);

rules *rules_parse(const char *text, size_t len, const char *name, const struct rules_schema *s,
		   int drop_unknown, cm_error *e);
rules *rules_load(const char *path, const struct rules_schema *s, cm_error *e);
/* Room for one row's cells read as numbers, each parsed once per row: one
 * for each thread matching rows (the rules themselves are only read). */
typedef struct rules_scratch rules_scratch;
rules_scratch *rules_scratch_new(const rules *r);
void rules_scratch_free(rules_scratch *s);
/* The first rule that matches, or -1. */
long rules_match(const rules *r, rules_scratch *s, rules_get get, void *ctx);
/* The number of rules; rule i's segment and strategy ("" when it has none). */
size_t rules_count(const rules *r);
const char *rules_segment(const rules *r, long i);
const char *rules_strategy(const rules *r, long i);
void rules_free(rules *r);

#endif
