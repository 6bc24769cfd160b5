/*
 * encoding — character sets: UTF-8 validation and Windows-1252 / Latin-1 to UTF-8.
 *
 * cm works in UTF-8 throughout; legacy exports are converted as they are read.
 */
#ifndef CM_ENCODING_H
#define CM_ENCODING_H

#include <stddef.h>

/* ENC_AUTO: UTF-8, or Windows-1252 when the text is not valid UTF-8 but is
 * valid Windows-1252 (table_reader decides). */
enum encoding { ENC_UTF8, ENC_CP1252, ENC_LATIN1, ENC_AUTO };

/* Parse "auto", "utf-8", "cp1252", "windows-1252", "latin1", "iso-8859-1"; -1 if unknown. */
int encoding_parse(const char *name);

/* Offset of the first byte that is not valid UTF-8, or n if all is valid. */
size_t encoding_utf8_check(const char *s, size_t n);
/* The length of the valid UTF-8 character at s[0..n) (1 to 4), or 0. */
size_t encoding_utf8_char(const char *s, size_t n);

/* 1 if every byte of s[0..n) is a character of Windows-1252 (none of the
 * five it leaves undefined, no NUL). */
int encoding_cp1252_check(const char *s, size_t n);

/* Convert n bytes to UTF-8, appending to *out (capacity *cap, grown as needed).
 * Returns the new length.  Bytes CP1252 leaves undefined map to U+FFFD. */
size_t encoding_to_utf8(int enc, const char *s, size_t n, char **out, size_t *cap);

#endif
