#!/usr/bin/env python3
"""test_versions.py: the version check (配信実績の確認) with real parts.

    test_versions.py --runner native --cli build/native-asan/oqsdm-cli --build-dir build/native-asan
    test_versions.py --runner wine --cli build/win64/oqsdm-cli.exe --build-dir build/win64 [--wine PATH]

Any further arguments go to unittest (-v, -k PATTERN, test names).

The portal page is served by a real nginx over HTTPS (test CA, `localhost`),
in UTF-8 and in Shift_JIS; the version files are real files at the guide's
paths (natively under --root, under Wine on the prefix's C:\\Program Files);
the installed programs are real Uninstall keys written with `wine reg add`
(natively: the file the native build reads instead). Each test asserts what
a user gets: exit code, status per application, versions, where the latest
versions came from, and the log line.
"""

import json
import os
import shutil
import sys
import time
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402

OPTS = None
ENV = None

UNINSTALL = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"
STATE_REL = ("ProgramData", "OQS", "OQSDistroApp", "oqsdm")

# A portal page as the portal might write it: news above with other
# numbers, the section as a table with per-vendor rows for the reader,
# a manual list below with yet other numbers.
PORTAL_PAGE = """<!DOCTYPE html>
<html lang="ja"><head>{meta}<title>ダウンロード | 医療機関等向け総合ポータルサイト</title></head>
<body>
<h2>お知らせ</h2>
<ul><li>2024年06月01日 配信アプリケーション 1.0.99 のお知らせ</li>
<li>連携アプリケーション 9.9.9 を公開予定です</li></ul>
<h2>アプリケーションバージョン情報</h2>
<table>
<tr><th>アプリケーション</th><th>メーカー</th><th>最新バージョン</th><th>公開日</th></tr>
<tr><td>配信アプリケーション</td><td>－</td><td><span>Ver.</span><b>1.0.10</b></td><td>2024.06.30</td></tr>
<tr><td>連携アプリケーション</td><td>－</td><td>1.2.3</td><td>2024.05.01</td></tr>
<tr><td>顔認証ライブラリ</td><td>－</td><td>２．１．０</td><td>2024.04.01</td></tr>
<tr><td rowspan="3">顔認証付きカードリーダーアプリケーション</td><td>キヤノンマーケティングジャパン</td><td>4.4.4</td><td>2024.03.01</td></tr>
<tr><td>パナソニックコネクト</td><td>2.0.1</td><td>2024.03.01</td></tr>
<tr><td>アルメックス</td><td>1.0.4</td><td>2024.03.01</td></tr>
</table>
<h2>マニュアル</h2><p>配信アプリケーション 8.8.8 操作マニュアル</p>
</body></html>
"""

