/*
 * channel_mix — where and what a customer bought: the sales channels and the
 * product categories of its lines, each with the customer's net revenue there.
 *
 * A customer's mix is a short array of entries, one per (kind, name), the
 * name known by its 64-bit hash; the table's name set turns a hash back into
 * the name.  A channel or category counts as bought in when a line of amount
 * >= 0 went through it; the main one is the bought-in one with the highest
 * net revenue (a tie: the name first in byte order), so neither the order of
 * the lines nor the number of reader threads changes it.  Memory grows with
 * the customers and the channels and categories each bought in.
 */
#ifndef CM_CHANNEL_MIX_H
#define CM_CHANNEL_MIX_H

#include <stddef.h>
#include <stdint.h>

enum mix_kind { MIX_CHANNEL, MIX_CATEGORY, MIX_KINDS }; /* a kind takes one bit of an entry's tag */

struct mix_entry {
	uint64_t tag;          /* the name's key | its kind | MIX_BOUGHT (a line of amount >= 0) */
	int64_t revenue;       /* net, units of 1/10,000 */
};

struct mix {                   /* zeroed: empty; or e may point at room for cap entries */
	struct mix_entry *e;
	uint32_t n, cap;
};

/* The names behind the hashes (a set per customer table). */
struct mix_names {
	uint64_t *keys;        /* open addressing; 0 stands for an empty slot (no key is 0) */
	char **names;
	size_t n, nslots;
	uint64_t last[MIX_KINDS];      /* the key mix_names_keys remembered last, per kind */
};

/* The key of a name: its hash with the two low bits 0 (they hold the kind and
 * MIX_BOUGHT in an entry), never 0. */
#define MIX_BOUGHT 2
uint64_t mix_key(const char *name, size_t n);
/* Remember a name (copied) under its key; a key known already is left. */
void mix_names_add(struct mix_names *s, uint64_t key, const char *name, size_t n);
/* The keys of a line's channel and category (name[k] NULL or empty: 0), each
 * name remembered; a run of lines through one channel is looked up once. */
void mix_names_keys(struct mix_names *s, const char *const name[MIX_KINDS], const size_t len[MIX_KINDS],
		    uint64_t key[MIX_KINDS]);
/* The name of a key, "" when unknown. */
const char *mix_names_get(const struct mix_names *s, uint64_t key);
void mix_names_merge(struct mix_names *into, const struct mix_names *from);
void mix_names_free(struct mix_names *s);

/* The memory of a mix is the caller's: before adding a (kind, key) the mix
 * does not have (mix_has), the caller makes room for one more entry (n < cap). */
int mix_has(const struct mix *m, int kind, uint64_t key);
/* A line's amount onto the customer's entry for (kind, key).  0, or -1 when
 * the entry's revenue would leave the range of amounts (nothing changed). */
int mix_add(struct mix *m, int kind, uint64_t key, int64_t amount);
/* Would mix_add of this amount fit? */
int mix_fits(const struct mix *m, int kind, uint64_t key, int64_t amount);

/* How many of a kind were bought in, and the main one's key (0: none). */
uint32_t mix_count(const struct mix *m, int kind, const struct mix_names *names, uint64_t *main_key);

#endif
