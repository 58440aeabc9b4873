/*
 * diagnose.c: the rules from facts to findings (see diagnose.h).
 *
 * The order of the guide's chapter 2 is kept: destination, proxy address,
 * bypass list, the proxy command (WinHTTP), DNS, and last the connection
 * itself, whose failure is tied to the first finding above that explains
 * its kind of failure.
 */
#include "oqsdm/diagnose.h"
#include "oqsdm/proxy_check.h"
#include "oqsdm/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const fstatus_names[OQSDM_FS_COUNT] = {"ok", "warn", "fail", "skip", "unknown"};
static const char *const finding_names[OQSDM_F_COUNT] = {"destination", "proxy.server", "proxy.bypass",
                                                         "proxy.winhttp", "dns", "connection"};
static const int title_msg[OQSDM_F_COUNT] = {OQSDM_MSG_FT_DESTINATION, OQSDM_MSG_FT_PROXY_SERVER,
                                             OQSDM_MSG_FT_PROXY_BYPASS, OQSDM_MSG_FT_PROXY_WINHTTP,
                                             OQSDM_MSG_FT_DNS, OQSDM_MSG_FT_CONNECTION};

const char *oqsdm_fstatus_name(oqsdm_fstatus s)
{
    return (s >= 0 && s < OQSDM_FS_COUNT) ? fstatus_names[s] : "unknown";
}

const char *oqsdm_finding_name(oqsdm_finding_id id)
{
    return (id >= 0 && id < OQSDM_F_COUNT) ? finding_names[id] : "";
}

const char *oqsdm_finding_title(oqsdm_finding_id id, oqsdm_lang lang)
{
    return (id >= 0 && id < OQSDM_F_COUNT) ? oqsdm_msg(lang, title_msg[id]) : "";
}

int oqsdm_finding_from_name(const char *name)
{
    for (int i = 0; name && i < OQSDM_F_COUNT; i++)
        if (strcmp(finding_names[i], name) == 0)
            return i;
    return -1;
}

/* ------------------------------------------------------------ text */

typedef struct ctx {
    const oqsdm_data *d;
    const oqsdm_diag_facts *x;
    oqsdm_lang L;
} ctx;

/* Appends a line (a message with up to four arguments) to buf. */
static void line(char *buf, size_t size, oqsdm_lang L, int id, const char *a0, const char *a1, const char *a2,
                 const char *a3)
{
    size_t n = strlen(buf);
    if (n + 2 >= size)
        return;
    if (n)
        buf[n++] = '\n';
    buf[n] = '\0';
    oqsdm_msgf4(buf + n, size - n, L, id, a0, a1, a2, a3);
}

static void set(oqsdm_finding *f, oqsdm_fstatus st, const char *code)
{
    f->status = st;
    snprintf(f->code, sizeof f->code, "%s", code);
}

static const char *dest_name(const ctx *c, const char *dest)
{
    return oqsdm_settings_destination_name(dest, c->L);
}

static const char *kind_name(const ctx *c, const char *kind)
{
    return kind[0] ? oqsdm_settings_connection_kind_name(kind, c->L) : oqsdm_msg(c->L, OQSDM_MSG_KIND_UNSET);
}

/* ------------------------------------------------------------ destination */

static void rule_destination(const ctx *c, oqsdm_finding *f)
{
    const oqsdm_diag_facts *x = c->x;
    const char *cur = oqsdm_destination_name(x->destination);
    const char *rec = oqsdm_data_recommended_destination(c->d, x->provider, x->connection_kind);
    if (!rec) {
        set(f, OQSDM_FS_UNKNOWN, "provider_unset");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PROVIDER_UNSET, dest_name(c, cur), NULL, NULL, NULL);
        line(f->remedy, sizeof f->remedy, c->L, OQSDM_MSG_FR_PROVIDER_UNSET, NULL, NULL, NULL, NULL);
        return;
    }
    const char *pname = oqsdm_settings_provider_name(x->provider, c->L);
    const char *kind = kind_name(c, x->connection_kind);
    if (strcmp(rec, cur) == 0) {
        set(f, OQSDM_FS_OK, "matches");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_DEST_MATCHES, pname, kind, dest_name(c, rec), NULL);
        return;
    }
    set(f, OQSDM_FS_FAIL, "contradicts");
    line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_DEST_CONTRADICTS, pname, kind, dest_name(c, rec),
         dest_name(c, cur));
    line(f->remedy, sizeof f->remedy, c->L, OQSDM_MSG_FR_DEST, dest_name(c, rec), NULL, NULL, NULL);
    f->fixable = 1;
    snprintf(f->fix_value, sizeof f->fix_value, "%s", rec);
}

/* ------------------------------------------------------------ proxy.server */

/* The three proxy findings do not apply to the cloud, and cannot be
 * judged without the settings: 1 when one of those settled `f`. */
static int proxy_not_judged(const ctx *c, oqsdm_finding *f, int need_user_proxy)
{
    if (c->x->destination != OQSDM_DEST_BASE) {
        set(f, OQSDM_FS_SKIP, "cloud");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_CLOUD_NO_PROXY, NULL, NULL, NULL, NULL);
        return 1;
    }
    if (need_user_proxy && !c->x->proxy_known) {
        set(f, OQSDM_FS_UNKNOWN, "unreadable");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PROXY_UNREADABLE, c->x->proxy.source, NULL, NULL, NULL);
        return 1;
    }
    return 0;
}

