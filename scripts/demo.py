#!/usr/bin/env python3
"""demo.py: oqsdm's dialog under Wine against a local distribution server.

Run by scripts/demo.sh after the build. It uses the same real parts as the
tests (tests/integration/harness.py, tests/gui/test_gui.py): nginx serving
HTTPS for `localhost` with a CA made now (and a portal page with the section
「アプリケーションバージョン情報」), tinyproxy as the 配信拠点 proxy, and a Wine
prefix of its own holding a terminal as a vendor would leave it: the proxy
settings with the guide's server and bypass list in its registry, the three
Version.info files (the link app one version behind) and the INI.
`<-loopback>` is added to the bypass list because Windows would otherwise
send `localhost` around the proxy by itself; with it, the check really goes
through tinyproxy, and its log proves it.

Headless it presses, in turn, 「配信サーバーへの接続確認」, 「配信実績の確認」 and
「診断」, prints what each window says, and saves a screenshot of each.
"""

import argparse
import contextlib
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "integration"))
sys.path.insert(0, os.path.join(SOURCE, "tests", "gui"))
import harness  # noqa: E402
import test_gui  # noqa: E402

GUIDE_BYPASS = ("*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; "
                "*.obn.managedpki.ne.jp; *.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org")

PORTAL_PAGE = """<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8">
<title>ダウンロード | 医療機関等向け総合ポータルサイト (デモ)</title></head><body>
<h2>アプリケーションバージョン情報</h2>
<table><tr><th>アプリケーション</th><th>最新バージョン</th></tr>
<tr><td>配信アプリケーション</td><td>1.0.10</td></tr>
<tr><td>連携アプリケーション</td><td>1.2.3</td></tr>
<tr><td>顔認証ライブラリ</td><td>2.1.0</td></tr>
<tr><td>顔認証付きカードリーダーアプリケーション</td><td>3.0.1</td></tr></table></body></html>
"""

# What a terminal holds: the link app is one version behind.
VERSION_FILES = ((("Program Files", "OQS", "OQSDistroApp", "Version.Info"), "Version=1.0.10\r\n"),
                 (("Program Files", "OQS", "OQSComApp", "Version.info"), "Version=1.2.2\r\n"),
                 (("Program Files", "OQS-Auth", "Version.Info"), "Version=2.1.0\r\n"))


