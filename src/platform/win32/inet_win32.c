/*
 * inet_win32.c: changing the user's proxy settings, and exact registry
 * snapshots to put them back.
 *
 * A fix goes through WinINet (InternetSetOptionW, per-connection
 * options), as the Settings app does, so every program that reads the
 * settings sees it. Two things are checked afterwards by reading the
 * registry directly, a path other than the one that wrote:
 *  - Wine's WinINet stores the flags and the server but never the bypass
 *    list (seen with Wine 8); a bypass list that did not arrive is then
 *    written to ProxyOverride, the value WinINet itself reads;
 *  - the flags are read first and only the proxy bit changes, so auto
 *    detection and an automatic configuration script stay as they were.
 *  - whether the proxy is on is taken from the registry as oqsdm reads it
 *    (platform_win32.c accepts the string "1" some tools write), never from
 *    WinINet: Wine's WinINet reads a ProxyEnable that is not a DWORD as 0,
 *    and rewrites it so, on any query or PRECONFIG handle.
 * Undo never goes through WinINet for the same reason: snapshots are
 * restored with the registry API, and only the settings-changed
 * notification follows, through a handle that reads no settings.
 */
#include "oqsdm/platform.h"
#include "utf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <wininet.h>

static const wchar_t INET_KEY[] = L"Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings";
#define INET_KEY_U8 "Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"

static HKEY root_key(oqsdm_reg_root r)
{
    return r == OQSDM_REG_HKLM ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER;
}

int oqsdm_plat_reg_read(oqsdm_reg_value *v)
{
    wchar_t *key = oqsdm_utf8_to_wide(v->key), *name = oqsdm_utf8_to_wide(v->name);
    v->key_present = v->present = 0;
    v->type = 0;
    v->len = 0;
    int rc = -1;
    HKEY h;
    if (!key || !name)
        goto done;
    LSTATUS st = RegOpenKeyExW(root_key(v->root), key, 0, KEY_READ | KEY_WOW64_64KEY, &h);
    if (st == ERROR_FILE_NOT_FOUND) {
        rc = 0;
        goto done;
    }
    if (st != ERROR_SUCCESS) {
        SetLastError((DWORD)st);
        goto done;
    }
    v->key_present = 1;
    DWORD type = 0, bytes = (DWORD)sizeof v->data;
    st = RegQueryValueExW(h, name, NULL, &type, v->data, &bytes);
    RegCloseKey(h);
    if (st == ERROR_FILE_NOT_FOUND) {
        rc = 0;
    } else if (st == ERROR_SUCCESS) {
        v->present = 1;
        v->type = type;
        v->len = bytes;
        rc = 0;
    } else {
        SetLastError((DWORD)st);
    }
done:
    free(key);
    free(name);
    return rc;
}

int oqsdm_plat_reg_restore(const oqsdm_reg_value *v)
{
    wchar_t *key = oqsdm_utf8_to_wide(v->key), *name = oqsdm_utf8_to_wide(v->name);
    int rc = -1;
    HKEY h;
    LSTATUS st;
    if (!key || !name || v->len > sizeof v->data)
        goto done;
    if (v->present) {
        st = RegCreateKeyExW(root_key(v->root), key, 0, NULL, 0, KEY_WRITE | KEY_WOW64_64KEY, NULL, &h, NULL);
        if (st == ERROR_SUCCESS) {
            st = RegSetValueExW(h, name, 0, (DWORD)v->type, v->data, (DWORD)v->len);
            RegCloseKey(h);
        }
        rc = st == ERROR_SUCCESS ? 0 : -1;
        if (rc)
            SetLastError((DWORD)st);
        goto done;
    }
    st = RegOpenKeyExW(root_key(v->root), key, 0, KEY_READ | KEY_WRITE | KEY_WOW64_64KEY, &h);
    if (st == ERROR_FILE_NOT_FOUND) {
        rc = 0;
        goto done;
    }
    if (st != ERROR_SUCCESS) {
        SetLastError((DWORD)st);
        goto done;
    }
    st = RegDeleteValueW(h, name);
    DWORD subkeys = 1, values = 1;
    RegQueryInfoKeyW(h, NULL, NULL, NULL, &subkeys, NULL, NULL, &values, NULL, NULL, NULL, NULL);
    RegCloseKey(h);
    if (st != ERROR_SUCCESS && st != ERROR_FILE_NOT_FOUND) {
        SetLastError((DWORD)st);
        goto done;
    }
    /* A key the fix made (WinHTTP's Connections on a fresh machine) goes too. */
    if (!v->key_present && subkeys == 0 && values == 0)
        RegDeleteKeyExW(root_key(v->root), key, KEY_WOW64_64KEY, 0);
    rc = 0;
done:
    free(key);
    free(name);
    return rc;
}

