/*
 * net_posix.c: the diagnosis' view of the network on native builds:
 * threads, name resolution (getaddrinfo) and the resolver's servers
 * (/etc/resolv.conf shown as one adapter). There is no WinHTTP here.
 */
#define _POSIX_C_SOURCE 200809L
#include "oqsdm/platform.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

int oqsdm_plat_adapters(oqsdm_adapter *out, size_t max)
{
    FILE *f = fopen("/etc/resolv.conf", "r");
    if (!f)
        return -1;
    if (max == 0) {
        fclose(f);
        return 0;
    }
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "resolv.conf");
    out->up = 1;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char addr[64];
        if (sscanf(line, " nameserver %63s", addr) == 1 && out->ndns < 8) {
            snprintf(out->dns[out->ndns++], sizeof out->dns[0], "%s", addr);
            if (strchr(addr, ':'))
                out->ipv6 = 1;
            else
                out->ipv4 = 1;
        }
    }
    fclose(f);
    return 1;
}

int oqsdm_plat_winhttp_proxy(int *named, char *proxy, size_t proxy_size, char *bypass, size_t bypass_size)
{
    (void)proxy_size;
    (void)bypass_size;
    *named = 0;
    proxy[0] = bypass[0] = '\0';
    return -1;
}

int oqsdm_plat_resolve(const char *name, char (*addrs)[64], size_t max, size_t *n)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    *n = 0;
    int rc = getaddrinfo(name, NULL, &hints, &res);
    if (rc != 0)
        return rc == EAI_NONAME ? 1 : -1;
    for (struct addrinfo *a = res; a && *n < max; a = a->ai_next) {
        const void *p = a->ai_family == AF_INET6 ? (const void *)&((struct sockaddr_in6 *)a->ai_addr)->sin6_addr
                                                 : (const void *)&((struct sockaddr_in *)a->ai_addr)->sin_addr;
        char text[64];
        if (!inet_ntop(a->ai_family, p, text, sizeof text))
            continue;
        int dup = 0;
        for (size_t k = 0; k < *n; k++)
            dup |= strcmp(addrs[k], text) == 0;
        if (!dup)
            snprintf(addrs[(*n)++], 64, "%s", text);
    }
    freeaddrinfo(res);
    return 0;
}

struct oqsdm_plat_thread {
    pthread_t t;
    void (*fn)(void *);
    void *arg;
};

static void *trampoline(void *p)
{
    struct oqsdm_plat_thread *t = p;
    void (*fn)(void *) = t->fn;
    void *arg = t->arg;
    free(t);
    fn(arg);
    return NULL;
}

oqsdm_plat_thread *oqsdm_plat_thread_start(void (*fn)(void *), void *arg)
{
    struct oqsdm_plat_thread *t = malloc(sizeof *t);
    if (!t)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    pthread_t id;
    if (pthread_create(&id, NULL, trampoline, t) != 0) {
        free(t);
        return NULL;
    }
    pthread_detach(id);
    /* The record belongs to the thread; the handle is only a token. */
    return (oqsdm_plat_thread *)(uintptr_t)1;
}

void oqsdm_plat_thread_release(oqsdm_plat_thread *t)
{
    (void)t;
}

void oqsdm_plat_sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* No registry, WinINet or WinHTTP natively: the proxy fixes are Windows'. */
int oqsdm_plat_reg_read(oqsdm_reg_value *v)
{
    v->key_present = v->present = 0;
    errno = ENOSYS;
    return -1;
}

int oqsdm_plat_reg_restore(const oqsdm_reg_value *v)
{
    (void)v;
    errno = ENOSYS;
    return -1;
}

size_t oqsdm_plat_proxy_values(oqsdm_reg_value *out, size_t max)
{
    (void)out;
    (void)max;
    return 0;
}

size_t oqsdm_plat_winhttp_values(oqsdm_reg_value *out, size_t max)
{
    (void)out;
    (void)max;
    return 0;
}

int oqsdm_plat_set_user_proxy(int enable, const char *server, const char *override)
{
    (void)enable;
    (void)server;
    (void)override;
    errno = ENOSYS;
    return -1;
}

int oqsdm_plat_set_winhttp_proxy(const char *server, const char *bypass)
{
    (void)server;
    (void)bypass;
    errno = ENOSYS;
    return -1;
}

void oqsdm_plat_proxy_changed(void)
{
}