static int pxs_detail_msg(oqsdm_pxs_status s)
{
    switch (s) {
    case OQSDM_PXS_DISABLED: return OQSDM_MSG_FD_PXS_DISABLED;
    case OQSDM_PXS_EMPTY: return OQSDM_MSG_FD_PXS_EMPTY;
    case OQSDM_PXS_MALFORMED: return OQSDM_MSG_FD_PXS_MALFORMED;
    case OQSDM_PXS_WRONG_HOST: return OQSDM_MSG_FD_PXS_WRONG_HOST;
    case OQSDM_PXS_WRONG_PORT: return OQSDM_MSG_FD_PXS_WRONG_PORT;
    case OQSDM_PXS_HTTPS_MISSING: return OQSDM_MSG_FD_PXS_HTTPS_MISSING;
    case OQSDM_PXS_HTTPS_ELSEWHERE: return OQSDM_MSG_FD_PXS_HTTPS_ELSEWHERE;
    case OQSDM_PXS_HTTP_MISSING: return OQSDM_MSG_FD_PXS_HTTP_MISSING;
    case OQSDM_PXS_HTTP_ELSEWHERE: return OQSDM_MSG_FD_PXS_HTTP_ELSEWHERE;
    case OQSDM_PXS_TOO_LONG: return OQSDM_MSG_FD_PXS_TOO_LONG;
    default: return OQSDM_MSG_FD_PXS_OK;
    }
}

static void rule_proxy_server(const ctx *c, oqsdm_finding *f, oqsdm_pxs_result *r)
{
    const oqsdm_diag_facts *x = c->x;
    if (proxy_not_judged(c, f, 1))
        return;
    if (oqsdm_proxy_check_server(x->proxy.enabled, x->proxy.server, x->expected_proxy, r) != 0) {
        set(f, OQSDM_FS_UNKNOWN, "expected_invalid");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_EXPECTED_PROXY_BAD, x->expected_proxy, NULL, NULL, NULL);
        return;
    }
    char port[16], eport[16];
    const oqsdm_pxs_found *wrong = r->https.state != OQSDM_PXS_S_OK ? &r->https : &r->http;
    snprintf(port, sizeof port, "%d", wrong->port);
    snprintf(eport, sizeof eport, "%d", r->expected_port);
    snprintf(f->code, sizeof f->code, "%s", oqsdm_pxs_status_name(r->status));
    line(f->detail, sizeof f->detail, c->L, pxs_detail_msg(r->status), x->proxy.server, wrong->host, port,
         r->corrected);
    /* A setup script (AutoConfigURL) comes before the manual proxy in
     * WinINet: the route is whatever the script says, so a right manual
     * value is no proof of the route. The guide sets no script. */
    int script = x->proxy.auto_config_url[0] != '\0';
    if (script)
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PXS_AUTO_CONFIG, x->proxy.auto_config_url, NULL, NULL,
             NULL);
    if (r->status == OQSDM_PXS_OK) {
        f->status = OQSDM_FS_OK;
        if (script) {
            set(f, OQSDM_FS_WARN, "auto_config");
            line(f->remedy, sizeof f->remedy, c->L, OQSDM_MSG_FR_PXS_AUTO_CONFIG, NULL, NULL, NULL, NULL);
        }
        return;
    }
    f->status = (r->status == OQSDM_PXS_HTTP_MISSING || r->status == OQSDM_PXS_HTTP_ELSEWHERE) ? OQSDM_FS_WARN
                                                                                                : OQSDM_FS_FAIL;
    if (r->status == OQSDM_PXS_DISABLED && r->value_status == OQSDM_PXS_OK)
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PXS_VALUE_RIGHT, NULL, NULL, NULL, NULL);
    line(f->remedy, sizeof f->remedy, c->L, OQSDM_MSG_FR_PROXY_SERVER, r->expected_host, eport, NULL, NULL);
    if (script)
        line(f->remedy, sizeof f->remedy, c->L, OQSDM_MSG_FR_PXS_AUTO_CONFIG, NULL, NULL, NULL, NULL);
    f->fixable = 1;
    snprintf(f->fix_value, sizeof f->fix_value, "%s", r->corrected);
}

/* ------------------------------------------------------------ proxy.bypass */

static int sep_msg(oqsdm_pxb_sep s)
{
    switch (s) {
    case OQSDM_PXB_SEP_NONE: return OQSDM_MSG_FD_PXB_SEP_NONE;
    case OQSDM_PXB_SEP_SPACE: return OQSDM_MSG_FD_PXB_SEP_SPACE;
    case OQSDM_PXB_SEP_COMMA: return OQSDM_MSG_FD_PXB_SEP_COMMA;
    case OQSDM_PXB_SEP_FULLWIDTH: return OQSDM_MSG_FD_PXB_SEP_FULLWIDTH;
    case OQSDM_PXB_SEP_LINE_BREAK: return OQSDM_MSG_FD_PXB_SEP_LINE_BREAK;
    default: return OQSDM_MSG_FD_PXB_SEP_OTHER;
    }
}