static size_t fill(oqsdm_reg_value *out, size_t max, oqsdm_reg_root root, const char *const (*kv)[2], size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < max; i++, k++) {
        memset(&out[k], 0, sizeof out[k]);
        out[k].root = root;
        snprintf(out[k].key, sizeof out[k].key, "%s", kv[i][0]);
        snprintf(out[k].name, sizeof out[k].name, "%s", kv[i][1]);
    }
    return k;
}

size_t oqsdm_plat_proxy_values(oqsdm_reg_value *out, size_t max)
{
    static const char *const kv[][2] = {
        {INET_KEY_U8, "ProxyEnable"},
        {INET_KEY_U8, "ProxyServer"},
        {INET_KEY_U8, "ProxyOverride"},
        {INET_KEY_U8 "\\Connections", "DefaultConnectionSettings"},
        {INET_KEY_U8 "\\Connections", "SavedLegacySettings"},
    };
    oqsdm_proxy_settings s;
    oqsdm_plat_user_proxy(&s);
    size_t n = fill(out, max, OQSDM_REG_HKCU, kv, sizeof kv / sizeof kv[0]);
    /* Machine-wide settings (ProxySettingsPerUser=0) are in HKLM; a WinINet
     * that ignores the policy (Wine's) writes HKCU all the same: keep both. */
    if (strncmp(s.source, "HKLM", 4) == 0)
        n += fill(out + n, max - n, OQSDM_REG_HKLM, kv, sizeof kv / sizeof kv[0]);
    return n;
}

size_t oqsdm_plat_winhttp_values(oqsdm_reg_value *out, size_t max)
{
    static const char *const kv[][2] = {{INET_KEY_U8 "\\Connections", "WinHttpSettings"}};
    return fill(out, max, OQSDM_REG_HKLM, kv, 1);
}

