/*
 * date — calendar dates as day numbers (days since 1970-01-01).
 *
 * Accepted shapes, each optionally followed by a time of day (" 08:26",
 * "T14:06:53-05:00", " 2:30 PM"; the time is checked and then ignored, the
 * date is the one written, not converted to UTC):
 *   YYYY-MM-DD   YYYY/MM/DD   YYYYMMDD   DD.MM.YYYY   DD.MM.YY
 *   MM/DD/YYYY   DD/MM/YYYY   (and with two-digit years)
 * Two-digit years: 00-68 are 2000-2068, 69-99 are 1969-1999 (as POSIX %y).
 * A slash date is ambiguous until the order is known: date_parse returns
 * DATE_AMBIGUOUS for 03/04/2024 under DATE_SLASH_UNKNOWN, and date_slash_hint
 * tells from one value which order it proves, if any.
 */
#ifndef CM_DATE_H
#define CM_DATE_H

#include <stddef.h>
#include <stdint.h>

/* No date (an empty cell, an undefined first purchase). */
#define DAY_NONE INT32_MIN

enum date_slash { DATE_SLASH_UNKNOWN, DATE_SLASH_DMY, DATE_SLASH_MDY };
enum { DATE_OK = 0, DATE_INVALID = -1, DATE_AMBIGUOUS = -2 };

int date_parse(const char *s, size_t n, int slash, int32_t *day);
/* DATE_SLASH_DMY if the value can only be day-first, _MDY if only month-first, else UNKNOWN. */
int date_slash_hint(const char *s, size_t n);
/* --date-format names: iso, ymd, dmy, mdy, "dd.mm.yyyy", "mm/dd/yyyy", "dd/mm/yyyy",
 * "yyyymmdd"; returns the slash order they imply (UNKNOWN for shapes without
 * slashes), or -1 for a name not known. */
int date_format_parse(const char *name);
/* The calendar date of a day. */
void date_ymd(int32_t day, int *year, int *month, int *mday);
/* Write YYYY-MM-DD and a NUL into buf (11 bytes). */
void date_format(int32_t day, char *buf);
/* The text of days written before, for a writer that formats the same few
 * hundred days again and again: day d is kept at d mod DATE_MEMO.  The
 * caller owns it (14 KB) and calls date_memo_init first. */
#define DATE_MEMO 1024
struct date_memo {
	int32_t day[DATE_MEMO];
	char text[DATE_MEMO][10];
};
void date_memo_init(struct date_memo *m);
/* YYYY-MM-DD into buf (10 bytes, no NUL), through the memo. */
void date_format_memo(struct date_memo *m, int32_t day, char *buf);
int32_t date_from_ymd(int y, int m, int d);
/* 1 if y-m-d is a real calendar date. */
int date_valid(int y, int m, int d);

#endif