static void add_why(char *why, size_t size, oqsdm_lang L, const char *text)
{
    if (strstr(why, text))
        return;
    size_t n = strlen(why);
    snprintf(why + n, size - n, "%s%s", n ? oqsdm_msg(L, OQSDM_MSG_LIST_SEP) : "", text);
}

/* One line per faulty entry (as WinINet splits the value): what is
 * written, what is wrong with it, and what it should be. Items run
 * together in one entry are named together, as staff see them. */
static void describe_entry(const ctx *c, oqsdm_finding *f, const oqsdm_pxb_result *r, size_t first, size_t end)
{
    static const struct { unsigned bit; int msg; } faults[] = {
        {OQSDM_PXB_F_FULLWIDTH, OQSDM_MSG_FD_PXB_FULLWIDTH}, {OQSDM_PXB_F_QUOTES, OQSDM_MSG_FD_PXB_QUOTES},
        {OQSDM_PXB_F_STRAY, OQSDM_MSG_FD_PXB_STRAY},         {OQSDM_PXB_F_NO_STAR, OQSDM_MSG_FD_PXB_NO_STAR},
    };
    char why[1024] = "", fix[1024] = "", written[1024];
    const oqsdm_pxb_item *it0 = &r->item[first];
    size_t wl = it0->entry_len < sizeof written - 1 ? it0->entry_len : sizeof written - 1;
    memcpy(written, c->x->proxy.override + it0->entry_off, wl);
    written[wl] = '\0';
    for (size_t i = first; i < end; i++) {
        const oqsdm_pxb_item *it = &r->item[i];
        if ((it->faults & OQSDM_PXB_F_SEPARATOR) && it->sep != OQSDM_PXB_SEP_CLEAN)
            add_why(why, sizeof why, c->L, oqsdm_msg(c->L, sep_msg(it->sep)));
        for (size_t k = 0; k < sizeof faults / sizeof faults[0]; k++)
            if (it->faults & faults[k].bit)
                add_why(why, sizeof why, c->L, oqsdm_msg(c->L, faults[k].msg));
        if (it->faults & OQSDM_PXB_F_MISSPELT) {
            char m[512];
            oqsdm_msgf1(m, sizeof m, c->L, OQSDM_MSG_FD_PXB_MISSPELT, oqsdm_pxb_expected_text(r, (size_t)it->expected));
            add_why(why, sizeof why, c->L, m);
        }
        if (it->kind == OQSDM_PXB_K_MALFORMED)
            add_why(why, sizeof why, c->L, oqsdm_msg(c->L, OQSDM_MSG_FD_PXB_MALFORMED));
        const char *x = oqsdm_pxb_item_fix(r, i);
        if (x[0]) {
            size_t n = strlen(fix);
            snprintf(fix + n, sizeof fix - n, "%s%s", n ? "; " : "", x);
        }
    }
    if (!why[0])
        add_why(why, sizeof why, c->L, oqsdm_msg(c->L, OQSDM_MSG_FD_PXB_SEP_OTHER));
    if (!fix[0])
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PXB_ITEM_DROPPED, written, why, NULL, NULL);
    else
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PXB_ITEM, written, why, fix, NULL);
}

static void rule_proxy_bypass(const ctx *c, oqsdm_finding *f, oqsdm_pxb_result *r)
{
    const oqsdm_diag_facts *x = c->x;
    if (proxy_not_judged(c, f, 1))
        return;
    if (oqsdm_proxy_check_bypass(x->proxy.override, x->expected_bypass, r) != 0) {
        set(f, OQSDM_FS_UNKNOWN, "expected_invalid");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_EXPECTED_BYPASS_BAD, NULL, NULL, NULL, NULL);
        return;
    }
    snprintf(f->code, sizeof f->code, "%s", oqsdm_pxb_status_name(r->status));
    char n1[16], n2[16];
    snprintf(n1, sizeof n1, "%zu", r->nexpected);
    snprintf(n2, sizeof n2, "%u", r->missing + r->faulty);
    switch (r->status) {
    case OQSDM_PXB_OK:
        f->status = OQSDM_FS_OK;
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PXB_OK, n1, NULL, NULL, NULL);
        return;
    case OQSDM_PXB_TOO_LONG:
    case OQSDM_PXB_TOO_MANY:
        f->status = OQSDM_FS_FAIL;
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PXB_TOO_LONG, NULL, NULL, NULL, NULL);
        return;
    case OQSDM_PXB_FAIL:
        f->status = OQSDM_FS_FAIL;
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PXB_FAIL, n2, n1, NULL, NULL);
        break;
    case OQSDM_PXB_MATCH_ALL:
        f->status = OQSDM_FS_WARN;
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PXB_MATCH_ALL,
             oqsdm_pxb_item_written(r, (size_t)r->match_all), NULL, NULL, NULL);
        break;
    default:
        f->status = OQSDM_FS_WARN;
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PXB_FAULTS, NULL, NULL, NULL, NULL);
        break;
    }
    /* the expected entries that are missing (faulty ones are named with their item) */
    char missing[2048] = "";
    for (size_t e = 0; e < r->nexpected; e++)
        if (r->expected[e].state == OQSDM_PXB_S_MISSING) {
            size_t n = strlen(missing);
            snprintf(missing + n, sizeof missing - n, "%s%s", n ? "; " : "", oqsdm_pxb_expected_text(r, e));
        }
    if (missing[0])
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_PXB_MISSING, missing, NULL, NULL, NULL);
    for (size_t i = 0; i < r->nitems;) {
        size_t j = i;
        unsigned any = 0;
        while (j < r->nitems && r->item[j].entry == r->item[i].entry)
            any |= r->item[j++].faults;
        if (any & OQSDM_PXB_F_FAULTS)
            describe_entry(c, f, r, i, j);
        i = j;
    }
    if (r->corrected_ok) {
        line(f->remedy, sizeof f->remedy, c->L, OQSDM_MSG_FR_PROXY_BYPASS, r->corrected, NULL, NULL, NULL);
        f->fixable = 1;
        snprintf(f->fix_value, sizeof f->fix_value, "%s", r->corrected);
    }
}

