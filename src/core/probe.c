/*
 * probe.c: gathers the diagnosis' facts, every probe at once.
 *
 * The connection check and each name lookup run on threads of their own;
 * this thread waits for them up to a deadline and then stops waiting. A
 * lookup the system's resolver holds for minutes (a DNS server whose
 * packets vanish) is then reported as timed out, and its thread runs on
 * alone: it shares a reference-counted slot with us, so whoever finishes
 * last frees it, and it never touches memory of ours.
 *
 * Deadlines: name lookups get the connect timeout (what a connection
 * would wait for its own lookup); the connection check gets its total
 * timeout, which libcurl enforces itself, and a little more.
 */
#include "oqsdm/diagnose.h"
#include "oqsdm/log.h"
#include "oqsdm/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POLL_MS 10
#define CONN_SLACK_MS 2000

typedef struct dns_slot {
    atomic_int refs;
    atomic_int done;
    char name[256];
    int rc;
    char addrs[4][64];
    size_t n;
    long long ms;
} dns_slot;

typedef struct conn_slot {
    atomic_int refs;
    atomic_int done;
    atomic_int stop;            /* set when we stop waiting or are cancelled */
    oqsdm_config cfg;
    oqsdm_proxy_settings proxy;
    oqsdm_lang lang;
    oqsdm_conn_result result;
} conn_slot;

static void dns_release(dns_slot *s)
{
    if (atomic_fetch_sub(&s->refs, 1) == 1)
        free(s);
}

static void conn_release(conn_slot *s)
{
    if (atomic_fetch_sub(&s->refs, 1) == 1)
        free(s);
}

static void dns_thread(void *p)
{
    dns_slot *s = p;
    long long t0 = oqsdm_plat_monotonic_ms();
    s->rc = oqsdm_plat_resolve(s->name, s->addrs, 4, &s->n);
    s->ms = oqsdm_plat_monotonic_ms() - t0;
    atomic_store(&s->done, 1);
    dns_release(s);
}

static void conn_thread(void *p)
{
    conn_slot *s = p;
    oqsdm_conn_check(&s->cfg, &s->proxy, s->lang, &s->stop, &s->result);
    atomic_store(&s->done, 1);
    conn_release(s);
}

void oqsdm_diag_static_facts(const oqsdm_app *app, oqsdm_diag_facts *x)
{
    memset(x, 0, sizeof *x);
    const oqsdm_config *cfg = &app->config;
    x->destination = cfg->destination;
    snprintf(x->provider, sizeof x->provider, "%s", cfg->provider);
    snprintf(x->connection_kind, sizeof x->connection_kind, "%s", cfg->connection_kind);
    snprintf(x->expected_proxy, sizeof x->expected_proxy, "%s", cfg->expected_proxy);
    snprintf(x->expected_bypass, sizeof x->expected_bypass, "%s", cfg->expected_bypass);
    snprintf(x->server_url, sizeof x->server_url, "%s", cfg->server_url);
    x->proxy_known = oqsdm_plat_user_proxy(&x->proxy) == 0;
    x->winhttp_known = oqsdm_plat_winhttp_proxy(&x->winhttp_named, x->winhttp_proxy, sizeof x->winhttp_proxy,
                                                x->winhttp_bypass, sizeof x->winhttp_bypass) == 0;
    int na = oqsdm_plat_adapters(x->adapters, OQSDM_DIAG_MAX_ADAPTERS);
    x->adapters_known = na >= 0;
    x->nadapters = na > 0 ? (size_t)na : 0;
    x->dns_timeout_ms = cfg->connect_timeout_ms;
    oqsdm_diag_plan_names(&app->data, x);
}

