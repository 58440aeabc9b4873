/*
 * proxy_check.h: is the user's proxy set the way the guide says, and if
 * not, what exactly is wrong and what should be written instead.
 *
 * The diagnosis findings "proxy.server" and "proxy.bypass" (issue 4) sit
 * on this module; it only analyses. It is pure and portable: the caller
 * reads ProxyEnable, ProxyServer and ProxyOverride (platform.h), passes
 * them as written, and turns what comes back into catalogue messages. No
 * text here is for users: everything is a stable enum (fixed numbers, and
 * a name function for JSON and logs), indexes and spans of the input.
 *
 * WinINet's rules are proxy_rules.h's; they are reused here, never
 * restated: which entry of ProxyServer a scheme uses and what host and
 * port it names (oqsdm_proxy_server_for), and whether a bypass entry
 * covers another one (oqsdm_proxy_wildcard_match).
 *
 * ---- proxy.server ----
 * The value means the expected server when, for https (the distribution
 * server is https) and for http, WinINet would use the expected host
 * (ASCII case-insensitive, one trailing dot ignored) and port. So
 * "http://proxy.base.oqs-pdl.org:8080", "PROXY.BASE.OQS-PDL.ORG:8080/",
 * "  proxy.base.oqs-pdl.org:8080 " and
 * "http=proxy.base.oqs-pdl.org:8080;https=proxy.base.oqs-pdl.org:8080"
 * are all right. A missing port means 80, as for WinINet, so the host
 * alone is a wrong port. The per-scheme form is judged https first: an
 * https entry that is missing (https goes direct) or goes elsewhere is
 * the fault; then the same for http (plain-http requests only; the
 * caller may rate those a warning). The corrected value is always the
 * plain "host:port" form of the expected server.
 *
 * ---- proxy.bypass ----
 * The written value is read twice. First as WinINet reads it: entries
 * split at ASCII ';' with spaces and tabs trimmed (an "entry" below, the
 * unit that works or not). Then as a person meant it: every entry is cut
 * into "items", one per intended bypass entry, and each item is judged:
 *  - separators: only an ASCII ';' (blanks around it, empty entries
 *    ";;" and a trailing ';' are fine) separates. An item whose WinINet
 *    entry holds more than the item carries OQSDM_PXB_F_SEPARATOR: items
 *    run together with nothing between them, or with only spaces, a comma
 *    (also U+3001), a full-width semicolon or a line break between them
 *    (both sides), and an item next to a line break, an ideographic space
 *    or a stray comma inside its entry (WinINet trims only spaces and
 *    tabs: "a;\r\nb" breaks b, not a). `sep` says what stands before each
 *    item, `end_sep` what follows the last. Run-together
 *    items are found where a "*." follows a letter or digit of a dotted
 *    item, and where an expected entry starts or ends inside a longer
 *    piece at a letter/digit boundary with a dotted rest on that side
 *    ("*.recepweb.base.oqs-pdl.org"); pieces are cut again until none
 *    cuts on its own, so a correction never reads differently. A piece
 *    broken by a stray space or comma inside ("*. onshikaku.org",
 *    "*.onshi kaku.org") is joined again instead (a stray character, not
 *    two items), when the joined text reads better: an expected entry, a
 *    near miss of one, or a dotted name where a piece alone was nothing.
 *    A '.' used as a separator ("*.rece.pweb.base.oqs-pdl.org") is not
 *    found: "x.*.y" is a valid pattern ("192.168.*.1"); such a value
 *    stays one extra, and the expected entries are added.
 *  - characters: full-width forms of ASCII (U+FF01..U+FF5E), the
 *    ideographic full stop and middle dot as '.', Unicode dashes and the
 *    long vowel mark as '-' (OQSDM_PXB_F_FULLWIDTH); quotes of any kind
 *    (OQSDM_PXB_F_QUOTES); anything else that cannot be in a host
 *    pattern, bytes that are not UTF-8, controls, other non-ASCII
 *    characters, a stray ':' or '/'-tail, "..", trailing dots, leading or
 *    trailing '-' (OQSDM_PXB_F_STRAY) are removed; a leading '.' gets the
 *    '*' it lost (OQSDM_PXB_F_NO_STAR). Host names in other scripts are
 *    therefore not kept: none belongs on these terminals. A CIDR range
 *    (unknown to WinINet) becomes its wildcard: "10.0.0.0/8" is "10.*".
 *  - what an item stands for, in order: an expected entry, ASCII
 *    case-insensitive (kind EXPECTED); "<local>" (LOCAL); "<-loopback>"
 *    (EXTRA), both also within 2 edits or with a '<' or '>' lost
 *    ("<locl>", "local>": OQSDM_PXB_F_MISSPELT); a pattern that matches
 *    every host, i.e. only '*' and '.' and matching "a.b.c" ("*", "*.*":
 *    MATCH_ALL, a warning, since then nothing goes to the proxy; named by
 *    match_all, and the expected entries count as COVERED by it); a
 *    misspelling (below: EXPECTED with
 *    OQSDM_PXB_F_MISSPELT); a valid entry that covers expected ones by
 *    WinINet's matching ("*.managedpki.ne.jp" covers
 *    "*.obn.managedpki.ne.jp": BROADER, not a fault); any other valid
 *    entry (EXTRA: kept, "192.168.220.1", "*.kenporen.com"); nothing
 *    usable (MALFORMED). "host:port", "scheme://host" and IPv6 literals
 *    are valid extras; when their host part is an expected entry that is
 *    not otherwise written, they stand for it (OQSDM_PXB_F_STRAY).
 *  - misspellings: an item is a misspelling of expected entry E only
 *    when E is not written correctly and not covered by another working
 *    entry (a near miss beside a correct E is a deliberate extra and is
 *    kept: "*.cybertrust.co.jp" beside "*.cybertrust.ne.jp"), and
 *      a) its optimal-string-alignment distance to E (edits and adjacent
 *         transpositions, ASCII case-insensitive) is at most 1 when E has
 *         up to 7 characters, else at most 2 ("*.onshikau.org",
 *         "*onshikaku.org", "*.obn.managedpk.ne.jp", "*.rec"), or
 *      b) it is E without its leading "*." ("onshikaku.org", "rece"), or
 *      c) it is E with another top-level domain: the same name once the
 *         last label (and a two-letter second level before a two-letter
 *         country code, "ne.jp") is dropped from both, within distance 1,
 *         the name keeping at least 4 characters ("*.onshikaku.com",
 *         "*.secomtrust.ne.jp", "*.cybertrust.jp"; never "*.rece").
 *    The nearest E wins; on a tie, one no other item stands for yet, then
 *    the first. "*.kenporen.com" resembles nothing and is an extra.
 *    A misspelling that still covers E ("*onshikaku.org") works, so E is
 *    COVERED; the item is still a fault and is replaced.
 * Each expected entry is then PRESENT (an item written exactly, working),
 * COVERED (a working item covers it), FAULTY (only items with faults
 * stand for it) or MISSING. Duplicates (same fix, ASCII case-insensitive)
 * are flagged OQSDM_PXB_F_DUPLICATE, which is not a fault.
 *
 * The corrected value: the expected entries in their given order and
 * spelling, then every EXTRA and BROADER item's fix in written order
 * (duplicates once), then "<local>" if an item stood for it; joined with
 * ";". MATCH_ALL and MALFORMED items are left out. It analyses as OK, and
 * correcting it again gives the same string (idempotent), as the fuzz
 * target checks.
 *
 * Limits: ProxyServer and ProxyOverride are refused (TOO_LONG) from
 * OQSDM_PXS_MAX_INPUT / OQSDM_PXB_MAX_INPUT bytes on, never read in part
 * (the platform's buffers hold one byte less); more than
 * OQSDM_PXB_MAX_ITEMS items is refused (TOO_MANY). The expected list is at
 * most OQSDM_PXB_MAX_EXPECTED entries of OQSDM_PXB_MAX_ENTRY - 1 bytes.
 * Any bytes are safe; the time is linear-ish in the input (a 4 KB value
 * takes milliseconds). The bypass result is about 60 KB: allocate it, do
 * not put it on a thread's stack; the analysis itself allocates some
 * 160 KB of scratch and frees it. Thread-safe (no state).
 */