/* ------------------------------------------------------------ proxy.winhttp */

static void rule_winhttp(const ctx *c, oqsdm_finding *f, const oqsdm_finding *server, const oqsdm_finding *bypass)
{
    const oqsdm_diag_facts *x = c->x;
    if (proxy_not_judged(c, f, 0))
        return;
    if (!x->winhttp_known) {
        set(f, OQSDM_FS_UNKNOWN, "unreadable");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_WINHTTP_UNREADABLE, NULL, NULL, NULL, NULL);
        return;
    }
    /* What WinHTTP should hold: the right server, the (corrected) bypass list. */
    oqsdm_pxs_result *ps = malloc(sizeof *ps);
    oqsdm_pxb_result *pb = malloc(sizeof *pb);
    if (!ps || !pb) {
        free(ps);
        free(pb);
        set(f, OQSDM_FS_UNKNOWN, "no_memory");
        return;
    }
    const char *want_bypass = bypass->fixable ? bypass->fix_value : x->proxy.override;
    if (oqsdm_proxy_check_server(1, x->expected_proxy, x->expected_proxy, ps) != 0) {
        set(f, OQSDM_FS_UNKNOWN, "expected_invalid");
        goto done;
    }
    char want_server[300];
    snprintf(want_server, sizeof want_server, "%s", ps->corrected);
    if (!x->winhttp_named) {
        set(f, OQSDM_FS_FAIL, "direct");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_WINHTTP_DIRECT, NULL, NULL, NULL, NULL);
    } else if (oqsdm_proxy_check_server(1, x->winhttp_proxy, x->expected_proxy, ps) == 0 &&
               ps->status != OQSDM_PXS_OK && ps->status != OQSDM_PXS_HTTP_MISSING &&
               ps->status != OQSDM_PXS_HTTP_ELSEWHERE) {
        set(f, OQSDM_FS_FAIL, "wrong_server");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_WINHTTP_WRONG_SERVER, x->winhttp_proxy, want_server,
             NULL, NULL);
    } else if (oqsdm_proxy_check_bypass(x->winhttp_bypass, x->expected_bypass, pb) == 0 &&
               pb->status != OQSDM_PXB_OK) {
        set(f, pb->status == OQSDM_PXB_FAIL ? OQSDM_FS_FAIL : OQSDM_FS_WARN, "bypass");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_WINHTTP_BYPASS, x->winhttp_bypass, NULL, NULL, NULL);
    } else {
        set(f, OQSDM_FS_OK, "agrees");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_WINHTTP_OK, x->winhttp_proxy, NULL, NULL, NULL);
        goto done;
    }
    (void)server;
    line(f->remedy, sizeof f->remedy, c->L, OQSDM_MSG_FR_WINHTTP, want_server, want_bypass, NULL, NULL);
    f->fixable = 1;
    f->fix_needs_admin = 1;
    size_t k = (size_t)snprintf(f->fix_value, sizeof f->fix_value, "%s\n", want_server);
    if (k < sizeof f->fix_value)
        snprintf(f->fix_value + k, sizeof f->fix_value - k, "%.*s", (int)(sizeof f->fix_value - k - 1), want_bypass);
done:
    free(ps);
    free(pb);
}

/* ------------------------------------------------------------ dns */

/* A small, bounded IPv6 text parser: 8 groups, one "::", optional
 * dotted IPv4 tail, no zone. 0 on success. */