void oqsdm_plat_proxy_changed(void)
{
    InternetSetOptionW(NULL, INTERNET_OPTION_SETTINGS_CHANGED, NULL, 0);
    /* REFRESH needs a handle (a NULL one is refused, error 12018); a DIRECT
     * one, since a PRECONFIG one reads, and under Wine rewrites, the settings. */
    HINTERNET h = InternetOpenW(L"oqsdm", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    if (h) {
        InternetSetOptionW(h, INTERNET_OPTION_REFRESH, NULL, 0);
        InternetCloseHandle(h);
    }
}

/* The registry value as text, "" when absent. */
static void reg_text(HKEY root, const wchar_t *name, wchar_t *out, DWORD size)
{
    out[0] = L'\0';
    DWORD bytes = size * (DWORD)sizeof out[0];
    if (RegGetValueW(root, INET_KEY, name, RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, NULL, out, &bytes) !=
        ERROR_SUCCESS)
        out[0] = L'\0';
}

int oqsdm_plat_set_user_proxy(int enable, const char *server, const char *override)
{
    wchar_t *ws = server ? oqsdm_utf8_to_wide(server) : NULL;
    wchar_t *wo = override ? oqsdm_utf8_to_wide(override) : NULL;
    int rc = -1;
    if ((server && !ws) || (override && !wo))
        goto done;

    INTERNET_PER_CONN_OPTIONW opt[3];
    INTERNET_PER_CONN_OPTION_LISTW list;
    DWORD size = sizeof list;
    memset(&list, 0, sizeof list);
    list.dwSize = sizeof list;
    list.dwOptionCount = 1;
    list.pOptions = opt;
    opt[0].dwOption = INTERNET_PER_CONN_FLAGS;
    opt[0].Value.dwValue = 0;
    /* On or off as oqsdm reads it, before WinINet is asked anything. */
    oqsdm_proxy_settings was;
    oqsdm_plat_user_proxy(&was);
    int on = enable >= 0 ? enable : was.enabled;
    DWORD flags = PROXY_TYPE_DIRECT;
    if (InternetQueryOptionW(NULL, INTERNET_OPTION_PER_CONNECTION_OPTION, &list, &size))
        flags = opt[0].Value.dwValue | PROXY_TYPE_DIRECT;  /* keep auto-detect and the script */
    if (on)
        flags |= PROXY_TYPE_PROXY;
    else
        flags &= ~(DWORD)PROXY_TYPE_PROXY;
    enable = on;

    DWORD n = 0;
    opt[n].dwOption = INTERNET_PER_CONN_FLAGS;
    opt[n++].Value.dwValue = flags;
    if (ws) {
        opt[n].dwOption = INTERNET_PER_CONN_PROXY_SERVER;
        opt[n++].Value.pszValue = ws;
    }
    if (wo) {
        opt[n].dwOption = INTERNET_PER_CONN_PROXY_BYPASS;
        opt[n++].Value.pszValue = wo;
    }
    list.dwOptionCount = n;
    if (!InternetSetOptionW(NULL, INTERNET_OPTION_PER_CONNECTION_OPTION, &list, sizeof list))
        goto done;

    /* Read back through the registry; put what did not arrive where WinINet reads it. */
    oqsdm_proxy_settings s;
    oqsdm_plat_user_proxy(&s);
    HKEY root = strncmp(s.source, "HKLM", 4) == 0 ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER;
    HKEY h;
    if (RegOpenKeyExW(root, INET_KEY, 0, KEY_READ | KEY_WRITE, &h) != ERROR_SUCCESS)
        goto done;
    static wchar_t now[4096];
    LSTATUS st = ERROR_SUCCESS;
    if (ws) {
        reg_text(root, L"ProxyServer", now, sizeof now / sizeof now[0]);
        if (wcscmp(now, ws) != 0)
            st = RegSetValueExW(h, L"ProxyServer", 0, REG_SZ, (const BYTE *)ws, (DWORD)((wcslen(ws) + 1) * sizeof *ws));
    }
    if (st == ERROR_SUCCESS && wo) {
        reg_text(root, L"ProxyOverride", now, sizeof now / sizeof now[0]);
        if (wcscmp(now, wo) != 0)
            st = RegSetValueExW(h, L"ProxyOverride", 0, REG_SZ, (const BYTE *)wo,
                                (DWORD)((wcslen(wo) + 1) * sizeof *wo));
    }
    if (st == ERROR_SUCCESS && enable >= 0) {
        DWORD e = 0, bytes = sizeof e;
        if (RegGetValueW(root, INET_KEY, L"ProxyEnable", RRF_RT_REG_DWORD, NULL, &e, &bytes) != ERROR_SUCCESS ||
            (e != 0) != (enable != 0)) {
            e = enable ? 1 : 0;
            st = RegSetValueExW(h, L"ProxyEnable", 0, REG_DWORD, (const BYTE *)&e, sizeof e);
        }
    }
    RegCloseKey(h);
    if (st != ERROR_SUCCESS) {
        SetLastError((DWORD)st);
        goto done;
    }
    oqsdm_plat_proxy_changed();
    rc = 0;
done:
    free(ws);
    free(wo);
    return rc;
}