#ifndef OQSDM_PROXY_CHECK_H
#define OQSDM_PROXY_CHECK_H

#include <stddef.h>

/* ------------------------------------------------------------ proxy.server */

#define OQSDM_PXS_MAX_INPUT 1024   /* ProxyServer: strlen must be below this */
#define OQSDM_PXS_HOST_MAX 256     /* host buffers, NUL included */

/* The verdict on ProxyEnable + ProxyServer; stable numbers and names. */
typedef enum oqsdm_pxs_status {
    OQSDM_PXS_OK = 0,              /* "ok" */
    OQSDM_PXS_DISABLED = 1,        /* "disabled": ProxyEnable is 0 (see value_status) */
    OQSDM_PXS_EMPTY = 2,           /* "empty": no server written */
    OQSDM_PXS_MALFORMED = 3,       /* "malformed": the entry is not host[:port] */
    OQSDM_PXS_WRONG_HOST = 4,      /* "wrong_host" */
    OQSDM_PXS_WRONG_PORT = 5,      /* "wrong_port": right host (a missing port is 80) */
    OQSDM_PXS_HTTPS_MISSING = 6,   /* "https_missing": per-scheme, no https=: https goes direct */
    OQSDM_PXS_HTTPS_ELSEWHERE = 7, /* "https_elsewhere": https= another server or port, or malformed */
    OQSDM_PXS_HTTP_MISSING = 8,    /* "http_missing": https right, no http= (plain http direct) */
    OQSDM_PXS_HTTP_ELSEWHERE = 9,  /* "http_elsewhere": https right, http= elsewhere or malformed */
    OQSDM_PXS_TOO_LONG = 10        /* "too_long": refused, OQSDM_PXS_MAX_INPUT bytes or more */
} oqsdm_pxs_status;

