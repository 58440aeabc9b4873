/*
 * winhttp_win32.c: the machine-wide WinHTTP proxy, what the guide's
 * "proxy command" (netsh winhttp) sets and services use. On its own file
 * because winhttp.h and wininet.h cannot be included together.
 */
#include "oqsdm/platform.h"
#include "utf.h"

#include <stdio.h>
#include <stdlib.h>
#include <windows.h>
#include <winhttp.h>

int oqsdm_plat_winhttp_proxy(int *named, char *proxy, size_t proxy_size, char *bypass, size_t bypass_size)
{
    WINHTTP_PROXY_INFO info;
    memset(&info, 0, sizeof info);
    *named = 0;
    proxy[0] = bypass[0] = '\0';
    if (!WinHttpGetDefaultProxyConfiguration(&info))
        return -1;
    *named = info.dwAccessType == WINHTTP_ACCESS_TYPE_NAMED_PROXY && info.lpszProxy && info.lpszProxy[0];
    char *p = info.lpszProxy ? oqsdm_wide_to_utf8(info.lpszProxy) : NULL;
    char *b = info.lpszProxyBypass ? oqsdm_wide_to_utf8(info.lpszProxyBypass) : NULL;
    snprintf(proxy, proxy_size, "%s", p ? p : "");
    snprintf(bypass, bypass_size, "%s", b ? b : "");
    free(p);
    free(b);
    if (info.lpszProxy)
        GlobalFree(info.lpszProxy);
    if (info.lpszProxyBypass)
        GlobalFree(info.lpszProxyBypass);
    return 0;
}

int oqsdm_plat_set_winhttp_proxy(const char *server, const char *bypass)
{
    wchar_t *ws = oqsdm_utf8_to_wide(server), *wb = oqsdm_utf8_to_wide(bypass ? bypass : "");
    int rc = -1;
    if (ws && wb) {
        WINHTTP_PROXY_INFO info;
        info.dwAccessType = WINHTTP_ACCESS_TYPE_NAMED_PROXY;
        info.lpszProxy = ws;
        info.lpszProxyBypass = wb[0] ? wb : NULL;
        rc = WinHttpSetDefaultProxyConfiguration(&info) ? 0 : -1;
    }
    free(ws);
    free(wb);
    return rc;
}
