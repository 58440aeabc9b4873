/* The proxy settings analysis (proxy.server, proxy.bypass), table-driven:
 * the guide's faults, the field's real values, and bypass-list mistakes. */
#include "check.h"
#include "oqsdm/proxy_check.h"
#include "oqsdm/proxy_rules.h"

#include <stdlib.h>
#include <string.h>

static const char *GUIDE_PROXY = "proxy.base.oqs-pdl.org:8080";
/* As the data file joins it (data.c): "; " */
static const char *GUIDE_BYPASS =
    "*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
    "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org";
/* What the correction writes: ";" */
#define FIXED \
    "*.onshikaku.org;*.flets-east.jp;*.flets-west.jp;*.lineauth.mnw;*.obn.managedpki.ne.jp;" \
    "*.cybertrust.ne.jp;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org"
static const char *const GUIDE_ENTRY[9] = {
    "*.onshikaku.org", "*.flets-east.jp", "*.flets-west.jp", "*.lineauth.mnw",
    "*.obn.managedpki.ne.jp", "*.cybertrust.ne.jp", "*.secomtrust.net", "*.rece",
    "pweb.base.oqs-pdl.org"};

static oqsdm_pxb_result *R, *R2;

/* ------------------------------------------------------------ proxy.server */

static void server_cases(void)
{
    static const struct {
        int enabled;
        const char *server;
        oqsdm_pxs_status status;
        oqsdm_pxs_state https, http;
        const char *host;   /* https host found */
        int port;
    } T[] = {
        /* right, in every form that means the same server */
        {1, "proxy.base.oqs-pdl.org:8080", OQSDM_PXS_OK, OQSDM_PXS_S_OK, OQSDM_PXS_S_OK, "proxy.base.oqs-pdl.org", 8080},
        {1, "http://proxy.base.oqs-pdl.org:8080", OQSDM_PXS_OK, OQSDM_PXS_S_OK, OQSDM_PXS_S_OK, "proxy.base.oqs-pdl.org", 8080},
        {1, "http://proxy.base.oqs-pdl.org:8080/", OQSDM_PXS_OK, OQSDM_PXS_S_OK, OQSDM_PXS_S_OK, "proxy.base.oqs-pdl.org", 8080},
        {1, "HTTP://PROXY.BASE.OQS-PDL.ORG:8080", OQSDM_PXS_OK, OQSDM_PXS_S_OK, OQSDM_PXS_S_OK, "PROXY.BASE.OQS-PDL.ORG", 8080},
        {1, "  proxy.base.oqs-pdl.org:8080  ", OQSDM_PXS_OK, OQSDM_PXS_S_OK, OQSDM_PXS_S_OK, "proxy.base.oqs-pdl.org", 8080},
        {1, "proxy.base.oqs-pdl.org.:8080", OQSDM_PXS_OK, OQSDM_PXS_S_OK, OQSDM_PXS_S_OK, "proxy.base.oqs-pdl.org.", 8080},
        {1, "proxy.base.oqs-pdl.org:08080", OQSDM_PXS_OK, OQSDM_PXS_S_OK, OQSDM_PXS_S_OK, "proxy.base.oqs-pdl.org", 8080},
        {1, "http=proxy.base.oqs-pdl.org:8080;https=proxy.base.oqs-pdl.org:8080", OQSDM_PXS_OK,
         OQSDM_PXS_S_OK, OQSDM_PXS_S_OK, "proxy.base.oqs-pdl.org", 8080},
        {1, "HTTPS=http://proxy.base.oqs-pdl.org:8080; HTTP=proxy.base.oqs-pdl.org:8080; ftp=x:21", OQSDM_PXS_OK,
         OQSDM_PXS_S_OK, OQSDM_PXS_S_OK, "proxy.base.oqs-pdl.org", 8080},
        /* the proxy off: still say what is written */
        {0, "proxy.base.oqs-pdl.org:8080", OQSDM_PXS_DISABLED, OQSDM_PXS_S_OK, OQSDM_PXS_S_OK, "proxy.base.oqs-pdl.org", 8080},
        {0, "", OQSDM_PXS_DISABLED, OQSDM_PXS_S_MISSING, OQSDM_PXS_S_MISSING, "", 0},
        /* empty */
        {1, "", OQSDM_PXS_EMPTY, OQSDM_PXS_S_MISSING, OQSDM_PXS_S_MISSING, "", 0},
        {1, NULL, OQSDM_PXS_EMPTY, OQSDM_PXS_S_MISSING, OQSDM_PXS_S_MISSING, "", 0},
        {1, "   ", OQSDM_PXS_EMPTY, OQSDM_PXS_S_MISSING, OQSDM_PXS_S_MISSING, "", 0},
        {1, ";;", OQSDM_PXS_EMPTY, OQSDM_PXS_S_MISSING, OQSDM_PXS_S_MISSING, "", 0},
        /* a missing port is 80, as for WinINet */
        {1, "proxy.base.oqs-pdl.org", OQSDM_PXS_WRONG_PORT, OQSDM_PXS_S_WRONG_PORT, OQSDM_PXS_S_WRONG_PORT, "proxy.base.oqs-pdl.org", 80},
        {1, "http://proxy.base.oqs-pdl.org/", OQSDM_PXS_WRONG_PORT, OQSDM_PXS_S_WRONG_PORT, OQSDM_PXS_S_WRONG_PORT, "proxy.base.oqs-pdl.org", 80},
        {1, "proxy.base.oqs-pdl.org:3128", OQSDM_PXS_WRONG_PORT, OQSDM_PXS_S_WRONG_PORT, OQSDM_PXS_S_WRONG_PORT, "proxy.base.oqs-pdl.org", 3128},
        {1, "proxy.base.oqs-pdl.org:8008", OQSDM_PXS_WRONG_PORT, OQSDM_PXS_S_WRONG_PORT, OQSDM_PXS_S_WRONG_PORT, "proxy.base.oqs-pdl.org", 8008},
        /* wrong host */
        {1, "proxy.base.oqs-pdl.com:8080", OQSDM_PXS_WRONG_HOST, OQSDM_PXS_S_WRONG_HOST, OQSDM_PXS_S_WRONG_HOST, "proxy.base.oqs-pdl.com", 8080},
        {1, "proxy.healthcare-on-demand.jp:8080", OQSDM_PXS_WRONG_HOST, OQSDM_PXS_S_WRONG_HOST, OQSDM_PXS_S_WRONG_HOST, "proxy.healthcare-on-demand.jp", 8080},
        {1, "192.168.220.1:8080", OQSDM_PXS_WRONG_HOST, OQSDM_PXS_S_WRONG_HOST, OQSDM_PXS_S_WRONG_HOST, "192.168.220.1", 8080},
        {1, "pweb.base.oqs-pdl.org:8080", OQSDM_PXS_WRONG_HOST, OQSDM_PXS_S_WRONG_HOST, OQSDM_PXS_S_WRONG_HOST, "pweb.base.oqs-pdl.org", 8080},
        {1, "[2001:db8::1]:8080", OQSDM_PXS_WRONG_HOST, OQSDM_PXS_S_WRONG_HOST, OQSDM_PXS_S_WRONG_HOST, "2001:db8::1", 8080},
        /* malformed */
        {1, "proxy.base.oqs-pdl.org:80800", OQSDM_PXS_MALFORMED, OQSDM_PXS_S_MALFORMED, OQSDM_PXS_S_MALFORMED, "", 0},
        {1, "proxy.base.oqs-pdl.org:", OQSDM_PXS_MALFORMED, OQSDM_PXS_S_MALFORMED, OQSDM_PXS_S_MALFORMED, "", 0},
        {1, "proxy base.oqs-pdl.org:8080", OQSDM_PXS_MALFORMED, OQSDM_PXS_S_MALFORMED, OQSDM_PXS_S_MALFORMED, "", 0},
        {1, "proxy.base.oqs-pdl.org\xef\xbc\x9a" "8080", OQSDM_PXS_MALFORMED, OQSDM_PXS_S_MALFORMED, OQSDM_PXS_S_MALFORMED, "", 0},
        {1, "\"proxy.base.oqs-pdl.org:8080\"", OQSDM_PXS_MALFORMED, OQSDM_PXS_S_MALFORMED, OQSDM_PXS_S_MALFORMED, "", 0},
        {1, "\xff\xfe", OQSDM_PXS_MALFORMED, OQSDM_PXS_S_MALFORMED, OQSDM_PXS_S_MALFORMED, "", 0},
        /* per scheme: https first */
        {1, "http=proxy.base.oqs-pdl.org:8080", OQSDM_PXS_HTTPS_MISSING, OQSDM_PXS_S_MISSING, OQSDM_PXS_S_OK, "", 0},
        {1, "socks=proxy.base.oqs-pdl.org:1080", OQSDM_PXS_HTTPS_MISSING, OQSDM_PXS_S_MISSING, OQSDM_PXS_S_MISSING, "", 0},
        /* an entry without "scheme=" serves https and http when they are not named */
        {1, "ftp=f.example:21;proxy.base.oqs-pdl.org:8080", OQSDM_PXS_OK, OQSDM_PXS_S_OK, OQSDM_PXS_S_OK,
         "proxy.base.oqs-pdl.org", 8080},
        {1, "socks=s.example:1080;proxy.other:3128", OQSDM_PXS_HTTPS_ELSEWHERE, OQSDM_PXS_S_WRONG_HOST,
         OQSDM_PXS_S_WRONG_HOST, "proxy.other", 3128},
        {1, "http=proxy.base.oqs-pdl.org:8080;https=proxy.other:3128", OQSDM_PXS_HTTPS_ELSEWHERE,
         OQSDM_PXS_S_WRONG_HOST, OQSDM_PXS_S_OK, "proxy.other", 3128},
        {1, "http=proxy.base.oqs-pdl.org:8080;https=proxy.base.oqs-pdl.org", OQSDM_PXS_HTTPS_ELSEWHERE,
         OQSDM_PXS_S_WRONG_PORT, OQSDM_PXS_S_OK, "proxy.base.oqs-pdl.org", 80},
        {1, "http=proxy.base.oqs-pdl.org:8080;https=proxy base", OQSDM_PXS_HTTPS_ELSEWHERE,
         OQSDM_PXS_S_MALFORMED, OQSDM_PXS_S_OK, "", 0},
        {1, "https=proxy.base.oqs-pdl.org:8080", OQSDM_PXS_HTTP_MISSING, OQSDM_PXS_S_OK, OQSDM_PXS_S_MISSING, "proxy.base.oqs-pdl.org", 8080},
        {1, "https=proxy.base.oqs-pdl.org:8080;http=proxy.other:8080", OQSDM_PXS_HTTP_ELSEWHERE,
         OQSDM_PXS_S_OK, OQSDM_PXS_S_WRONG_HOST, "proxy.base.oqs-pdl.org", 8080},
        {0, "http=proxy.base.oqs-pdl.org:8080", OQSDM_PXS_DISABLED, OQSDM_PXS_S_MISSING, OQSDM_PXS_S_OK, "", 0},
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        oqsdm_pxs_result r, again;
        int rc = oqsdm_proxy_check_server(T[i].enabled, T[i].server, GUIDE_PROXY, &r);
        CHECK_INT(rc, 0);
        if (r.status != T[i].status || r.https.state != T[i].https || r.http.state != T[i].http)
            fprintf(stderr, "server case %zu: \"%s\": %s (https %s, http %s)\n", i,
                    T[i].server ? T[i].server : "(null)", oqsdm_pxs_status_name(r.status),
                    oqsdm_pxs_state_name(r.https.state), oqsdm_pxs_state_name(r.http.state));
        CHECK_INT(r.status, T[i].status);
        CHECK_INT(r.https.state, T[i].https);
        CHECK_INT(r.http.state, T[i].http);
        CHECK_STR(r.https.host, T[i].host);
        CHECK_INT(r.https.port, T[i].port);
        CHECK(r.value_status != OQSDM_PXS_DISABLED);
        if (T[i].enabled)
            CHECK_INT(r.value_status, r.status);
        CHECK_STR(r.corrected, "proxy.base.oqs-pdl.org:8080");
        CHECK_STR(r.expected_host, "proxy.base.oqs-pdl.org");
        CHECK_INT(r.expected_port, 8080);
        CHECK_INT(oqsdm_proxy_check_server(1, r.corrected, GUIDE_PROXY, &again), 0);
        CHECK_INT(again.status, OQSDM_PXS_OK);
    }

    /* disabled keeps the value's own verdict for the message */
    oqsdm_pxs_result r;
    CHECK_INT(oqsdm_proxy_check_server(0, "proxy.base.oqs-pdl.org", GUIDE_PROXY, &r), 0);
    CHECK_INT(r.status, OQSDM_PXS_DISABLED);
    CHECK_INT(r.value_status, OQSDM_PXS_WRONG_PORT);
    CHECK_INT(r.per_scheme, 0);
    CHECK_INT(oqsdm_proxy_check_server(1, "http=a:1;https=b:2", GUIDE_PROXY, &r), 0);
    CHECK_INT(r.per_scheme, 1);
    CHECK_STR(r.http.host, "a");
    CHECK_INT(r.http.port, 1);

    /* the expected value: a missing port is 80 too; IPv6 is bracketed */
    CHECK_INT(oqsdm_proxy_check_server(1, "proxy.example:80", "http://proxy.example", &r), 0);
    CHECK_INT(r.status, OQSDM_PXS_OK);
    CHECK_STR(r.corrected, "proxy.example:80");
    CHECK_INT(oqsdm_proxy_check_server(1, "[2001:db8::1]:3128", "[2001:db8::1]:3128", &r), 0);
    CHECK_INT(r.status, OQSDM_PXS_OK);
    CHECK_STR(r.corrected, "[2001:db8::1]:3128");
    /* an unusable expected value is the caller's error */
    static const char *const BAD_EXPECTED[] = {"", "   ", "proxy base:8080", "proxy:0", "h=p:1", "a:1;b:2", NULL};
    for (size_t i = 0; i < sizeof BAD_EXPECTED / sizeof BAD_EXPECTED[0]; i++) {
        memset(&r, 0x5A, sizeof r);
        CHECK_INT(oqsdm_proxy_check_server(1, "proxy.base.oqs-pdl.org:8080", BAD_EXPECTED[i], &r), -1);
        CHECK_INT(r.status, 0);
        CHECK_STR(r.corrected, "");
    }

    /* bounded: refused from OQSDM_PXS_MAX_INPUT bytes on, never read in part */
    char *big = malloc(OQSDM_PXS_MAX_INPUT + 1);
    memset(big, 'a', OQSDM_PXS_MAX_INPUT);
    big[OQSDM_PXS_MAX_INPUT] = '\0';
    CHECK_INT(oqsdm_proxy_check_server(1, big, GUIDE_PROXY, &r), 0);
    CHECK_INT(r.status, OQSDM_PXS_TOO_LONG);
    CHECK_INT(r.https.state, OQSDM_PXS_S_MISSING);
    big[OQSDM_PXS_MAX_INPUT - 1] = '\0';
    CHECK_INT(oqsdm_proxy_check_server(1, big, GUIDE_PROXY, &r), 0);
    CHECK_INT(r.status, OQSDM_PXS_MALFORMED);
    free(big);
}