static int ip6_parse(const char *s, unsigned char out[16])
{
    unsigned short g[8];
    int n = 0, gap = -1;
    size_t len = strlen(s);
    if (len < 2 || len > 45)
        return -1;
    const char *p = s;
    if (p[0] == ':') {
        if (p[1] != ':')
            return -1;
        gap = 0;
        p += 2;
    }
    while (*p) {
        if (n == 8)
            return -1;
        const char *q = p;
        unsigned v = 0;
        int digits = 0;
        while (digits < 5 && ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f') || (*q >= 'A' && *q <= 'F'))) {
            v = v * 16 + (unsigned)(*q <= '9' ? *q - '0' : (*q | 0x20) - 'a' + 10);
            q++;
            digits++;
        }
        if (*q == '.') {  /* an IPv4 tail takes two groups */
            unsigned a[4];
            int k = 0;
            q = p;
            for (; k < 4; k++) {
                unsigned x = 0;
                int nd = 0;
                while (nd < 4 && *q >= '0' && *q <= '9') { x = x * 10 + (unsigned)(*q - '0'); q++; nd++; }
                if (nd == 0 || x > 255 || (k < 3 && *q != '.'))
                    return -1;
                a[k] = x;
                if (k < 3) q++;
            }
            if (*q || n > 6)
                return -1;
            g[n++] = (unsigned short)(a[0] << 8 | a[1]);
            g[n++] = (unsigned short)(a[2] << 8 | a[3]);
            break;
        }
        if (digits == 0 || digits > 4)
            return -1;
        g[n++] = (unsigned short)v;
        p = q;
        if (*p == ':') {
            if (p[1] == ':') {
                if (gap >= 0)
                    return -1;
                gap = n;
                p += 2;
            } else {
                p++;
                if (!*p)
                    return -1;
            }
        } else if (*p) {
            return -1;
        }
    }
    if (gap < 0 ? n != 8 : n > 7)
        return -1;
    unsigned short full[8] = {0};
    if (gap < 0) {
        memcpy(full, g, sizeof full);
    } else {
        for (int i = 0; i < gap; i++) full[i] = g[i];
        for (int i = gap; i < n; i++) full[8 - (n - i)] = g[i];
    }
    for (int i = 0; i < 8; i++) {
        out[2 * i] = (unsigned char)(full[i] >> 8);
        out[2 * i + 1] = (unsigned char)full[i];
    }
    return 0;
}

int oqsdm_ipv6_equal(const char *a, const char *b)
{
    unsigned char x[16], y[16];
    return ip6_parse(a, x) == 0 && ip6_parse(b, y) == 0 && memcmp(x, y, 16) == 0;
}

typedef enum { DNS_OTHER, DNS_OQS_EAST, DNS_OQS_WEST, DNS_NGN_EAST, DNS_NGN_WEST } dns_kind;

static int in_list(const char *addr, const char (*list)[64], size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (oqsdm_ipv6_equal(addr, list[i]))
            return 1;
    return 0;
}

static dns_kind classify_server(const oqsdm_data *d, const char *addr)
{
    if (in_list(addr, d->dns_oqs_east, d->ndns_oqs_east)) return DNS_OQS_EAST;
    if (in_list(addr, d->dns_oqs_west, d->ndns_oqs_west)) return DNS_OQS_WEST;
    if (in_list(addr, d->dns_ngn_east, d->ndns_ngn_east)) return DNS_NGN_EAST;
    if (in_list(addr, d->dns_ngn_west, d->ndns_ngn_west)) return DNS_NGN_WEST;
    return DNS_OTHER;
}

static int res_msg(oqsdm_resolve_status s)
{
    switch (s) {
    case OQSDM_RES_OK: return OQSDM_MSG_FD_DNS_NAME_OK;
    case OQSDM_RES_NOT_FOUND: return OQSDM_MSG_FD_DNS_NAME_NOT_FOUND;
    case OQSDM_RES_TIMEOUT: return OQSDM_MSG_FD_DNS_NAME_TIMEOUT;
    default: return OQSDM_MSG_FD_DNS_NAME_FAILED;
    }
}

static void join_list(char *out, size_t size, const char (*list)[64], size_t n)
{
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(out);
        snprintf(out + k, size - k, "%s%s", i ? " / " : "", list[i]);
    }
}