void oqsdm_app_diagnose(const oqsdm_app *app, const atomic_int *cancel, oqsdm_diagnosis *out,
                        oqsdm_diag_facts *facts_out)
{
    long long t0 = oqsdm_plat_monotonic_ms();
    oqsdm_diag_facts *x = facts_out;
    const oqsdm_config *cfg = &app->config;
    oqsdm_diag_static_facts(app, x);

    /* start everything */
    dns_slot *dns[OQSDM_DIAG_MAX_NAMES] = {0};
    for (size_t i = 0; i < x->ndns; i++) {
        dns_slot *s = calloc(1, sizeof *s);
        if (!s)
            continue;
        atomic_init(&s->refs, 2);
        atomic_init(&s->done, 0);
        snprintf(s->name, sizeof s->name, "%s", x->dns[i].name);
        oqsdm_plat_thread *t = oqsdm_plat_thread_start(dns_thread, s);
        if (!t) {
            free(s);
            continue;
        }
        oqsdm_plat_thread_release(t);
        dns[i] = s;
    }
    conn_slot *conn = NULL;
    if (cfg->server_url[0] && (conn = calloc(1, sizeof *conn)) != NULL) {
        atomic_init(&conn->refs, 2);
        atomic_init(&conn->done, 0);
        atomic_init(&conn->stop, 0);
        conn->cfg = *cfg;
        conn->lang = app->lang;
        if (cfg->destination == OQSDM_DEST_BASE)
            conn->proxy = x->proxy;
        oqsdm_plat_thread *t = oqsdm_plat_thread_start(conn_thread, conn);
        if (t) {
            oqsdm_plat_thread_release(t);
        } else {
            free(conn);
            conn = NULL;
        }
    }

    /* wait, each probe up to its deadline */
    long long dns_deadline = t0 + cfg->connect_timeout_ms;
    long long conn_deadline = t0 + cfg->timeout_ms + CONN_SLACK_MS;
    for (;;) {
        long long now = oqsdm_plat_monotonic_ms();
        int cancelled = cancel && atomic_load(cancel);
        int waiting = 0;
        for (size_t i = 0; i < x->ndns; i++)
            if (dns[i] && !atomic_load(&dns[i]->done) && now < dns_deadline && !cancelled)
                waiting = 1;
        if (conn && !atomic_load(&conn->done)) {
            if (cancelled || now >= conn_deadline)
                atomic_store(&conn->stop, 1);
            else
                waiting = 1;
        }
        if (!waiting)
            break;
        oqsdm_plat_sleep_ms(POLL_MS);
    }

    for (size_t i = 0; i < x->ndns; i++) {
        oqsdm_dns_probe *q = &x->dns[i];
        dns_slot *s = dns[i];
        if (!s) {
            q->status = OQSDM_RES_NOT_RUN;
            continue;
        }
        if (!atomic_load(&s->done)) {
            q->status = OQSDM_RES_TIMEOUT;
            q->ms = oqsdm_plat_monotonic_ms() - t0;
        } else {
            q->status = s->rc == 0 ? OQSDM_RES_OK : s->rc == 1 ? OQSDM_RES_NOT_FOUND : OQSDM_RES_FAILED;
            q->naddrs = s->n;
            memcpy(q->addrs, s->addrs, sizeof q->addrs);
            q->ms = s->ms;
        }
        dns_release(s);
    }
    if (conn) {
        if (atomic_load(&conn->done)) {
            x->conn_ran = 1;
            x->conn = conn->result;
        }
        conn_release(conn);
    }
    out->elapsed_ms = oqsdm_plat_monotonic_ms() - t0;
    oqsdm_diagnose(&app->data, x, app->lang, out);

    char summary[256];
    snprintf(summary, sizeof summary, "ok=%d warn=%d fail=%d skip=%d unknown=%d", out->count[OQSDM_FS_OK],
             out->count[OQSDM_FS_WARN], out->count[OQSDM_FS_FAIL], out->count[OQSDM_FS_SKIP],
             out->count[OQSDM_FS_UNKNOWN]);
    char failed[512] = "";
    for (int i = 0; i < OQSDM_F_COUNT; i++)
        if (out->f[i].status == OQSDM_FS_FAIL || out->f[i].status == OQSDM_FS_WARN) {
            size_t n = strlen(failed);
            snprintf(failed + n, sizeof failed - n, "%s%s=%s", n ? " " : "", oqsdm_finding_name((oqsdm_finding_id)i),
                     out->f[i].code);
        }
    const char *result = out->exit_class == 1 ? "fail" : out->exit_class == 3 ? "unknown" : "ok";
    oqsdm_log_append(app->state_dir, OQSDM_LOG_MAX_BYTES, "diagnose", result, failed[0] ? failed : "ok", summary);
}