def display_works(display):
    if not display:
        return False
    r = subprocess.run(["xdpyinfo", "-display", display], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return r.returncode == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--wine", default="wine")
    o = ap.parse_args()
    o.build_dir = os.path.abspath(o.build_dir)
    o.oqsdm = os.path.join(o.build_dir, "oqsdm.exe")
    o.driver = os.path.join(o.build_dir, "tests", "gui", "oqsdm-gui-driver.exe")
    harness.install_signal_cleanup()

    work = harness.make_temp_dir("oqsdm-demo-")
    nginx = proxy = xvfb = prefix = app = None
    try:
        nginx = harness.Nginx(os.path.join(work, "nginx"))
        pki = harness.TestPKI(os.path.join(work, "pki"), nginx.crl_url_base)
        nginx.start(pki)
        proxy = harness.TinyProxy(os.path.join(work, "proxy"))
        proxy.start()
        url = nginx.url("/ping")
        nginx.put_static("post-12.html", PORTAL_PAGE)
        portal = nginx.url("/static/post-12.html")
        print("distribution server: %s" % url)
        print("proxy (配信拠点):     %s" % proxy.hostport)

        headless = not display_works(os.environ.get("DISPLAY"))
        if headless:
            xvfb = harness.Xvfb(work).start()
        display = xvfb.display if xvfb else os.environ["DISPLAY"]
        tar = harness.WinePrefix.ensure(o.build_dir, o.wine)
        prefix = test_gui.GuiPrefix(tar, display, o.wine)

        ca = os.path.join(prefix.c_drive, *harness.CA_REL)
        os.makedirs(os.path.dirname(ca), exist_ok=True)
        shutil.copyfile(pki.trusted.ca_pem, ca)
        ini = os.path.join(prefix.c_drive, *harness.INI_REL)
        os.makedirs(os.path.dirname(ini), exist_ok=True)
        with open(ini, "wb") as f:
            f.write(("; written by scripts/demo.py\r\n[oqsdm]\r\nDestination=base\r\nProvider=ntt-east\r\n"
                     "ConnectionKind=ipvpn\r\nServerUrl=%s\r\nPortalUrl=%s\r\nExpectedProxy=%s\r\n"
                     "CaFile=%s\r\nConnectTimeoutMs=5000\r\nTimeoutMs=15000\r\n"
                     % (url, portal, proxy.hostport, harness.CA_WINPATH)).encode("utf-8"))
        for rel, text in VERSION_FILES:
            path = os.path.join(prefix.c_drive, *rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(text.encode("utf-8"))
        for name, kind, value in (("ProxyEnable", "REG_DWORD", "1"),
                                  ("ProxyServer", "REG_SZ", proxy.hostport),
                                  ("ProxyOverride", "REG_SZ", "<-loopback>; " + GUIDE_BYPASS)):
            harness.run_tool([o.wine, "reg", "add", harness.INTERNET_SETTINGS, "/v", name, "/t", kind,
                              "/d", value, "/f"], env=prefix.env(), what="wine reg add " + name)

        if not headless:
            print("oqsdm is open on %s: press 「配信サーバーへの接続確認」. Close it to stop the servers." % display)
            app = subprocess.Popen([o.wine, o.oqsdm], env=prefix.env())
            app.wait()
            return 0

        t = test_gui.GuiTest(o)
        t.work, t.prefix = work, prefix
        app = t.launch()
        t.driver("--timeout", 30000, "wait-window")
        t.driver("click", test_gui.ID["IDC_BTN_CHECK_CONNECTION"])
        t.driver("--timeout", 30000, "wait-status", test_gui.T_OK, 30000, expect_rc=None)
        shots = [t.screenshot("demo-connection")]
        status = t.driver("get-text", test_gui.ID["IDC_STATUS"])
        message = t.driver("get-text", test_gui.ID["IDC_MESSAGE"])
        reason = t.driver("get-text", test_gui.ID["IDC_REASON"])
        detail = t.driver("get-text", test_gui.ID["IDC_DETAIL"])
        via = [line for line in proxy.log_text().splitlines() if "CONNECT" in line]
        print()
        print("【%s】 %s" % (status, message))
        print(reason)
        print(detail)
        print("proxy log: %s" % (via[-1].strip() if via else "(no CONNECT seen)"))

        # 配信実績の確認: the table, once the worker has fetched the portal page
        ID = test_gui.ID
        t.driver("post-click", ID["IDC_BTN_VERSIONS"])
        t.driver("--timeout", 30000, "--dlg", "versions", "wait-window")
        t.driver("--dlg", "versions", "wait-enabled", ID["IDC_VER_RECHECK"], 1, 30000)
        print()
        print("配信実績の確認: " + t.driver("--dlg", "versions", "get-text", ID["IDC_VER_SUMMARY"]))
        for row in t.driver("--dlg", "versions", "lv-cells", ID["IDC_VER_LIST"]).splitlines():
            print("  " + " | ".join(row.split("\t")))
        shots.append(t.screenshot("demo-versions", dlg="versions"))
        t.driver("--dlg", "versions", "close")
        t.driver("--timeout", 10000, "--dlg", "versions", "wait-gone")

        # 診断: every finding of the guide's chapter 2
        t.driver("post-click", ID["IDC_BTN_DIAGNOSE"])
        t.driver("--timeout", 30000, "--dlg", "diagnose", "wait-window")
        t.driver("--dlg", "diagnose", "wait-enabled", ID["IDC_DIAG_RERUN"], 1, 60000)
        print()
        print("診断: " + t.driver("--dlg", "diagnose", "get-text", ID["IDC_DIAG_SUMMARY"]))
        for row in t.driver("--dlg", "diagnose", "lv-cells", ID["IDC_DIAG_LIST"]).splitlines():
            print("  " + " | ".join(row.split("\t")))
        shots.append(t.screenshot("demo-diagnose", dlg="diagnose"))
        t.driver("--dlg", "diagnose", "close")
        t.driver("--timeout", 10000, "--dlg", "diagnose", "wait-gone")
        t.driver("close")
        print()
        for shot in shots:
            print("screenshot: %s" % shot)
        return 0 if status == test_gui.T_OK else 1
    finally:
        if app is not None and app.poll() is None:
            with contextlib.suppress(Exception):
                harness.stop_process_group(app, grace=3)
        for part in (prefix, xvfb):
            if part is not None:
                with contextlib.suppress(Exception):
                    part.close() if hasattr(part, "close") else part.stop()
        for server in (proxy, nginx):
            if server is not None:
                with contextlib.suppress(Exception):
                    server.stop()
        harness.remove_tree(work)


if __name__ == "__main__":
    sys.exit(main())