/* What one scheme's requests would use; stable numbers and names. */
typedef enum oqsdm_pxs_state {
    OQSDM_PXS_S_OK = 0,            /* "ok": the expected host and port */
    OQSDM_PXS_S_MISSING = 1,       /* "missing": no entry for the scheme (goes direct) */
    OQSDM_PXS_S_MALFORMED = 2,     /* "malformed" */
    OQSDM_PXS_S_WRONG_HOST = 3,    /* "wrong_host" */
    OQSDM_PXS_S_WRONG_PORT = 4     /* "wrong_port" */
} oqsdm_pxs_state;

typedef struct oqsdm_pxs_found {
    oqsdm_pxs_state state;
    char host[OQSDM_PXS_HOST_MAX]; /* as written (brackets stripped); "" if missing/malformed */
    int port;                      /* 1..65535 (80 when not written); 0 if missing/malformed */
} oqsdm_pxs_found;

typedef struct oqsdm_pxs_result {
    oqsdm_pxs_status status;       /* the verdict */
    oqsdm_pxs_status value_status; /* the value alone, as if enabled (never DISABLED) */
    int per_scheme;                /* 1: the "scheme=host:port;..." form */
    oqsdm_pxs_found https, http;   /* unset (state MISSING) when EMPTY or TOO_LONG */
    char expected_host[OQSDM_PXS_HOST_MAX];
    int expected_port;
    char corrected[OQSDM_PXS_HOST_MAX + 8]; /* the value to write: "host:port" ("[v6]:port") */
} oqsdm_pxs_result;

/* Analyses ProxyEnable (`enabled` != 0) and ProxyServer (`server`, NULL
 * reads as "") against `expected`, "host[:port]" (data file or INI
 * ExpectedProxy; a missing port is 80). Fills *out and returns 0; returns
 * -1 with *out zeroed when `expected` is not one host[:port]. */
int oqsdm_proxy_check_server(int enabled, const char *server, const char *expected,
                             oqsdm_pxs_result *out);

const char *oqsdm_pxs_status_name(oqsdm_pxs_status s);
const char *oqsdm_pxs_state_name(oqsdm_pxs_state s);

/* ------------------------------------------------------------ proxy.bypass */

#define OQSDM_PXB_MAX_INPUT 4096      /* ProxyOverride: strlen must be below this */
#define OQSDM_PXB_MAX_ITEMS 512
#define OQSDM_PXB_MAX_EXPECTED 32
#define OQSDM_PXB_MAX_ENTRY 256       /* an expected entry, NUL included */
#define OQSDM_PXB_EXPECTED_TEXT 2048  /* the expected list as passed, NUL included */