static void rule_dns(const ctx *c, oqsdm_finding *f)
{
    const oqsdm_diag_facts *x = c->x;
    const oqsdm_data *d = c->d;
    const oqsdm_provider *p = oqsdm_data_provider(d, x->provider);
    int east = p && strcmp(p->region, "east") == 0, west = p && strcmp(p->region, "west") == 0;
    int flets = (east || west) && p && strcmp(p->kind, "ipvpn") == 0 &&
                (!x->connection_kind[0] || strcmp(x->connection_kind, "ipvpn") == 0);
    const char *region = oqsdm_msg(c->L, east ? OQSDM_MSG_REGION_EAST : OQSDM_MSG_REGION_WEST);

    if (x->ndns == 0) {
        set(f, OQSDM_FS_UNKNOWN, "no_names");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_DNS_NOTHING, NULL, NULL, NULL, NULL);
        return;
    }
    int req_bad = 0, opt_bad = 0, ngn_bad = 0, ngn_any = 0, all_run = 1;
    char secs[32];
    snprintf(secs, sizeof secs, "%ld", (x->dns_timeout_ms + 999) / 1000);
    for (size_t i = 0; i < x->ndns; i++) {
        const oqsdm_dns_probe *q = &x->dns[i];
        if (q->status == OQSDM_RES_NOT_RUN) {
            all_run = 0;
            continue;
        }
        int bad = q->status != OQSDM_RES_OK;
        if (bad && q->required) req_bad++;
        if (bad && !q->required) opt_bad++;
        if (strstr(q->name, ".flets-east.jp") || strstr(q->name, ".flets-west.jp")) {
            ngn_any = 1;
            ngn_bad += bad;
        }
        char addrs[300];
        join_list(addrs, sizeof addrs, (const char(*)[64])q->addrs, q->naddrs);
        line(f->detail, sizeof f->detail, c->L, res_msg(q->status), q->name, addrs, secs,
             oqsdm_msg(c->L, q->required ? OQSDM_MSG_FD_DNS_REQUIRED : OQSDM_MSG_FD_DNS_OPTIONAL));
    }
    if (!all_run && req_bad == 0 && opt_bad == 0) {
        set(f, OQSDM_FS_UNKNOWN, "not_run");
        return;
    }

    /* The adapters' servers against the guide's (p.6-7). The OQS line is
     * IPv6: look at the connected adapters with IPv6 (「オン資用」), or at
     * every adapter when none shows as such. */
    int wrong_region = 0, right_oqs = 0, any_guide = 0, any_v6 = 0;
    for (size_t a = 0; x->adapters_known && a < x->nadapters; a++)
        any_v6 |= x->adapters[a].up && x->adapters[a].ipv6;
    if (x->adapters_known)
        for (size_t a = 0; a < x->nadapters; a++)
            for (size_t s = 0; s < x->adapters[a].ndns && (!any_v6 || (x->adapters[a].up && x->adapters[a].ipv6)); s++) {
                dns_kind k = classify_server(d, x->adapters[a].dns[s]);
                if (k == DNS_OTHER)
                    continue;
                any_guide = 1;
                int k_east = k == DNS_OQS_EAST || k == DNS_NGN_EAST;
                if (flets && k_east != east) {
                    wrong_region = 1;
                    line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_DNS_WRONG_REGION, x->adapters[a].dns[s],
                         x->adapters[a].name,
                         oqsdm_msg(c->L, k_east ? OQSDM_MSG_REGION_EAST : OQSDM_MSG_REGION_WEST), region);
                } else if (k == DNS_OQS_EAST || k == DNS_OQS_WEST) {
                    right_oqs = 1;
                }
            }
    if (flets && right_oqs && !wrong_region)
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_DNS_GUIDE_SERVERS, region, NULL, NULL, NULL);
    else if (flets && !any_guide && x->adapters_known)
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_DNS_NOT_GUIDE_SERVERS, NULL, NULL, NULL, NULL);

    if (req_bad) {
        set(f, OQSDM_FS_FAIL, wrong_region ? "wrong_region" : "required_unresolved");
    } else if (opt_bad || wrong_region) {
        set(f, OQSDM_FS_WARN, wrong_region ? "wrong_region" : "some_unresolved");
    } else {
        set(f, OQSDM_FS_OK, "resolved");
        return;
    }
    if (flets) {
        char oqs[300];
        join_list(oqs, sizeof oqs, east ? (const char(*)[64])d->dns_oqs_east : (const char(*)[64])d->dns_oqs_west,
                  east ? d->ndns_oqs_east : d->ndns_oqs_west);
        char doms[600] = "";
        for (size_t i = 0; i < d->ndns_oqs_domains; i++) {
            size_t k = strlen(doms);
            snprintf(doms + k, sizeof doms - k, "%s%s", i ? " / " : "", d->dns_oqs_domains[i]);
        }
        line(f->remedy, sizeof f->remedy, c->L, OQSDM_MSG_FR_DNS_FLETS, region, oqs, doms, NULL);
        if (ngn_any && ngn_bad)
            line(f->remedy, sizeof f->remedy, c->L, OQSDM_MSG_FR_DNS_V6_OPTION, NULL, NULL, NULL, NULL);
    } else {
        line(f->remedy, sizeof f->remedy, c->L, OQSDM_MSG_FR_DNS, NULL, NULL, NULL, NULL);
    }
}

/* ------------------------------------------------------------ connection */

/* A proxy finding explains a failure only on the route the check took:
 * a connection that went direct on the base route was either meant to
 * (bypassed: the proxy's address is not the cause) or had no proxy to use
 * (switched off, empty, no https entry, or a bypass entry "*": it is). */
static void url_host(const char *url, char *out, size_t size);

/* 1 when the expected bypass list names the server itself (an entry, not
 * Windows' loopback rule): only then does a faulty list change the route
 * of the check, sending it to the proxy instead of direct. */
static int expected_bypasses_server(const oqsdm_diag_facts *x)
{
    char host[256], matched[512];
    url_host(x->server_url, host, sizeof host);
    if (!host[0])
        return 0;
    const char *scheme = strncasecmp(x->server_url, "http://", 7) == 0 ? "http" : "https";
    return oqsdm_proxy_bypassed(x->expected_bypass, scheme, host, matched, sizeof matched) &&
           strcmp(matched, "(loopback)") != 0;
}

static int explains_route(const oqsdm_diag_facts *x, const oqsdm_finding *e)
{
    /* Through the proxy, a bypass list with missing or broken entries is
     * the cause only when one of them is the server's (it should have gone
     * direct); otherwise its fix changes nothing for this check, and naming
     * it hid the real cause (a proxy that refuses, or a route to it where
     * packets vanish). A revocation failure is about the CA's hosts, which
     * the list carries, not about the server: it is judged as before. */
    if (e->id == OQSDM_F_PROXY_BYPASS && x->destination == OQSDM_DEST_BASE && x->conn.via_proxy &&
        x->conn.reason != OQSDM_R_TLS_REVOCATION)
        return expected_bypasses_server(x);
    if (x->destination != OQSDM_DEST_BASE || x->conn.via_proxy)
        return 1;
    /* "malformed": the check refused to start (proxy_setting) because the
     * entry that applies is not an address, so it never went anywhere. */
    if (e->id == OQSDM_F_PROXY_SERVER)
        return strcmp(e->code, "disabled") == 0 || strcmp(e->code, "empty") == 0 ||
               strcmp(e->code, "https_missing") == 0 || strcmp(e->code, "malformed") == 0;
    if (e->id == OQSDM_F_PROXY_BYPASS)
        return strcmp(e->code, "match_all") == 0;  /* it sent the check around the proxy */
    return e->id != OQSDM_F_PROXY_WINHTTP;
}