/* ------------------------------------------------------------ proxy.bypass */

/* The guide's list ("; ") with entry i replaced by `with`. */
static const char *guide_with(int i, const char *with)
{
    static char buf[2048];
    size_t n = 0;
    buf[0] = '\0';
    for (int k = 0; k < 9; k++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", k ? "; " : "", k == i ? with : GUIDE_ENTRY[k]);
    return buf;
}

static int find_item(const oqsdm_pxb_result *r, const char *written)
{
    for (size_t i = 0; i < r->nitems; i++)
        if (strcmp(oqsdm_pxb_item_written(r, i), written) == 0)
            return (int)i;
    return -1;
}

static void dump(const char *in, const oqsdm_pxb_result *r)
{
    fprintf(stderr, "  input \"%s\": %s\n", in, oqsdm_pxb_status_name(r->status));
    for (size_t i = 0; i < r->nitems; i++) {
        const oqsdm_pxb_item *it = &r->item[i];
        fprintf(stderr, "    item %zu \"%s\" -> \"%s\" %s sep=%s faults=0x%x expected=%d\n", i,
                oqsdm_pxb_item_written(r, i), oqsdm_pxb_item_fix(r, i), oqsdm_pxb_kind_name(it->kind),
                oqsdm_pxb_sep_name(it->sep), it->faults, it->expected);
    }
    fprintf(stderr, "    corrected \"%s\"\n", r->corrected);
}

/* What holds for every analysis: the correction analyses as OK, is
 * stable, holds every expected entry, and proxy_rules bypasses a host
 * of each entry in it. */
static void properties(const char *in, const char *expected)
{
    if (!R->corrected_ok)
        return;
    char fixed[OQSDM_PXB_MAX_INPUT];
    snprintf(fixed, sizeof fixed, "%s", R->corrected);
    CHECK_INT(oqsdm_proxy_check_bypass(fixed, expected, R2), 0);
    if (R2->status != OQSDM_PXB_OK || strcmp(R2->corrected, fixed) != 0) {
        fprintf(stderr, "  correcting \"%s\" again:\n", in);
        dump(fixed, R2);
    }
    CHECK_INT(R2->status, OQSDM_PXB_OK);
    CHECK_STR(R2->corrected, fixed);
    for (size_t e = 0; e < R2->nexpected; e++) {
        CHECK_INT(R2->expected[e].state, OQSDM_PXB_S_PRESENT);
        const char *t = oqsdm_pxb_expected_text(R2, e);
        if (t[0] == '<') continue;
        char host[300];
        size_t o = 0;
        for (const char *p = t; *p && o + 2 < sizeof host; p++)
            host[o++] = *p == '*' ? 'x' : *p;
        host[o] = '\0';
        CHECK_INT(oqsdm_proxy_bypassed(fixed, "https", host, NULL, 0), 1);
    }
}

static const oqsdm_pxb_result *analyse(const char *in)
{
    int rc = oqsdm_proxy_check_bypass(in, GUIDE_BYPASS, R);
    CHECK_INT(rc, 0);
    properties(in, GUIDE_BYPASS);
    return R;
}

#define F_SEP OQSDM_PXB_F_SEPARATOR
#define F_FW OQSDM_PXB_F_FULLWIDTH
#define F_QUO OQSDM_PXB_F_QUOTES
#define F_STR OQSDM_PXB_F_STRAY
#define F_STAR OQSDM_PXB_F_NO_STAR
#define F_MIS OQSDM_PXB_F_MISSPELT
#define F_MAL OQSDM_PXB_F_MALFORMED

/* One entry of the guide's list written wrong, the others right. */
static void mutation_cases(void)
{
    static const struct {
        int entry;              /* which of the guide's nine */
        const char *with;       /* written instead */
        oqsdm_pxb_status status;
        oqsdm_pxb_state state;  /* of that expected entry */
        unsigned faults;        /* of the item written (F_FAULTS bits, exactly) */
        oqsdm_pxb_sep sep;      /* before it */
    } T[] = {
        /* misspellings: edits, transpositions, dropped dot or star */
        {0, "*.onshikau.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku.or", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onsihkaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku.ogr", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikakku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikakuorg", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku.com", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku.net", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku.or.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, "onshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, ".onshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STAR, OQSDM_PXB_SEP_CLEAN},
        /* a dropped dot that still covers every host: works, still a fault */
        {0, "*onshikaku.org", OQSDM_PXB_FAULTS, OQSDM_PXB_S_COVERED, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, "*.ONSHIKAKU.ORG", OQSDM_PXB_OK, OQSDM_PXB_S_PRESENT, 0, OQSDM_PXB_SEP_CLEAN},
        {1, "*.flets-est.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {1, "*.flets_east.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {1, "*.flets.east.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {1, "*.flet-east.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {1, "*.flets-east.ne.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {2, "*.flets-wset.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {2, "*.flets-west.co.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        /* east is written: the nearer missing one is west */
        {2, "*.flets-wast.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {3, "*.lineauth.nmw", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {3, "*.lineauth.mn", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {3, "*.line-auth.mnw", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {3, "*.lineauth.net", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {3, "*.lineauth.mnw.", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {4, "*.obn.managedpk.ne.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {4, "*.obm.managedpki.ne.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {4, "*.obn.managedpki.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {4, "obn.managedpki.ne.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {4, "*.obn.managedpki.ne.jp.", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        /* broader entries cover it: not a fault */
        {4, "*.managedpki.ne.jp", OQSDM_PXB_OK, OQSDM_PXB_S_COVERED, 0, OQSDM_PXB_SEP_CLEAN},
        {4, "*.ne.jp", OQSDM_PXB_OK, OQSDM_PXB_S_COVERED, 0, OQSDM_PXB_SEP_CLEAN},
        {5, "*.cybertrust.co.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {5, "*.cybertrst.ne.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {5, "*.cybertrust.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {5, "*.cybertrust\xef\xbc\x8ene\xef\xbc\x8ejp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_FW, OQSDM_PXB_SEP_CLEAN},
        {6, "*.secomtrust.com", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {6, "*.secomtrust.ne.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {6, "*.secomtrusts.net", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {6, "*.secomtrust.nte", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {7, "*.rec", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {7, "*.recce", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {7, "rece", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {7, ".rece", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STAR, OQSDM_PXB_SEP_CLEAN},
        {7, "*.\xef\xbd\x92\xef\xbd\x85\xef\xbd\x83\xef\xbd\x85", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_FW, OQSDM_PXB_SEP_CLEAN},
        {8, "pweb.base.oqs-pdl.com", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {8, "pweb.base.oqs_pdl.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {8, "pweb.base.oqspdl.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {8, "pwb.base.oqs-pdl.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {8, "*.pweb.base.oqs-pdl.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_MIS, OQSDM_PXB_SEP_CLEAN},
        {8, "pweb.base.oqs-pdl.org/", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {8, "https://pweb.base.oqs-pdl.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {8, "https://pweb.base.oqs-pdl.org/", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {8, "pweb.base.oqs-pdl.org:443", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {8, "*.oqs-pdl.org", OQSDM_PXB_OK, OQSDM_PXB_S_COVERED, 0, OQSDM_PXB_SEP_CLEAN},
        /* stray characters */
        {0, "\"*.onshikaku.org\"", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_QUO, OQSDM_PXB_SEP_CLEAN},
        {0, "'*.onshikaku.org'", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_QUO, OQSDM_PXB_SEP_CLEAN},
        {0, "\xe2\x80\x9c*.onshikaku.org\xe2\x80\x9d", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_QUO, OQSDM_PXB_SEP_CLEAN},
        {0, "\xe3\x80\x8c*.onshikaku.org\xe3\x80\x8d", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_QUO, OQSDM_PXB_SEP_CLEAN},
        {0, "\xef\xbc\x8a\xef\xbc\x8eonshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_FW, OQSDM_PXB_SEP_CLEAN},
        {0, "\xef\xbc\x8a.\xef\xbd\x8f\xef\xbd\x8e\xef\xbd\x93\xef\xbd\x88\xef\xbd\x89\xef\xbd\x8b\xef\xbd\x81\xef\xbd\x8b\xef\xbd\x95.org",
         OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_FW, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku.org.", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku.org\xe3\x80\x82", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_FW | F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku.org:", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, ":*.onshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku:org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR | F_MIS, OQSDM_PXB_SEP_CLEAN},
        {0, "#*.onshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku.org\\", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "(*.onshikaku.org)", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "*..onshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "-*.onshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "\xff*.onshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku.org\x7f", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshi\xe2\x80\x8bkaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "*\xe3\x83\xbbonshikaku\xe3\x83\xbborg", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_FW, OQSDM_PXB_SEP_CLEAN},
        {0, "\xe3\x83\xbb*.onshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_FW | F_STAR | F_MIS, OQSDM_PXB_SEP_CLEAN},
        {1, "*.flets\xe2\x88\x92" "east.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_FW, OQSDM_PXB_SEP_CLEAN},
        {1, "*.flets\xe3\x83\xbc" "east.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_FW, OQSDM_PXB_SEP_CLEAN},
        /* a stray blank or comma inside one entry is joined again */
        {0, "*. onshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshi kaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "*.onshikaku .org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {0, "*,onshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR | F_MIS, OQSDM_PXB_SEP_CLEAN},
        {7, "* .rece", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        {1, "*.flets- east.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_STR, OQSDM_PXB_SEP_CLEAN},
        /* an ideographic space is not trimmed by WinINet, after a "; " or at the start */
        {1, "\xe3\x80\x80*.flets-east.jp", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_SEP, OQSDM_PXB_SEP_OTHER},
        {0, "\xe3\x80\x80*.onshikaku.org", OQSDM_PXB_FAIL, OQSDM_PXB_S_FAULTY, F_SEP, OQSDM_PXB_SEP_SPACE},
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        const char *in = guide_with(T[i].entry, T[i].with);
        const oqsdm_pxb_result *r = analyse(in);
        /* the item as written: the replacement without its own edge blanks */
        const char *w = T[i].with;
        if (strncmp(w, "\xe3\x80\x80", 3) == 0) w += 3;
        int it = find_item(r, w);
        int bad = r->status != T[i].status || it < 0 ||
                  r->expected[T[i].entry].state != T[i].state ||
                  (r->item[it].faults & OQSDM_PXB_F_FAULTS) != T[i].faults || r->item[it].sep != T[i].sep;
        if (bad) {
            fprintf(stderr, "mutation case %zu: \"%s\"\n", i, T[i].with);
            dump(in, r);
        }
        CHECK_INT(r->status, T[i].status);
        CHECK_INT(r->expected[T[i].entry].state, T[i].state);
        CHECK(it >= 0);
        if (it < 0) continue;
        const oqsdm_pxb_item *x = &r->item[it];
        CHECK_INT(x->faults & OQSDM_PXB_F_FAULTS, T[i].faults);
        CHECK_INT(x->sep, T[i].sep);
        if (T[i].state == OQSDM_PXB_S_COVERED && T[i].faults == 0) {
            /* a broader entry: kept as it is, after the expected ones */
            CHECK_INT(x->kind, OQSDM_PXB_K_BROADER);
            CHECK_INT(r->expected[T[i].entry].item, it);
            char want[1024];
            snprintf(want, sizeof want, "%s;%s", FIXED, T[i].with);
            CHECK_STR(r->corrected, want);
        } else {
            /* the detail names what it should be */
            CHECK_INT(x->kind, OQSDM_PXB_K_EXPECTED);
            CHECK_INT(x->expected, T[i].entry);
            CHECK_STR(oqsdm_pxb_item_fix(r, (size_t)it), GUIDE_ENTRY[T[i].entry]);
            if (T[i].state == OQSDM_PXB_S_FAULTY)
                CHECK_INT(r->expected[T[i].entry].faulty_item, it);
            CHECK_STR(r->corrected, FIXED);
        }
        /* the others are untouched */
        for (int e = 0; e < 9; e++)
            if (e != T[i].entry)
                CHECK_INT(r->expected[e].state, OQSDM_PXB_S_PRESENT);
    }
}

/* Whole values: separators, extras, the field's values, warnings. */
static void list_cases(void)
{
    static const struct {
        const char *in;
        oqsdm_pxb_status status;
        const char *item;        /* an item to look at (as written), or NULL */
        oqsdm_pxb_kind kind;
        unsigned faults;         /* its F_FAULTS bits, exactly */
        oqsdm_pxb_sep sep;
        const char *fix;
        const char *corrected;   /* NULL: not checked */
    } T[] = {
        /* the guide's own forms */
        {"*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org",
         OQSDM_PXB_OK, "*.rece", OQSDM_PXB_K_EXPECTED, 0, OQSDM_PXB_SEP_CLEAN, "*.rece", FIXED},
        {FIXED, OQSDM_PXB_OK, "pweb.base.oqs-pdl.org", OQSDM_PXB_K_EXPECTED, 0, OQSDM_PXB_SEP_CLEAN,
         "pweb.base.oqs-pdl.org", FIXED},
        {" " FIXED " ;", OQSDM_PXB_OK, NULL, 0, 0, 0, NULL, FIXED},
        {";;" FIXED ";;", OQSDM_PXB_OK, NULL, 0, 0, 0, NULL, FIXED},
        {"\t*.onshikaku.org;\t*.flets-east.jp ;*.flets-west.jp  ;  *.lineauth.mnw;*.obn.managedpki.ne.jp;"
         "*.cybertrust.ne.jp;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org",
         OQSDM_PXB_OK, "*.flets-east.jp", OQSDM_PXB_K_EXPECTED, 0, OQSDM_PXB_SEP_CLEAN, "*.flets-east.jp", FIXED},
        /* order and letter case do not matter; the correction uses the guide's */
        {"pweb.base.oqs-pdl.org;*.rece;*.secomtrust.net;*.cybertrust.ne.jp;*.obn.managedpki.ne.jp;"
         "*.lineauth.mnw;*.flets-west.jp;*.flets-east.jp;*.onshikaku.org",
         OQSDM_PXB_OK, NULL, 0, 0, 0, NULL, FIXED},
        {"*.ONSHIKAKU.ORG;*.Flets-East.JP;*.FLETS-WEST.JP;*.LineAuth.MNW;*.OBN.ManagedPKI.ne.jp;"
         "*.CyberTrust.ne.jp;*.SecomTrust.net;*.RECE;PWEB.BASE.OQS-PDL.ORG",
         OQSDM_PXB_OK, NULL, 0, 0, 0, NULL, FIXED},
        /* duplicates are fine and written once */
        {FIXED ";*.rece;*.RECE", OQSDM_PXB_OK, NULL, 0, 0, 0, NULL, FIXED},
        /* the guide's known faults: an entry missing, a semicolon missing */
        {"*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.rece; pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, NULL, 0, 0, 0, NULL, FIXED},
        {"*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "pweb.base.oqs-pdl.org", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_SPACE,
         "pweb.base.oqs-pdl.org", FIXED},
        {"*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.rece", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_CLEAN, "*.rece", FIXED},
        {"*.onshikaku.org*.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.flets-east.jp", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_NONE, "*.flets-east.jp", FIXED},
        {"*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.recepweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "pweb.base.oqs-pdl.org", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_NONE,
         "pweb.base.oqs-pdl.org", FIXED},
        {"*.onshikaku.org*.flets-east.jp*.flets-west.jp*.lineauth.mnw*.obn.managedpki.ne.jp"
         "*.cybertrust.ne.jp*.secomtrust.net*.recepweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.secomtrust.net", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_NONE, "*.secomtrust.net", FIXED},
        /* other separators */
        {"*.onshikaku.org *.flets-east.jp *.flets-west.jp *.lineauth.mnw *.obn.managedpki.ne.jp "
         "*.cybertrust.ne.jp *.secomtrust.net *.rece pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.lineauth.mnw", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_SPACE, "*.lineauth.mnw", FIXED},
        {"*.onshikaku.org,*.flets-east.jp,*.flets-west.jp,*.lineauth.mnw,*.obn.managedpki.ne.jp,"
         "*.cybertrust.ne.jp,*.secomtrust.net,*.rece,pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.lineauth.mnw", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_COMMA, "*.lineauth.mnw", FIXED},
        {"*.onshikaku.org, *.flets-east.jp, *.flets-west.jp, *.lineauth.mnw, *.obn.managedpki.ne.jp, "
         "*.cybertrust.ne.jp, *.secomtrust.net, *.rece, pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.rece", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_COMMA, "*.rece", FIXED},
        {"*.onshikaku.org\xef\xbc\x9b*.flets-east.jp\xef\xbc\x9b*.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.flets-west.jp", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_FULLWIDTH, "*.flets-west.jp", FIXED},
        {"*.onshikaku.org\xef\xbc\x9b *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.onshikaku.org", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_CLEAN, "*.onshikaku.org", FIXED},
        {"*.onshikaku.org\xe3\x80\x81*.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.flets-east.jp", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_COMMA, "*.flets-east.jp", FIXED},
        {"*.onshikaku.org\r\n*.flets-east.jp\r\n*.flets-west.jp\r\n*.lineauth.mnw\r\n*.obn.managedpki.ne.jp\r\n"
         "*.cybertrust.ne.jp\r\n*.secomtrust.net\r\n*.rece\r\npweb.base.oqs-pdl.org\r\n",
         OQSDM_PXB_FAIL, "*.rece", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_LINE_BREAK, "*.rece", FIXED},
        {"*.onshikaku.org\n*.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.flets-east.jp", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_LINE_BREAK, "*.flets-east.jp", FIXED},
        /* a line break after a ';': only the entry it starts is broken */
        {"*.onshikaku.org;\r\n*.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.onshikaku.org", OQSDM_PXB_K_EXPECTED, 0, OQSDM_PXB_SEP_CLEAN, "*.onshikaku.org", FIXED},
        {"*.onshikaku.org;\r\n*.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.flets-east.jp", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_LINE_BREAK, "*.flets-east.jp", FIXED},
        {"*.onshikaku.org;*.flets-east.jp\t*.flets-west.jp;*.lineauth.mnw;*.obn.managedpki.ne.jp;"
         "*.cybertrust.ne.jp;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.flets-west.jp", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_SPACE, "*.flets-west.jp", FIXED},
        {"*.onshikaku.org;*.flets-east.jp\xe3\x80\x80*.flets-west.jp;*.lineauth.mnw;*.obn.managedpki.ne.jp;"
         "*.cybertrust.ne.jp;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.flets-west.jp", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_SPACE, "*.flets-west.jp", FIXED},
        /* <local> is fine, kept last; <-loopback> is an extra */
        {"<local>;" FIXED, OQSDM_PXB_OK, "<local>", OQSDM_PXB_K_LOCAL, 0, OQSDM_PXB_SEP_CLEAN, "<local>", FIXED ";<local>"},
        {FIXED ";<LOCAL>", OQSDM_PXB_OK, "<LOCAL>", OQSDM_PXB_K_LOCAL, 0, OQSDM_PXB_SEP_CLEAN, "<local>", FIXED ";<local>"},
        {FIXED ";<-loopback>", OQSDM_PXB_OK, "<-loopback>", OQSDM_PXB_K_EXTRA, 0, OQSDM_PXB_SEP_CLEAN, "<-loopback>",
         FIXED ";<-loopback>"},
        {FIXED ";<locl>", OQSDM_PXB_FAULTS, "<locl>", OQSDM_PXB_K_LOCAL, F_MIS, OQSDM_PXB_SEP_CLEAN, "<local>", FIXED ";<local>"},
        {FIXED ";local>", OQSDM_PXB_FAULTS, "local>", OQSDM_PXB_K_LOCAL, F_MIS, OQSDM_PXB_SEP_CLEAN, "<local>", FIXED ";<local>"},
        {FIXED ";<local", OQSDM_PXB_FAULTS, "<local", OQSDM_PXB_K_LOCAL, F_MIS, OQSDM_PXB_SEP_CLEAN, "<local>", FIXED ";<local>"},
        {FIXED ";< local >", OQSDM_PXB_FAULTS, "< local >", OQSDM_PXB_K_LOCAL, F_STR, OQSDM_PXB_SEP_CLEAN, "<local>", FIXED ";<local>"},
        {FIXED ";\xef\xbc\x9clocal\xef\xbc\x9e", OQSDM_PXB_FAULTS, "\xef\xbc\x9clocal\xef\xbc\x9e", OQSDM_PXB_K_LOCAL, F_FW,
         OQSDM_PXB_SEP_CLEAN, "<local>", FIXED ";<local>"},
        {FIXED "<local>", OQSDM_PXB_FAIL, "<local>", OQSDM_PXB_K_LOCAL, F_SEP, OQSDM_PXB_SEP_NONE, "<local>", FIXED ";<local>"},
        {FIXED ";<loop>", OQSDM_PXB_FAULTS, "<loop>", OQSDM_PXB_K_MALFORMED, F_MAL, OQSDM_PXB_SEP_CLEAN, "", FIXED},
        /* extras are fine and kept, as written */
        {FIXED ";192.168.220.1;*.kenporen.com;<local>", OQSDM_PXB_OK, "*.kenporen.com", OQSDM_PXB_K_EXTRA, 0,
         OQSDM_PXB_SEP_CLEAN, "*.kenporen.com", FIXED ";192.168.220.1;*.kenporen.com;<local>"},
        {"<local>; 192.168.220.1; " FIXED "; *.kenporen.com", OQSDM_PXB_OK, "192.168.220.1", OQSDM_PXB_K_EXTRA, 0,
         OQSDM_PXB_SEP_CLEAN, "192.168.220.1", FIXED ";192.168.220.1;*.kenporen.com;<local>"},
        {FIXED ";localhost;127.0.0.1;10.*;*.local;rececomp;www.odvpn", OQSDM_PXB_OK, "rececomp", OQSDM_PXB_K_EXTRA, 0,
         OQSDM_PXB_SEP_CLEAN, "rececomp", FIXED ";localhost;127.0.0.1;10.*;*.local;rececomp;www.odvpn"},
        /* near an expected entry that is also written: a deliberate extra */
        {FIXED ";*.cybertrust.co.jp", OQSDM_PXB_OK, "*.cybertrust.co.jp", OQSDM_PXB_K_EXTRA, 0, OQSDM_PXB_SEP_CLEAN,
         "*.cybertrust.co.jp", FIXED ";*.cybertrust.co.jp"},
        {FIXED ";*.onshikau.org", OQSDM_PXB_OK, "*.onshikau.org", OQSDM_PXB_K_EXTRA, 0, OQSDM_PXB_SEP_CLEAN,
         "*.onshikau.org", FIXED ";*.onshikau.org"},
        {FIXED ";hweb.oqs.onshikaku.org;*.oqs-st.onshikaku.org", OQSDM_PXB_OK, "*.oqs-st.onshikaku.org", OQSDM_PXB_K_EXTRA, 0,
         OQSDM_PXB_SEP_CLEAN, "*.oqs-st.onshikaku.org", FIXED ";hweb.oqs.onshikaku.org;*.oqs-st.onshikaku.org"},
        {FIXED ";http://*.kenporen.com;192.168.220.1:8080;[fe80::1]", OQSDM_PXB_OK, "192.168.220.1:8080", OQSDM_PXB_K_EXTRA, 0,
         OQSDM_PXB_SEP_CLEAN, "192.168.220.1:8080", FIXED ";http://*.kenporen.com;192.168.220.1:8080;[fe80::1]"},
        /* faulty extras: fixed and kept; the expected entries work */
        {FIXED ";\"192.168.220.1\"", OQSDM_PXB_FAULTS, "\"192.168.220.1\"", OQSDM_PXB_K_EXTRA, F_QUO, OQSDM_PXB_SEP_CLEAN,
         "192.168.220.1", FIXED ";192.168.220.1"},
        {FIXED ";192.168.220.1 *.kenporen.com", OQSDM_PXB_FAULTS, "*.kenporen.com", OQSDM_PXB_K_EXTRA, F_SEP,
         OQSDM_PXB_SEP_SPACE, "*.kenporen.com", FIXED ";192.168.220.1;*.kenporen.com"},
        {FIXED ";192.168.220.1*.kenporen.com", OQSDM_PXB_FAULTS, "*.kenporen.com", OQSDM_PXB_K_EXTRA, F_SEP,
         OQSDM_PXB_SEP_NONE, "*.kenporen.com", FIXED ";192.168.220.1;*.kenporen.com"},
        {FIXED ";10.0.0.0/8;192.168.220.0/24", OQSDM_PXB_FAULTS, "192.168.220.0/24", OQSDM_PXB_K_EXTRA, F_STR,
         OQSDM_PXB_SEP_CLEAN, "192.168.220.*", FIXED ";10.*;192.168.220.*"},
        {FIXED ";.kenporen.com", OQSDM_PXB_FAULTS, ".kenporen.com", OQSDM_PXB_K_EXTRA, F_STAR, OQSDM_PXB_SEP_CLEAN,
         "*.kenporen.com", FIXED ";*.kenporen.com"},
        {FIXED ";\xef\xbc\x91\xef\xbc\x99\xef\xbc\x92.168.220.1", OQSDM_PXB_FAULTS, "\xef\xbc\x91\xef\xbc\x99\xef\xbc\x92.168.220.1",
         OQSDM_PXB_K_EXTRA, F_FW, OQSDM_PXB_SEP_CLEAN, "192.168.220.1", FIXED ";192.168.220.1"},
        {FIXED ";\xff\xfe", OQSDM_PXB_FAULTS, "\xff\xfe", OQSDM_PXB_K_MALFORMED, F_MAL | F_STR, OQSDM_PXB_SEP_CLEAN, "", FIXED},
        {FIXED ";\"\"", OQSDM_PXB_FAULTS, "\"\"", OQSDM_PXB_K_MALFORMED, F_MAL | F_QUO, OQSDM_PXB_SEP_CLEAN, "", FIXED},
        {FIXED ";\r\n", OQSDM_PXB_FAULTS, NULL, 0, 0, 0, NULL, FIXED},
        {FIXED ",", OQSDM_PXB_FAIL, "pweb.base.oqs-pdl.org", OQSDM_PXB_K_EXPECTED, F_SEP, OQSDM_PXB_SEP_CLEAN,
         "pweb.base.oqs-pdl.org", FIXED},
        /* everything bypasses the proxy: a warning, with the entry named */
        {"*", OQSDM_PXB_MATCH_ALL, "*", OQSDM_PXB_K_MATCH_ALL, 0, OQSDM_PXB_SEP_CLEAN, "", FIXED},
        {FIXED ";*", OQSDM_PXB_MATCH_ALL, "*", OQSDM_PXB_K_MATCH_ALL, 0, OQSDM_PXB_SEP_CLEAN, "", FIXED},
        {FIXED ";*.*;<local>", OQSDM_PXB_MATCH_ALL, "*.*", OQSDM_PXB_K_MATCH_ALL, 0, OQSDM_PXB_SEP_CLEAN, "", FIXED ";<local>"},
        {FIXED ";**", OQSDM_PXB_MATCH_ALL, "**", OQSDM_PXB_K_MATCH_ALL, 0, OQSDM_PXB_SEP_CLEAN, "", FIXED},
        {FIXED ";\"*\"", OQSDM_PXB_FAULTS, "\"*\"", OQSDM_PXB_K_MATCH_ALL, F_QUO, OQSDM_PXB_SEP_CLEAN, "", FIXED},
        {FIXED ";*.", OQSDM_PXB_FAULTS, "*.", OQSDM_PXB_K_MATCH_ALL, F_STR, OQSDM_PXB_SEP_CLEAN, "", FIXED},
        /* nothing written */
        {"", OQSDM_PXB_FAIL, NULL, 0, 0, 0, NULL, FIXED},
        {"   ", OQSDM_PXB_FAIL, NULL, 0, 0, 0, NULL, FIXED},
        {"<local>", OQSDM_PXB_FAIL, "<local>", OQSDM_PXB_K_LOCAL, 0, OQSDM_PXB_SEP_CLEAN, "<local>", FIXED ";<local>"},
        {"192.168.220.1", OQSDM_PXB_FAIL, "192.168.220.1", OQSDM_PXB_K_EXTRA, 0, OQSDM_PXB_SEP_CLEAN, "192.168.220.1",
         FIXED ";192.168.220.1"},
        /* a broad entry covers several: fine */
        {"*.jp;*.onshikaku.org;*.lineauth.mnw;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org", OQSDM_PXB_OK, "*.jp",
         OQSDM_PXB_K_BROADER, 0, OQSDM_PXB_SEP_CLEAN, "*.jp", FIXED ";*.jp"},
        /* the field (DOMAIN.md; a vendor's public kitting script, ONSCheck.ps1) */
        {FIXED ";192.168.220.1", OQSDM_PXB_OK, "192.168.220.1", OQSDM_PXB_K_EXTRA, 0, OQSDM_PXB_SEP_CLEAN, "192.168.220.1",
         FIXED ";192.168.220.1"},
        {FIXED ";www.odvpn", OQSDM_PXB_OK, "www.odvpn", OQSDM_PXB_K_EXTRA, 0, OQSDM_PXB_SEP_CLEAN, "www.odvpn",
         FIXED ";www.odvpn"},
        {FIXED ";192.168.220.1;*.kenporen.com", OQSDM_PXB_OK, NULL, 0, 0, 0, NULL, FIXED ";192.168.220.1;*.kenporen.com"},
        {"*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org; 192.168.220.1; *.kenporen.com; <local>",
         OQSDM_PXB_OK, "<local>", OQSDM_PXB_K_LOCAL, 0, OQSDM_PXB_SEP_CLEAN, "<local>",
         FIXED ";192.168.220.1;*.kenporen.com;<local>"},
        /* many faults at once */
        {"192.168.220.1;*.kenporen.com;<local>;*.onshikau.org;*.obn.managedpk.ne.jp;.flets-east.jp;*flets-west.jp;"
         "*.lineauth.mn;*.cybertrust.co.jp;*.secomtrust.com;*.recepweb.base.oqs-pdl.org",
         OQSDM_PXB_FAIL, "*.cybertrust.co.jp", OQSDM_PXB_K_EXPECTED, F_MIS, OQSDM_PXB_SEP_CLEAN, "*.cybertrust.ne.jp",
         FIXED ";192.168.220.1;*.kenporen.com;<local>"},
        {"\"*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org\"",
         OQSDM_PXB_FAIL, "\"*.onshikaku.org", OQSDM_PXB_K_EXPECTED, F_QUO, OQSDM_PXB_SEP_CLEAN, "*.onshikaku.org", FIXED},
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        const oqsdm_pxb_result *r = analyse(T[i].in);
        int it = T[i].item ? find_item(r, T[i].item) : -1;
        int bad = r->status != T[i].status || (T[i].item && it < 0) ||
                  (it >= 0 && (r->item[it].kind != T[i].kind ||
                               (r->item[it].faults & OQSDM_PXB_F_FAULTS) != T[i].faults ||
                               r->item[it].sep != T[i].sep)) ||
                  (T[i].corrected && strcmp(r->corrected, T[i].corrected) != 0);
        if (bad) {
            fprintf(stderr, "list case %zu:\n", i);
            dump(T[i].in, r);
        }
        CHECK_INT(r->status, T[i].status);
        if (T[i].corrected) {
            CHECK_INT(r->corrected_ok, 1);
            CHECK_STR(r->corrected, T[i].corrected);
        }
        if (!T[i].item)
            continue;
        CHECK(it >= 0);
        if (it < 0)
            continue;
        CHECK_INT(r->item[it].kind, T[i].kind);
        CHECK_INT(r->item[it].faults & OQSDM_PXB_F_FAULTS, T[i].faults);
        CHECK_INT(r->item[it].sep, T[i].sep);
        CHECK_STR(oqsdm_pxb_item_fix(r, (size_t)it), T[i].fix);
        if (T[i].kind == OQSDM_PXB_K_MATCH_ALL && T[i].faults == 0)
            CHECK_INT(r->match_all, it);
    }
}

/* What the caller builds its detail from, on the guide's two faults. */
static void detail_cases(void)
{
    const char *in = "*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; "
                     "*.cybertrust.ne.jp; *.secomtrust.net; *.rece pweb.base.oqs-pdl.org";
    const oqsdm_pxb_result *r = analyse(in);
    CHECK_INT(r->status, OQSDM_PXB_FAIL);
    CHECK_INT(r->nexpected, 9);
    CHECK_INT(r->present, 6);
    CHECK_INT(r->missing, 1);
    CHECK_INT(r->faulty, 2);
    CHECK_INT(r->covered, 0);
    CHECK_INT(r->expected[4].state, OQSDM_PXB_S_MISSING);
    CHECK_STR(oqsdm_pxb_expected_text(r, 4), "*.obn.managedpki.ne.jp");
    CHECK_INT(r->expected[7].state, OQSDM_PXB_S_FAULTY);
    CHECK_INT(r->expected[8].state, OQSDM_PXB_S_FAULTY);
    int a = r->expected[7].faulty_item, b = r->expected[8].faulty_item;
    CHECK(a >= 0 && b == a + 1);
    if (a < 0 || b != a + 1)
        return;
    /* both items name the one WinINet entry they share */
    CHECK_INT(r->item[a].entry, r->item[b].entry);
    CHECK_INT(r->item[a].entry, 6);
    CHECK_INT(r->item[a].entry_off, r->item[b].entry_off);
    CHECK_INT(r->item[a].entry_len, strlen("*.rece pweb.base.oqs-pdl.org"));
    CHECK(memcmp(in + r->item[a].entry_off, "*.rece pweb.base.oqs-pdl.org", r->item[a].entry_len) == 0);
    CHECK_INT(r->item[b].off, strlen(in) - strlen("pweb.base.oqs-pdl.org"));
    CHECK_INT(r->item[b].len, strlen("pweb.base.oqs-pdl.org"));
    CHECK_STR(r->corrected, FIXED);

    /* a misspelling next to its own correct entry stays, named as similar */
    r = analyse(FIXED ";*.flets-wast.jp");
    int s = find_item(r, "*.flets-wast.jp");
    CHECK(s >= 0);
    if (s >= 0) {
        CHECK_INT(r->item[s].kind, OQSDM_PXB_K_EXTRA);
        CHECK(r->item[s].similar == 1 || r->item[s].similar == 2);
    }
    /* a broader entry names what it covers */
    r = analyse("*.onshikaku.org;*.flets-east.jp;*.flets-west.jp;*.lineauth.mnw;*.managedpki.ne.jp;"
                "*.cybertrust.ne.jp;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org");
    CHECK_INT(r->status, OQSDM_PXB_OK);
    CHECK_INT(r->expected[4].state, OQSDM_PXB_S_COVERED);
    CHECK_INT(r->expected[4].item, 4);
    CHECK_INT(r->item[4].kind, OQSDM_PXB_K_BROADER);
    CHECK_INT(r->covered, 1);
    /* a match-all entry: named; every expected entry counts as covered */
    r = analyse("*.rece; *");
    CHECK_INT(r->status, OQSDM_PXB_MATCH_ALL);
    CHECK_INT(r->match_all, 1);
    CHECK_INT(r->present, 1);
    CHECK_INT(r->covered, 8);
    /* two typos of one entry: both stand for it */
    r = analyse("*.onshikau.org; *.onshikaku.or");
    CHECK_INT(r->item[0].expected, 0);
    CHECK_INT(r->item[1].expected, 0);
    CHECK(r->item[1].faults & OQSDM_PXB_F_DUPLICATE);
    /* duplicates are not faults */
    r = analyse(FIXED ";*.rece");
    CHECK_INT(r->status, OQSDM_PXB_OK);
    CHECK_INT(r->item[9].faults, OQSDM_PXB_F_DUPLICATE);
}

/* Other expected lists, limits, refusals. */
static void limit_cases(void)
{
    /* the expected entries are a parameter */
    CHECK_INT(oqsdm_proxy_check_bypass("*.example.com;intranet", "*.example.com; intranet; <local>", R), 0);
    CHECK_INT(R->status, OQSDM_PXB_FAIL);
    CHECK_INT(R->nexpected, 3);
    CHECK_INT(R->expected[2].state, OQSDM_PXB_S_MISSING);
    CHECK_STR(R->corrected, "*.example.com;intranet;<local>");
    properties("*.example.com;intranet", "*.example.com; intranet; <local>");
    CHECK_INT(oqsdm_proxy_check_bypass("<locl>;intranet;*.example.com", "*.example.com; intranet; <local>", R), 0);
    CHECK_INT(R->item[0].kind, OQSDM_PXB_K_EXPECTED);
    CHECK_INT(R->item[0].expected, 2);
    CHECK_STR(R->corrected, "*.example.com;intranet;<local>");
    /* found by fuzz_proxy_check: a piece cut off a run-together entry must
     * not cut again when its correction is read ("host.other40" did) */
    CHECK_INT(oqsdm_proxy_check_bypass("host.other4040", "a.example; 40", R), 0);
    CHECK_STR(R->corrected, "a.example;40;host.other");
    properties("host.other4040", "a.example; 40");
    /* repeated expected entries count once */
    CHECK_INT(oqsdm_proxy_check_bypass("a.example", "a.example; A.EXAMPLE; a.example", R), 0);
    CHECK_INT(R->nexpected, 1);
    CHECK_INT(R->status, OQSDM_PXB_OK);
    /* an expected list that is unusable is the caller's error */
    static const char *const BAD[] = {
        NULL, "", " ; ;", "*", "*.*", "a b", "\"*.rece\"", ".rece", "*.rece.", "a..b", "x.org*.rece", "http://x",
        "x:80", "\xef\xbc\x8a.rece", "<loop>"};
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        memset(R, 0x5A, sizeof *R);
        int rc = oqsdm_proxy_check_bypass(FIXED, BAD[i], R);
        if (rc != -1)
            fprintf(stderr, "bad expected list %zu accepted\n", i);
        CHECK_INT(rc, -1);
        CHECK_INT(R->nexpected, 0);
        CHECK_INT(R->nitems, 0);
    }
    char many[4096];
    size_t n = 0;
    for (int i = 0; i < 33; i++)
        n += (size_t)snprintf(many + n, sizeof many - n, "h%d.example;", i);
    CHECK_INT(oqsdm_proxy_check_bypass(FIXED, many, R), -1);
    char *long_entry = malloc(300);
    memset(long_entry, 'a', 299);
    long_entry[299] = '\0';
    CHECK_INT(oqsdm_proxy_check_bypass(FIXED, long_entry, R), -1);
    free(long_entry);

    /* NULL ProxyOverride reads as "" */
    CHECK_INT(oqsdm_proxy_check_bypass(NULL, GUIDE_BYPASS, R), 0);
    CHECK_INT(R->status, OQSDM_PXB_FAIL);
    CHECK_INT(R->missing, 9);

    /* too long: refused from OQSDM_PXB_MAX_INPUT bytes on */
    char *big = malloc(OQSDM_PXB_MAX_INPUT + 1);
    memset(big, ';', OQSDM_PXB_MAX_INPUT);
    memcpy(big, FIXED, strlen(FIXED));
    big[OQSDM_PXB_MAX_INPUT] = '\0';
    CHECK_INT(oqsdm_proxy_check_bypass(big, GUIDE_BYPASS, R), 0);
    CHECK_INT(R->status, OQSDM_PXB_TOO_LONG);
    CHECK_INT(R->nitems, 0);
    CHECK_INT(R->corrected_ok, 0);
    CHECK_INT(R->nexpected, 9);
    big[OQSDM_PXB_MAX_INPUT - 1] = '\0';
    CHECK_INT(oqsdm_proxy_check_bypass(big, GUIDE_BYPASS, R), 0);
    CHECK_INT(R->status, OQSDM_PXB_OK);
    CHECK_STR(R->corrected, FIXED);
    /* too many items */
    n = 0;
    for (int i = 0; i < OQSDM_PXB_MAX_ITEMS + 1 && n + 8 < OQSDM_PXB_MAX_INPUT; i++)
        n += (size_t)snprintf(big + n, OQSDM_PXB_MAX_INPUT - n, "h%d;", i);
    CHECK_INT(oqsdm_proxy_check_bypass(big, GUIDE_BYPASS, R), 0);
    CHECK_INT(R->status, OQSDM_PXB_TOO_MANY);
    CHECK_INT(R->nitems, 0);
    CHECK_INT(R->corrected_ok, 0);
    /* a value that fits but whose correction would not: no correction */
    memset(big, 0, OQSDM_PXB_MAX_INPUT);
    n = 0;
    for (int i = 0; n + 20 < OQSDM_PXB_MAX_INPUT - 1; i++)
        n += (size_t)snprintf(big + n, OQSDM_PXB_MAX_INPUT - n, "%shost%04d.example", i ? ";" : "", i);
    CHECK_INT(oqsdm_proxy_check_bypass(big, GUIDE_BYPASS, R), 0);
    CHECK_INT(R->status, OQSDM_PXB_FAIL);
    CHECK_INT(R->corrected_ok, 0);
    CHECK_STR(R->corrected, "");
    /* any bytes: nothing breaks, the correction still holds */
    for (int seed = 1; seed <= 300; seed++) {
        unsigned x = (unsigned)seed * 2654435761u;
        size_t len = (x >> 8) % 700;
        for (size_t i = 0; i < len; i++) {
            x = x * 1103515245u + 12345u;
            unsigned v = (x >> 16) & 0xFF;
            static const char pick[] = "*.;, \t\r\n<>\":/-abcdefghijklmnopqrstuvwxyz0123456789";
            big[i] = (v & 1) ? pick[v % (sizeof pick - 1)] : (char)(v ? v : (unsigned)'a');
        }
        big[len] = '\0';
        CHECK_INT(oqsdm_proxy_check_bypass(big, GUIDE_BYPASS, R), 0);
        properties(big, GUIDE_BYPASS);
    }
    free(big);
}

static void names(void)
{
    CHECK_STR(oqsdm_pxs_status_name(OQSDM_PXS_OK), "ok");
    CHECK_STR(oqsdm_pxs_status_name(OQSDM_PXS_HTTPS_ELSEWHERE), "https_elsewhere");
    CHECK_STR(oqsdm_pxs_status_name(OQSDM_PXS_TOO_LONG), "too_long");
    CHECK_STR(oqsdm_pxs_state_name(OQSDM_PXS_S_WRONG_PORT), "wrong_port");
    CHECK_STR(oqsdm_pxb_status_name(OQSDM_PXB_MATCH_ALL), "match_all");
    CHECK_STR(oqsdm_pxb_kind_name(OQSDM_PXB_K_BROADER), "broader");
    CHECK_STR(oqsdm_pxb_sep_name(OQSDM_PXB_SEP_FULLWIDTH), "fullwidth_semicolon");
    CHECK_STR(oqsdm_pxb_state_name(OQSDM_PXB_S_COVERED), "covered");
    CHECK_STR(oqsdm_pxb_fault_name(OQSDM_PXB_F_NO_STAR), "no_star");
    CHECK_STR(oqsdm_pxb_fault_name(OQSDM_PXB_F_DUPLICATE), "duplicate");
    CHECK_STR(oqsdm_pxb_fault_name(3), "");
    /* every value has a name, and the numbers are the documented ones */
    for (int s = 0; s <= OQSDM_PXS_TOO_LONG; s++)
        CHECK(strcmp(oqsdm_pxs_status_name((oqsdm_pxs_status)s), "unknown") != 0);
    for (int s = 0; s <= OQSDM_PXB_TOO_MANY; s++)
        CHECK(strcmp(oqsdm_pxb_status_name((oqsdm_pxb_status)s), "unknown") != 0);
    for (int s = 0; s <= OQSDM_PXB_SEP_OTHER; s++)
        CHECK(strcmp(oqsdm_pxb_sep_name((oqsdm_pxb_sep)s), "unknown") != 0);
    for (unsigned b = 1; b <= OQSDM_PXB_F_DUPLICATE; b <<= 1)
        if (b & (OQSDM_PXB_F_FAULTS | OQSDM_PXB_F_DUPLICATE))
            CHECK(oqsdm_pxb_fault_name(b)[0] != '\0');
    CHECK_INT(OQSDM_PXS_HTTP_ELSEWHERE, 9);
    CHECK_INT(OQSDM_PXB_K_MALFORMED, 5);
    CHECK_INT(OQSDM_PXB_S_MISSING, 3);
}

int main(void)
{
    R = malloc(sizeof *R);
    R2 = malloc(sizeof *R2);
    if (!R || !R2)
        return 1;
    server_cases();
    mutation_cases();
    list_cases();
    detail_cases();
    limit_cases();
    names();
    free(R);
    free(R2);
    return check_done("test_proxy_check");
}