/* The verdict on ProxyOverride; stable numbers and names. */
typedef enum oqsdm_pxb_status {
    OQSDM_PXB_OK = 0,        /* "ok": every expected entry present or covered, no fault */
    OQSDM_PXB_FAIL = 1,      /* "fail": an expected entry is FAULTY or MISSING */
    OQSDM_PXB_FAULTS = 2,    /* "faults": every expected entry works, but items have faults,
                              * or stray characters stand between entries (a sep or end_sep
                              * that is not clean: harmless to WinINet, gone when corrected) */
    OQSDM_PXB_MATCH_ALL = 3, /* "match_all": every expected entry works, but a working item
                              * (match_all) matches every host: nothing goes to the proxy */
    OQSDM_PXB_TOO_LONG = 4,  /* "too_long": refused, OQSDM_PXB_MAX_INPUT bytes or more */
    OQSDM_PXB_TOO_MANY = 5   /* "too_many": refused, more than OQSDM_PXB_MAX_ITEMS items */
} oqsdm_pxb_status;

/* What an item is; stable numbers and names. */
typedef enum oqsdm_pxb_kind {
    OQSDM_PXB_K_EXPECTED = 0,  /* "expected": stands for expected[item.expected] */
    OQSDM_PXB_K_EXTRA = 1,     /* "extra": another valid entry, kept */
    OQSDM_PXB_K_BROADER = 2,   /* "broader": an extra that covers expected entries, kept */
    OQSDM_PXB_K_LOCAL = 3,     /* "local": <local>, kept last */
    OQSDM_PXB_K_MATCH_ALL = 4, /* "match_all": matches every host, left out of the correction */
    OQSDM_PXB_K_MALFORMED = 5  /* "malformed": nothing usable, left out of the correction */
} oqsdm_pxb_kind;

/* What stands between the previous item (or the start) and this one, or
 * after the last item (end_sep); stable numbers and names. */
typedef enum oqsdm_pxb_sep {
    OQSDM_PXB_SEP_CLEAN = 0,       /* "clean": a ';' with blanks, or only those at start/end */
    OQSDM_PXB_SEP_NONE = 1,        /* "none": run together */
    OQSDM_PXB_SEP_SPACE = 2,       /* "space": only blanks (also ideographic, no-break) */
    OQSDM_PXB_SEP_COMMA = 3,       /* "comma": a comma, no semicolon */
    OQSDM_PXB_SEP_FULLWIDTH = 4,   /* "fullwidth_semicolon": U+FF1B, no ASCII semicolon */
    OQSDM_PXB_SEP_LINE_BREAK = 5,  /* "line_break": CR or LF, with or without a ';' */
    OQSDM_PXB_SEP_OTHER = 6        /* "other": a ';' with stray separators beside it */
} oqsdm_pxb_sep;

/* Fault bits of an item (names: oqsdm_pxb_fault_name of one bit). */
#define OQSDM_PXB_F_SEPARATOR  0x01u  /* "separator": not separated by a plain ';' (see sep) */
#define OQSDM_PXB_F_FULLWIDTH  0x02u  /* "fullwidth": full-width or look-alike characters */
#define OQSDM_PXB_F_QUOTES     0x04u  /* "quotes" */
#define OQSDM_PXB_F_STRAY      0x08u  /* "stray": stray characters (or a scheme/port on an expected entry) */
#define OQSDM_PXB_F_NO_STAR    0x10u  /* "no_star": a leading '.' without its '*' */
#define OQSDM_PXB_F_MISSPELT   0x20u  /* "misspelt": a misspelling of the expected entry */
#define OQSDM_PXB_F_MALFORMED  0x40u  /* "malformed": nothing usable (kind MALFORMED) */
#define OQSDM_PXB_F_FAULTS     0x7Fu  /* all of the above: an item with none of them works */
#define OQSDM_PXB_F_DUPLICATE  0x100u /* "duplicate": same as an earlier item (not a fault) */

