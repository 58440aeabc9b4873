#!/usr/bin/env python3
"""demo.py: oqsdm's dialog under Wine against a local distribution server.

Run by scripts/demo.sh after the build. It uses the same real parts as the
tests (tests/integration/harness.py, tests/gui/test_gui.py): nginx serving
HTTPS for `localhost` with a CA made now, tinyproxy as the 配信拠点 proxy, and
a Wine prefix of its own whose registry holds the proxy settings a vendor
would set (the guide's server and bypass list). `<-loopback>` is added to the
bypass list because Windows would otherwise send `localhost` around the
proxy by itself; with it, the check really goes through tinyproxy, and its
log proves it.
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
        print("distribution server: %s" % url)
        print("proxy (配信拠点):     %s" % proxy.hostport)

        headless = not display_works(os.environ.get("DISPLAY"))
        if headless:
            xvfb = test_gui.Xvfb(work).start()
        display = xvfb.display if xvfb else os.environ["DISPLAY"]
        tar = harness.WinePrefix.ensure(o.build_dir, o.wine)
        prefix = test_gui.GuiPrefix(tar, display, o.wine)

        ca = os.path.join(prefix.c_drive, *harness.CA_REL)
        os.makedirs(os.path.dirname(ca), exist_ok=True)
        shutil.copyfile(pki.trusted.ca_pem, ca)
        ini = os.path.join(prefix.c_drive, *harness.INI_REL)
        os.makedirs(os.path.dirname(ini), exist_ok=True)
        with open(ini, "wb") as f:
            f.write(("; written by scripts/demo.py\r\n[oqsdm]\r\nDestination=base\r\nServerUrl=%s\r\n"
                     "CaFile=%s\r\nConnectTimeoutMs=5000\r\nTimeoutMs=15000\r\n"
                     % (url, harness.CA_WINPATH)).encode("utf-8"))
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
        shot = t.screenshot("demo-connection")
        status = t.driver("get-text", test_gui.ID["IDC_STATUS"])
        message = t.driver("get-text", test_gui.ID["IDC_MESSAGE"])
        reason = t.driver("get-text", test_gui.ID["IDC_REASON"])
        detail = t.driver("get-text", test_gui.ID["IDC_DETAIL"])
        t.driver("close")
        via = [line for line in proxy.log_text().splitlines() if "CONNECT" in line]
        print()
        print("【%s】 %s" % (status, message))
        print(reason)
        print(detail)
        print("proxy log: %s" % (via[-1].strip() if via else "(no CONNECT seen)"))
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