/* When nothing above explains a proxy that answered with an error, its
 * answer still says where to look: a password asked for (the base's proxy
 * asks none, so another proxy is in the way), a refusal, or a proxy that
 * could not go on to the server (tinyproxy says so with 500, others with
 * 502-504). A vendor told only "contact the vendor" learns nothing from
 * the code. */
static int proxy_answer_remedy(const oqsdm_conn_result *r)
{
    if (r->reason != OQSDM_R_PROXY_STATUS)
        return OQSDM_MSG_FR_CONN_VENDOR;
    long st = r->proxy_status;
    if (st == 407)
        return OQSDM_MSG_FR_CONN_PROXY_AUTH;
    if (st == 403)
        return OQSDM_MSG_FR_CONN_PROXY_DENIED;
    if (st == 500 || st == 502 || st == 503 || st == 504)
        return OQSDM_MSG_FR_CONN_PROXY_UPSTREAM;
    return OQSDM_MSG_FR_CONN_VENDOR;
}

static void rule_connection(const ctx *c, oqsdm_diagnosis *out)
{
    const oqsdm_diag_facts *x = c->x;
    oqsdm_finding *f = &out->f[OQSDM_F_CONNECTION];
    if (!x->conn_ran) {
        set(f, OQSDM_FS_UNKNOWN, "not_run");
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_FD_CONN_NOT_RUN, NULL, NULL, NULL, NULL);
        return;
    }
    snprintf(f->code, sizeof f->code, "%s", oqsdm_reason_code(x->conn.reason));
    if (x->conn.reason == OQSDM_R_OK) {
        f->status = OQSDM_FS_OK;
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_CONN_SUCCEEDED, NULL, NULL, NULL, NULL);
        line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_RESULT_LABEL, x->conn.reason_text, NULL, NULL, NULL);
        return;
    }
    f->status = x->conn.reason == OQSDM_R_CANCELLED ? OQSDM_FS_UNKNOWN : OQSDM_FS_FAIL;
    line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_CONN_FAILED, NULL, NULL, NULL, NULL);
    line(f->detail, sizeof f->detail, c->L, OQSDM_MSG_REASON_LABEL, x->conn.reason_text, NULL, NULL, NULL);

    /* Which finding can explain this kind of failure, in the order to look. */
    static const oqsdm_finding_id by_dns[] = {OQSDM_F_DNS, OQSDM_F_PROXY_SERVER, OQSDM_F_DESTINATION};
    static const oqsdm_finding_id by_proxy[] = {OQSDM_F_PROXY_SERVER, OQSDM_F_DESTINATION};
    static const oqsdm_finding_id by_route[] = {OQSDM_F_DESTINATION, OQSDM_F_PROXY_SERVER, OQSDM_F_PROXY_BYPASS,
                                               OQSDM_F_DNS};
    static const oqsdm_finding_id by_revocation[] = {OQSDM_F_PROXY_BYPASS, OQSDM_F_DNS, OQSDM_F_DESTINATION};
    const oqsdm_finding_id *order = NULL;
    size_t n = 0;
    switch (x->conn.reason) {
    case OQSDM_R_DNS:
    case OQSDM_R_PROXY_DNS: order = by_dns; n = 3; break;
    case OQSDM_R_PROXY_CONNECT:
    case OQSDM_R_PROXY_SETTING: order = by_proxy; n = 2; break;
    case OQSDM_R_PROXY_STATUS:
    case OQSDM_R_REFUSED:
    case OQSDM_R_UNREACHABLE:
    case OQSDM_R_TIMEOUT:
    case OQSDM_R_NETWORK: order = by_route; n = 4; break;
    case OQSDM_R_TLS_REVOCATION: order = by_revocation; n = 3; break;
    case OQSDM_R_NOT_HTTP:
        /* Through the proxy, a wrong proxy port is the likely other service;
         * direct, nothing above is about the server's port. */
        if (x->conn.via_proxy) {
            order = by_proxy;
            n = 2;
        }
        break;
    default: break;
    }
    /* Only a fault explains a failure; of the warnings only a bypass list
     * that sends nothing to the proxy does (the check then goes direct). */
    for (size_t i = 0; i < n; i++) {
        const oqsdm_finding *e = &out->f[order[i]];
        int explains = e->status == OQSDM_FS_FAIL ||
                       (e->id == OQSDM_F_PROXY_BYPASS && strcmp(e->code, "match_all") == 0);
        if (explains && explains_route(x, e)) {
            f->explained_by = order[i];
            break;
        }
    }
    if (f->explained_by >= 0)
        line(f->remedy, sizeof f->remedy, c->L, OQSDM_MSG_FR_CONN_SEE, out->f[f->explained_by].title, NULL, NULL, NULL);
    else
        line(f->remedy, sizeof f->remedy, c->L, proxy_answer_remedy(&x->conn), x->conn.proxy, NULL, NULL, NULL);
}