NO_SECTION_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<h2>お知らせ</h2><p>配信アプリケーション 1.0.10 を公開しました。連携アプリケーション 1.2.3</p>
<table><tr><td>顔認証ライブラリ</td><td>2.1.0</td></tr></table></body></html>
"""


def utf16le(text):
    return b"\xff\xfe" + text.encode("utf-16-le")


def setUpModule():
    global ENV
    ENV = harness.Bench(OPTS, "versions", static={
        "portal.html": PORTAL_PAGE.format(meta='<meta charset="UTF-8">'),
        # Shift_JIS said only in the HTTP header: libxml2 on Windows has no
        # iconv, so this is decoded by oqsdm itself.
        "portal.sjis.html": PORTAL_PAGE.format(meta="").encode("cp932"),
        "nosection.html": NO_SECTION_PAGE,
    })
    unittest.addModuleCleanup(ENV.stop)
    ENV.start()


class VersionCheck(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.runner = ENV.runner
        self.nginx = ENV.nginx
        self.runner.reset()
        self.c = self.runner.c_drive
        self.wine = ENV.opts.runner == "wine"
        for rel in (("Program Files", "OQS"), ("Program Files", "OQS-Auth"), STATE_REL, ("oqsdm-test", "pages")):
            shutil.rmtree(os.path.join(self.c, *rel), ignore_errors=True)
        self.programs = []
        self.uninstall_keys = []

    def tearDown(self):
        for key, view in self.uninstall_keys if self.wine else ():
            self.runner._wine("reg", "delete", key, "/f", *view, ok_codes=(0, 1))

    # ---- the terminal

    def put(self, rel, data):
        p = os.path.join(self.c, *rel.split("\\"))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return p

    def install_typical(self):
        """distro latest (UTF-8, BOM), com outdated (UTF-16 LE, CRLF, with
        a date line), face newer (CP932, full-width, バージョン：)."""
        self.put(r"Program Files\OQS\OQSDistroApp\Version.Info", b"\xef\xbb\xbfVersion=1.0.10\r\n")
        self.put(r"Program Files\OQS\OQSComApp\Version.info",
                 utf16le("OqsComApp\r\nVersion=1.2.2\r\nDate=2024/05/01\r\n"))
        self.put(r"Program Files\OQS-Auth\Version.Info", "顔認証ライブラリ\r\nバージョン：２．１．１\r\n".encode("cp932"))

    def add_program(self, name, view="64"):
        """A program in Apps & features: an Uninstall key (Wine) or a line in
        the list the native build reads."""
        if self.wine:
            key = UNINSTALL + "\\oqsdm-test-%d" % len(self.uninstall_keys)
            flag = ["/reg:32"] if view == "32" else ["/reg:64"]
            self.runner._wine("reg", "add", key, "/v", "DisplayName", "/t", "REG_SZ", "/d", name, "/f", *flag)
            self.uninstall_keys.append((key, flag))
        else:
            self.programs.append(name)

    def ini(self, portal_path="/static/portal.html", destination="cloud", **extra):
        values = {"Destination": destination, "CaFile": self.runner.ca_value(),
                  "ConnectTimeoutMs": "3000", "TimeoutMs": "8000",
                  "PortalUrl": self.nginx.url(portal_path)}
        values.update(extra)
        self.runner.write_ini(values)
        return values["PortalUrl"]

    def state_file(self, name):
        return os.path.join(self.c, *STATE_REL, name)

    # ---- running

    def versions(self, *args, exit_code=None):
        env = None
        if not self.wine:
            names = os.path.join(self.runner.root, "uninstall-names.txt")
            with open(names, "w", encoding="utf-8") as f:
                f.write("".join(n + "\n" for n in self.programs))
            env = {"OQSDM_UNINSTALL_NAMES": names}
        r = self.runner.run(args=["versions", "--json"] + list(args), env=env)
        ctx = "\n" + r.describe()
        self.assertIsNotNone(r.json, "stdout is not one JSON object" + ctx)
        if exit_code is not None:
            self.assertEqual(r.exit_code, exit_code, ctx)
        r.ctx = ctx
        if "apps" in r.json:
            r.apps = {a["id"]: a for a in r.json["apps"]}
            self.assertEqual([a["id"] for a in r.json["apps"]], ["distro", "com", "face", "reader"], ctx)
        return r

    def assertApp(self, r, app, status, installed="-", latest="-"):
        a = r.apps[app]
        self.assertEqual(a["status"], status, "%s%s" % (app, r.ctx))
        if installed != "-":
            self.assertEqual(a["installed"], installed, "%s installed%s" % (app, r.ctx))
        if latest != "-":
            self.assertEqual(a["latest"], latest, "%s latest%s" % (app, r.ctx))
        self.assertTrue(a["reason"], "%s has a reason%s" % (app, r.ctx))

    # ---- tests

    def test_fetched_from_portal(self):
        self.install_typical()
        self.add_program("顔認証付きカードリーダー管理アプリ", view="32")  # Canon's PC tool, a 32-bit program
        url = self.ini()
        before = self.nginx.access_log_text()
        r = self.versions(exit_code=1)
        self.assertApp(r, "distro", "latest", "1.0.10", "1.0.10")
        self.assertApp(r, "com", "outdated", "1.2.2", "1.2.3")
        self.assertApp(r, "face", "newer", "2.1.1", "2.1.0")
        self.assertEqual(r.apps["face"]["installed_raw"], "２．１．１", r.ctx)
        self.assertApp(r, "reader", "unknown", None, "4.4.4")   # Canon's row; nothing entered yet
        self.assertEqual(r.apps["reader"]["reason_code"], "not_entered", r.ctx)
        self.assertEqual(r.json["reader"]["vendor"], "canon", r.ctx)
        self.assertEqual(r.json["reader"]["vendor_source"], "installed_programs", r.ctx)
        src = r.json["latest_source"]
        self.assertEqual((src["location"], src["origin"], src["from_cache"]), (url, "fetched", False), r.ctx)
        self.assertRegex(src["fetched_at"] or "", r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", r.ctx)
        self.assertIn('"GET /static/portal.html HTTP/1.1" 200', self.nginx.access_log_text()[len(before):])
        if self.wine:
            self.assertEqual(r.apps["com"]["path"], r"C:\Program Files\OQS\OQSComApp\Version.info", r.ctx)
        with open(self.state_file("portal-cache.json"), encoding="utf-8") as f:
            cache = json.load(f)
        self.assertEqual(cache["entries"][0]["url"], url)
        self.assertEqual(len(r.new_log_lines), 1, r.ctx)
        self.assertEqual(r.new_log_lines[0].split("\t")[1:3], ["versions", "fail"], r.ctx)

    def test_cache_when_the_portal_cannot_be_reached(self):
        self.install_typical()
        site = harness.Nginx(ENV.path("nginx-portal-%d" % time.monotonic_ns()))
        site.put_static("portal.html", PORTAL_PAGE.format(meta='<meta charset="UTF-8">'))
        with site.start(ENV.pki):
            url = site.url("/static/portal.html")
            self.ini(PortalUrl=url)
            first = self.versions(exit_code=1)
            self.assertEqual(first.json["latest_source"]["origin"], "fetched", first.ctx)
        # the portal is gone now: the last good result is shown with its date
        r = self.versions(exit_code=1)
        src = r.json["latest_source"]
        self.assertEqual((src["origin"], src["from_cache"], src["expired"]), ("cache", True, False), r.ctx)
        self.assertEqual(src["fetched_at"], first.json["latest_source"]["fetched_at"], r.ctx)
        self.assertEqual(src["fetch_reason_code"], "refused", r.ctx)
        # the note shows the date as people read it: "2026-12-01 09:00"
        self.assertIn(src["fetched_at"][:10] + " " + src["fetched_at"][11:16], src["note"], r.ctx)
        # why, then what is shown instead: two sentences, not run together
        self.assertRegex(src["note"], r"\. Showing the data fetched before", r.ctx)
        self.assertApp(r, "com", "outdated", "1.2.2", "1.2.3")
        # older than PortalMaxAgeDays (14): it no longer counts
        path = self.state_file("portal-cache.json")
        with open(path, encoding="utf-8") as f:
            cache = json.load(f)
        cache["entries"][0]["fetched_unix"] -= 15 * 86400
        with open(path, "w", encoding="utf-8") as f:
            json.dump(cache, f)
        r = self.versions(exit_code=3)
        self.assertTrue(r.json["latest_source"]["expired"], r.ctx)
        for app in ("distro", "com", "face"):
            self.assertApp(r, app, "unknown", latest=None)
        # ... unless the INI allows older data
        self.ini(PortalUrl=url, PortalMaxAgeDays="30")
        r = self.versions(exit_code=1)
        self.assertEqual(r.json["latest_source"]["origin"], "cache", r.ctx)

    def test_saved_page_without_ini(self):
        self.install_typical()
        page = self.put(r"oqsdm-test\pages\portal.html", PORTAL_PAGE.format(meta='<meta charset="UTF-8">'))
        arg = r"C:\oqsdm-test\pages\portal.html" if self.wine else page
        r = self.versions("--portal", arg, exit_code=1)   # no INI at all (reset removed it)
        src = r.json["latest_source"]
        self.assertEqual((src["origin"], src["location"], src["fetched_at"]), ("file", arg, None), r.ctx)
        self.assertApp(r, "com", "outdated", "1.2.2", "1.2.3")
        self.assertFalse(os.path.exists(self.state_file("portal-cache.json")), "a saved page must not fill the cache")

    def test_portal_url_option_leaves_the_cache_alone(self):
        self.install_typical()
        self.ini()
        r = self.versions("--portal", self.nginx.url("/static/portal.sjis.html"), exit_code=1)
        self.assertEqual(r.json["latest_source"]["origin"], "fetched", r.ctx)
        self.assertApp(r, "distro", "latest", "1.0.10", "1.0.10")
        self.assertFalse(os.path.exists(self.state_file("portal-cache.json")))

    def test_shift_jis_page(self):
        self.install_typical()
        self.ini("/static/portal.sjis.html")
        r = self.versions(exit_code=1)
        self.assertApp(r, "distro", "latest", "1.0.10", "1.0.10")
        self.assertApp(r, "face", "newer", "2.1.1", "2.1.0")

    def test_page_without_the_section(self):
        self.install_typical()
        self.ini("/static/nosection.html")
        r = self.versions(exit_code=3)
        for app in ("distro", "com", "face", "reader"):
            self.assertIsNone(r.apps[app]["latest"], "no number from elsewhere on the page" + r.ctx)
            self.assertEqual(r.apps[app]["status"], "unknown", r.ctx)
        self.assertEqual(r.json["latest_source"]["page"], "no_section", r.ctx)
        self.assertFalse(os.path.exists(self.state_file("portal-cache.json")), "not a good result")

    def test_folder_where_the_version_file_should_be(self):
        self.install_typical()
        os.remove(os.path.join(self.c, "Program Files", "OQS-Auth", "Version.Info"))
        os.makedirs(os.path.join(self.c, "Program Files", "OQS-Auth", "Version.Info"))
        self.ini()
        r = self.versions(exit_code=1)
        # red as missing (there is no version file), but the reason says what
        # is there, not "does not exist (not installed)"
        self.assertApp(r, "face", "missing", None, "2.1.0")
        self.assertEqual(r.apps["face"]["reason_code"], "file_folder", r.ctx)
        self.assertIn("folder", r.apps["face"]["reason"], r.ctx)
        self.assertNotIn("not installed", r.apps["face"]["reason"], r.ctx)

    def test_not_installed(self):
        self.put(r"Program Files\OQS\OQSDistroApp\Version.Info", "1.0.10\n")
        self.ini()
        r = self.versions(exit_code=1)
        self.assertApp(r, "com", "missing", None, "1.2.3")
        self.assertApp(r, "face", "missing", None, "2.1.0")
        self.assertIn("Version.info", r.apps["com"]["reason"], r.ctx)

    def test_reader_entered_by_hand(self):
        self.put(r"Program Files\OQS\OQSDistroApp\Version.Info", "1.0.10\n")
        self.put(r"Program Files\OQS\OQSComApp\Version.info", "1.2.3\n")
        self.put(r"Program Files\OQS-Auth\Version.Info", "2.1.0\n")
        self.ini()
        r = self.versions("--vendor", "panasonic", "--reader-version", "Ver.２．０．１", exit_code=0)
        self.assertApp(r, "reader", "latest", "2.0.1", "2.0.1")
        self.assertEqual(r.apps["reader"]["installed_source"], "manual", r.ctx)
        self.assertTrue(r.apps["reader"]["entered_at"], r.ctx)
        self.assertEqual(r.json["reader"]["vendor_source"], "entered", r.ctx)
        # remembered for the next check
        r = self.versions(exit_code=0)
        self.assertApp(r, "reader", "latest", "2.0.1", "2.0.1")
        # another vendor: its own row, and the number read on Panasonic's
        # reader is not taken for ALMEX's (it was 'newer', green, before)
        r = self.versions("--vendor", "almex", exit_code=3)
        self.assertApp(r, "reader", "unknown", None, "1.0.4")
        self.assertEqual(r.apps["reader"]["reason_code"], "entered_for_other_vendor", r.ctx)
        self.assertIn("2.0.1", r.apps["reader"]["reason"], r.ctx)
        self.assertIsNone(r.apps["reader"]["entered_at"], r.ctx)
        # what staff type now is ALMEX's; Panasonic again brings its own back
        r = self.versions("--reader-version", "1.0.4", exit_code=0)
        self.assertApp(r, "reader", "latest", "1.0.4", "1.0.4")
        r = self.versions("--vendor", "panasonic", "--reader-version", "2.0.1", exit_code=0)
        self.assertApp(r, "reader", "latest", "2.0.1", "2.0.1")
        # typing mistakes are refused, nothing saved
        bad = self.versions("--reader-version", "abc", exit_code=2)
        self.assertEqual(bad.json["error"]["code"], "usage", bad.ctx)
        bad = self.versions("--vendor", "sony", exit_code=2)
        self.assertIn("sony", bad.json["error"]["message"], bad.ctx)
        r = self.versions(exit_code=0)
        self.assertEqual(r.apps["reader"]["installed"], "2.0.1", r.ctx)

    def test_reader_version_stays_with_the_guessed_vendor(self):
        # typed while the maker was only guessed from the installed programs
        self.put(r"Program Files\OQS\OQSDistroApp\Version.Info", "1.0.10\n")
        self.put(r"Program Files\OQS\OQSComApp\Version.info", "1.2.3\n")
        self.put(r"Program Files\OQS-Auth\Version.Info", "2.1.0\n")
        self.add_program("顔認証付きカードリーダー管理アプリ")   # Canon's tool
        self.ini()
        r = self.versions("--reader-version", "4.4.4", exit_code=0)
        self.assertApp(r, "reader", "latest", "4.4.4", "4.4.4")
        # a second maker's tool appears: the number is still Canon's reader's
        self.add_program("パナソニック 顔認証付きカードリーダーアプリ")
        r = self.versions(exit_code=0)
        self.assertApp(r, "reader", "latest", "4.4.4", "4.4.4")
        self.assertEqual(r.json["reader"]["vendor"], "canon", r.ctx)
        # staff say it is Panasonic's reader: Canon's number does not count
        r = self.versions("--vendor", "panasonic", exit_code=3)
        self.assertApp(r, "reader", "unknown", None, "2.0.1")
        self.assertEqual(r.apps["reader"]["reason_code"], "entered_for_other_vendor", r.ctx)

    def test_vendor_from_64_bit_program_and_ambiguous(self):
        self.install_typical()
        self.add_program("マイナタッチ管理コンソール")
        self.ini()
        r = self.versions(exit_code=1)
        self.assertEqual(r.json["reader"]["vendor"], "almex", r.ctx)
        self.assertEqual(r.apps["reader"]["latest"], "1.0.4", r.ctx)
        self.add_program("EXC-9000管理ツール", view="32")
        r = self.versions(exit_code=1)
        self.assertIsNone(r.json["reader"]["vendor"], r.ctx)
        self.assertTrue(r.json["reader"]["ambiguous"], r.ctx)
        self.assertEqual(r.apps["reader"]["reason_code"], "not_entered", r.ctx)

    def test_through_the_proxy(self):
        self.install_typical()
        proxy = ENV.proxy
        self.runner.set_proxy(harness.ProxySettings(True, proxy.hostport, "<-loopback>"))
        self.ini(destination="base")
        before = proxy.log_text()
        r = self.versions(exit_code=1)
        self.assertEqual(r.json["latest_source"]["origin"], "fetched", r.ctx)
        self.assertIn("CONNECT localhost:%d " % self.nginx.https, proxy.log_text()[len(before):], r.ctx)

    def test_errors(self):
        r = self.versions(exit_code=2)               # no INI and no --portal: the guide's remedy
        self.assertEqual(r.json["error"]["code"], "ini_missing", r.ctx)
        missing = r"C:\oqsdm-test\no-such-page.html" if self.wine else os.path.join(self.c, "no-such-page.html")
        r = self.versions("--portal", missing, exit_code=2)
        self.assertEqual(r.json["error"]["code"], "io", r.ctx)
        self.assertIn("no-such-page.html", r.json["error"]["message"], r.ctx)
        r = self.versions("--portal", exit_code=2)
        self.assertEqual(r.json["error"]["code"], "usage", r.ctx)
        self.ini(PortalMaxAgeDays="0")
        r = self.versions(exit_code=2)
        self.assertEqual(r.json["error"]["code"], "ini_value", r.ctx)
        self.assertIn("PortalMaxAgeDays", r.json["error"]["message"], r.ctx)


if __name__ == "__main__":
    harness.suite_main("versions", sys.modules[__name__])