typedef struct oqsdm_pxb_item {
    oqsdm_pxb_kind kind;
    unsigned faults;           /* OQSDM_PXB_F_* */
    oqsdm_pxb_sep sep;         /* what stands before it */
    int expected;              /* EXPECTED: the expected entry it stands for; else -1 */
    int similar;               /* EXTRA/BROADER near an expected entry written elsewhere, or -1 */
    int entry;                 /* WinINet's entry: the number of ASCII ';' before it */
    size_t entry_off, entry_len; /* that entry in the input, trimmed as WinINet trims it */
    size_t off, len;           /* the item as written, in the input */
    size_t written_at, fix_at; /* in pool: use oqsdm_pxb_item_written / _fix */
} oqsdm_pxb_item;

/* Where an expected entry stands; stable numbers and names. */
typedef enum oqsdm_pxb_state {
    OQSDM_PXB_S_PRESENT = 0,   /* "present": written exactly, working (item) */
    OQSDM_PXB_S_COVERED = 1,   /* "covered": a working item covers it (item) */
    OQSDM_PXB_S_FAULTY = 2,    /* "faulty": only items with faults stand for it (faulty_item) */
    OQSDM_PXB_S_MISSING = 3    /* "missing" */
} oqsdm_pxb_state;

typedef struct oqsdm_pxb_expected {
    oqsdm_pxb_state state;
    int item;                  /* PRESENT, COVERED: the item that makes it work; else -1 */
    int faulty_item;           /* the first item with faults standing for it, or -1 */
    size_t text_at;            /* in etext: use oqsdm_pxb_expected_text */
} oqsdm_pxb_expected;

typedef struct oqsdm_pxb_result {
    oqsdm_pxb_status status;
    size_t nexpected;
    oqsdm_pxb_expected expected[OQSDM_PXB_MAX_EXPECTED];
    size_t nitems;             /* 0 when refused */
    oqsdm_pxb_item item[OQSDM_PXB_MAX_ITEMS];
    oqsdm_pxb_sep end_sep;     /* what stands after the last item */
    int match_all;             /* the first working MATCH_ALL item, or -1 */
    unsigned present, covered, faulty, missing;  /* expected entries per state */
    int corrected_ok;          /* 1: corrected is set (0 when refused, or when it would not fit) */
    char corrected[OQSDM_PXB_MAX_INPUT];
    char etext[OQSDM_PXB_EXPECTED_TEXT];
    char pool[2 * OQSDM_PXB_MAX_INPUT + 16 * OQSDM_PXB_MAX_ITEMS];
} oqsdm_pxb_result;

/* Analyses ProxyOverride (`override`, NULL reads as "") against the
 * expected entries, `expected` separated by ';' (blanks around them
 * ignored: the data file's "a; b; c" form). Fills *out and returns 0.
 * Returns -1 with *out zeroed when the expected list is empty, too long,
 * or holds an entry that is not a clean host pattern, "<local>" or
 * "<-loopback>" (its own analysis would find a fault), matches every
 * host, or holds a "*." right after a letter or digit (it would read as
 * two entries run together). Returns -2 with *out zeroed when memory
 * for the scratch space ran out. */
int oqsdm_proxy_check_bypass(const char *override, const char *expected, oqsdm_pxb_result *out);

/* The item as written (a NUL-terminated copy of its input bytes) and what
 * it should be ("" for MATCH_ALL and MALFORMED: left out). */
const char *oqsdm_pxb_item_written(const oqsdm_pxb_result *r, size_t i);
const char *oqsdm_pxb_item_fix(const oqsdm_pxb_result *r, size_t i);
/* Expected entry i as parsed from the list. */
const char *oqsdm_pxb_expected_text(const oqsdm_pxb_result *r, size_t i);

const char *oqsdm_pxb_status_name(oqsdm_pxb_status s);
const char *oqsdm_pxb_kind_name(oqsdm_pxb_kind k);
const char *oqsdm_pxb_sep_name(oqsdm_pxb_sep s);
const char *oqsdm_pxb_state_name(oqsdm_pxb_state s);
/* The name of one fault bit ("separator", ..., "duplicate"); "" otherwise. */
const char *oqsdm_pxb_fault_name(unsigned bit);

#endif