/* ------------------------------------------------------------ all */

void oqsdm_diagnose(const oqsdm_data *d, const oqsdm_diag_facts *facts, oqsdm_lang lang, oqsdm_diagnosis *out)
{
    long long elapsed = out->elapsed_ms;
    memset(out, 0, sizeof *out);
    out->elapsed_ms = elapsed;
    ctx c = {d, facts, lang};
    for (int i = 0; i < OQSDM_F_COUNT; i++) {
        out->f[i].id = (oqsdm_finding_id)i;
        out->f[i].explained_by = -1;
        snprintf(out->f[i].title, sizeof out->f[i].title, "%s", oqsdm_finding_title((oqsdm_finding_id)i, lang));
    }
    oqsdm_pxs_result *ps = malloc(sizeof *ps);
    oqsdm_pxb_result *pb = malloc(sizeof *pb);
    if (!ps || !pb) {
        for (int i = 0; i < OQSDM_F_COUNT; i++)
            set(&out->f[i], OQSDM_FS_UNKNOWN, "no_memory");
    } else {
        rule_destination(&c, &out->f[OQSDM_F_DESTINATION]);
        rule_proxy_server(&c, &out->f[OQSDM_F_PROXY_SERVER], ps);
        rule_proxy_bypass(&c, &out->f[OQSDM_F_PROXY_BYPASS], pb);
        rule_winhttp(&c, &out->f[OQSDM_F_PROXY_WINHTTP], &out->f[OQSDM_F_PROXY_SERVER], &out->f[OQSDM_F_PROXY_BYPASS]);
        rule_dns(&c, &out->f[OQSDM_F_DNS]);
        rule_connection(&c, out);
    }
    free(ps);
    free(pb);
    for (int i = 0; i < OQSDM_F_COUNT; i++)
        out->count[out->f[i].status]++;
    out->exit_class = out->count[OQSDM_FS_FAIL] ? 1 : out->count[OQSDM_FS_UNKNOWN] ? 3 : 0;
}

/* ------------------------------------------------------------ names */

static void add_name(oqsdm_diag_facts *x, const char *name, int required)
{
    if (!name[0] || x->ndns >= OQSDM_DIAG_MAX_NAMES)
        return;
    for (size_t i = 0; i < x->ndns; i++)
        if (strcasecmp(x->dns[i].name, name) == 0) {
            x->dns[i].required |= required;
            return;
        }
    oqsdm_dns_probe *q = &x->dns[x->ndns++];
    memset(q, 0, sizeof *q);
    snprintf(q->name, sizeof q->name, "%s", name);
    q->required = required;
}

/* The host of a URL: after "://", up to ':', '/', '?', '#' (IPv6 literals
 * in brackets are left out: there is no name to resolve). */
static void url_host(const char *url, char *out, size_t size)
{
    out[0] = '\0';
    const char *p = strstr(url, "://");
    if (!p || p[3] == '[')
        return;
    p += 3;
    const char *at = strpbrk(p, "@/?#");
    if (at && *at == '@')
        p = at + 1;
    size_t n = strcspn(p, ":/?#");
    if (n < size) {
        memcpy(out, p, n);
        out[n] = '\0';
    }
}

static int is_ip_literal(const char *h)
{
    return strspn(h, "0123456789.") == strlen(h) || strchr(h, ':') != NULL;
}

void oqsdm_diag_plan_names(const oqsdm_data *d, oqsdm_diag_facts *x)
{
    x->ndns = 0;
    char host[256] = "";
    url_host(x->server_url, host, sizeof host);
    if (x->destination == OQSDM_DEST_BASE) {
        oqsdm_proxy_route r;
        char ph[256];
        int port;
        /* the proxy the check would use, else the guide's */
        oqsdm_proxy_route_for(&x->proxy, "https", host[0] ? host : "pweb.base.oqs-pdl.org", &r);
        if (r.use_proxy && !is_ip_literal(r.host))
            add_name(x, r.host, 1);
        else if (!r.use_proxy && host[0] && !is_ip_literal(host))
            add_name(x, host, 1);  /* bypassed or no proxy: the server is resolved here */
        if (oqsdm_proxy_server_for(x->expected_proxy, "https", ph, sizeof ph, &port) == 0 && !is_ip_literal(ph))
            add_name(x, ph, !r.use_proxy && !host[0]);
    } else if (host[0] && !is_ip_literal(host)) {
        add_name(x, host, 1);
    }
    const oqsdm_provider *p = oqsdm_data_provider(d, x->provider);
    const char *region = p ? p->region : "";
    for (size_t i = 0; i < d->ndns_probe_names; i++) {
        const char *n = d->dns_probe_names[i];
        if ((strstr(n, ".flets-east.jp") && strcmp(region, "west") == 0) ||
            (strstr(n, ".flets-west.jp") && strcmp(region, "east") == 0))
            continue;  /* the other region's NGN names */
        add_name(x, n, 0);
    }
}
