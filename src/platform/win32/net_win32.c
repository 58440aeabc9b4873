/*
 * net_win32.c: the diagnosis' view of the network on Windows: threads,
 * name resolution (getaddrinfo, as WinINet and the distribution app
 * resolve) and the adapters' DNS servers (GetAdaptersAddresses).
 * WinHTTP's proxy is in winhttp_win32.c: winhttp.h and wininet.h do not
 * mix in one file.
 */
#include "oqsdm/platform.h"
#include "utf.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void addr_text(const SOCKADDR *sa, char *out, size_t size)
{
    wchar_t w[64];
    DWORD n = sizeof w / sizeof w[0];
    int len = sa->sa_family == AF_INET6 ? (int)sizeof(SOCKADDR_IN6) : (int)sizeof(SOCKADDR_IN);
    out[0] = '\0';
    if (WSAAddressToStringW((LPSOCKADDR)sa, (DWORD)len, NULL, w, &n) == 0) {
        char *s = oqsdm_wide_to_utf8(w);
        if (s) {
            /* a scope id (%12) is not part of the server's address */
            s[strcspn(s, "%")] = '\0';
            snprintf(out, size, "%s", s);
            free(s);
        }
    }
}

int oqsdm_plat_adapters(oqsdm_adapter *out, size_t max)
{
    ULONG size = 32 * 1024;
    IP_ADAPTER_ADDRESSES *list = NULL;
    ULONG rc = ERROR_BUFFER_OVERFLOW;
    for (int tries = 0; tries < 3 && rc == ERROR_BUFFER_OVERFLOW; tries++) {
        free(list);
        list = malloc(size);
        if (!list)
            return -1;
        rc = GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST, NULL, list, &size);
    }
    if (rc != NO_ERROR) {
        free(list);
        return -1;
    }
    size_t n = 0;
    for (IP_ADAPTER_ADDRESSES *a = list; a && n < max; a = a->Next) {
        if (a->IfType == IF_TYPE_SOFTWARE_LOOPBACK)
            continue;
        oqsdm_adapter *d = &out[n++];
        memset(d, 0, sizeof *d);
        char *name = a->FriendlyName ? oqsdm_wide_to_utf8(a->FriendlyName) : NULL;
        snprintf(d->name, sizeof d->name, "%s", name ? name : "");
        free(name);
        d->up = a->OperStatus == IfOperStatusUp;
        for (IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next) {
            const SOCKADDR *sa = u->Address.lpSockaddr;
            if (sa->sa_family == AF_INET) {
                d->ipv4 = 1;
            } else if (sa->sa_family == AF_INET6) {
                const IN6_ADDR *x = &((const SOCKADDR_IN6 *)sa)->sin6_addr;
                int link_local = x->s6_addr[0] == 0xFE && (x->s6_addr[1] & 0xC0) == 0x80;
                if (!link_local)
                    d->ipv6 = 1;
            }
        }
        for (IP_ADAPTER_DNS_SERVER_ADDRESS *s = a->FirstDnsServerAddress; s && d->ndns < 8; s = s->Next)
            addr_text(s->Address.lpSockaddr, d->dns[d->ndns++], sizeof d->dns[0]);
    }
    free(list);
    return (int)n;
}

int oqsdm_plat_resolve(const char *name, char (*addrs)[64], size_t max, size_t *n)
{
    *n = 0;
    wchar_t *w = oqsdm_utf8_to_wide(name);
    if (!w)
        return -1;
    ADDRINFOW hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = GetAddrInfoW(w, NULL, &hints, &res);
    free(w);
    if (rc != 0)
        return (rc == WSAHOST_NOT_FOUND || rc == EAI_NONAME || rc == WSANO_DATA) ? 1 : -1;
    for (ADDRINFOW *a = res; a && *n < max; a = a->ai_next) {
        char text[64];
        addr_text(a->ai_addr, text, sizeof text);
        int dup = !text[0];
        for (size_t k = 0; k < *n; k++)
            dup |= strcmp(addrs[k], text) == 0;
        if (!dup)
            snprintf(addrs[(*n)++], 64, "%s", text);
    }
    FreeAddrInfoW(res);
    return 0;
}

struct oqsdm_plat_thread {
    HANDLE h;
};

typedef struct start_args {
    void (*fn)(void *);
    void *arg;
} start_args;

static unsigned __stdcall trampoline(void *p)
{
    start_args a = *(start_args *)p;
    free(p);
    a.fn(a.arg);
    return 0;
}

oqsdm_plat_thread *oqsdm_plat_thread_start(void (*fn)(void *), void *arg)
{
    struct oqsdm_plat_thread *t = malloc(sizeof *t);
    start_args *a = malloc(sizeof *a);
    if (!t || !a) {
        free(t);
        free(a);
        return NULL;
    }
    a->fn = fn;
    a->arg = arg;
    t->h = (HANDLE)_beginthreadex(NULL, 0, trampoline, a, 0, NULL);
    if (!t->h) {
        free(a);
        free(t);
        return NULL;
    }
    return t;
}

void oqsdm_plat_thread_release(oqsdm_plat_thread *t)
{
    if (t) {
        CloseHandle(t->h);
        free(t);
    }
}

void oqsdm_plat_sleep_ms(long ms)
{
    Sleep((DWORD)ms);
}
