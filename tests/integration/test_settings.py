#!/usr/bin/env python3
"""test_settings.py: `oqsdm-cli settings` (設定の変更) on real files.

    test_settings.py --runner native --cli build/native-asan/oqsdm-cli --build-dir build/native-asan
    test_settings.py --runner wine --cli build/win64/oqsdm-cli.exe --build-dir build/win64 [--wine PATH]

Any further arguments go to unittest (-v, -k PATTERN, test names).

Natively the INI is under --root; under Wine it is on the prefix's real C:
at the guide's path, written and read back by this test through the host's
file system (a different path than the one the program used). Each test
asserts what the user gets: the exit code, the JSON, the file's bytes (the
lines oqsdm did not change survive byte for byte, in UTF-8, UTF-16 LE and
CP932), the .bak, and that a refused write leaves nothing behind.
"""

import os
import shutil
import sys
import unittest

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402

OPTS = None
ENV = None

INI_NAME = "OQSDistroApp.ini"


def setUpModule():
    global ENV
    ENV = harness.Bench(OPTS, "settings", servers=False)
    unittest.addModuleCleanup(ENV.stop)
    ENV.start()


# The file a vendor's terminal might really hold: the distribution app's own
# section, comments in Japanese, a section of someone else, and ours.
SAMPLE = ("; 配信アプリケーションの設定ファイル (編集しないでください)\r\n"
          "[Distro]\r\n"
          "ServerUrl=https://not-ours.example/\r\n"
          "メモ=本番環境\r\n"
          "\r\n"
          "[oqsdm]\r\n"
          "Destination = base\r\n"
          "ServerUrl=\"https://dist.example/ping\"\r\n"
          "; 接続先はガイドの表で決めます\r\n"
          "\r\n"
          "[other]\r\n"
          "Key=値\r\n")


class Settings(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.runner = ENV.runner
        self.wine = OPTS.runner == "wine"
        self.ini = self.runner.ini_path
        self.config_dir = os.path.dirname(self.ini)
        self.bak = self.ini + ".bak"
        self.shown = self.runner.ini_path_shown
        if os.path.isdir(self.config_dir):
            os.chmod(self.config_dir, 0o755)
            for n in os.listdir(self.config_dir):
                p = os.path.join(self.config_dir, n)
                os.chmod(p, 0o644)  # a read-only attribute a failed test left behind
                os.remove(p)
        os.makedirs(self.config_dir, exist_ok=True)
        os.chmod(self.config_dir, 0o755)

    # ---- helpers

    def write(self, data):
        with open(self.ini, "wb") as f:
            f.write(data)

    def read(self, path=None):
        with open(path or self.ini, "rb") as f:
            return f.read()

    def cli(self, *args, lang=None, json=True, preexec=None):
        argv = (["--lang", lang] if lang else []) + ["settings"] + list(args) + (["--json"] if json else [])
        r = self.runner.run(args=argv, preexec=preexec)
        if os.environ.get("OQSDM_IT_SHOW") == "1":
            print("\n[%s] %s" % (self.id().rsplit(".", 1)[-1], r.describe()), file=sys.stderr)
        return r

    def ok(self, *args, **kw):
        r = self.cli(*args, **kw)
        ctx = "\n" + r.describe()
        self.assertEqual(r.exit_code, 0, ctx)
        if kw.get("json", True):
            self.assertIsNotNone(r.json, "stdout is not one JSON object" + ctx)
            self.assertEqual(set(r.json), {"path", "written", "backup", "settings", "recommended_destination",
                                           "warning", "only_oqsdm"}, ctx)
            self.assertEqual(r.json["path"], self.shown, ctx)
        return r

    def error(self, code, *args, names=(), **kw):
        r = self.cli(*args, **kw)
        ctx = "\n" + r.describe()
        self.assertEqual(r.exit_code, 2, ctx)
        self.assertIsNotNone(r.json, "stdout is not one JSON object" + ctx)
        self.assertEqual(list(r.json), ["error"], ctx)
        self.assertEqual(r.json["error"]["code"], code, ctx)
        for n in names:
            self.assertIn(n, r.json["error"]["message"], "the message should name %r" % n + ctx)
        return r

    def assert_only(self, *names):
        """The config folder holds exactly these files: no temporary file left."""
        self.assertEqual(sorted(os.listdir(self.config_dir)), sorted(names))

    def settings_of(self, r, destination, provider=None, kind=None, url=None):
        self.assertEqual(r.json["settings"], {"destination": destination, "provider": provider,
                                              "connection_kind": kind, "server_url": url}, r.describe())

    # ---- showing

    def test_show(self):
        self.write(SAMPLE.encode("utf-8"))
        r = self.ok()
        self.assertFalse(r.json["written"])
        self.assertIsNone(r.json["backup"])
        self.settings_of(r, "base", url="https://dist.example/ping")
        self.assertIsNone(r.json["recommended_destination"])
        self.assertIsNone(r.json["warning"])
        self.assertFalse(r.json["only_oqsdm"], "other programs' sections are in it")
        self.assertEqual(self.read(), SAMPLE.encode("utf-8"))
        self.assert_only(INI_NAME)
        self.write(b"[oqsdm]\r\nDestination=base\r\n")
        self.assertTrue(self.ok().json["only_oqsdm"])

    def test_show_text(self):
        self.write(b"[oqsdm]\r\nDestination=cloud\r\nProvider=ntt-east\r\n")
        r = self.ok(json=False)
        out = r.stdout
        for want in ("Settings file: %s" % self.shown, "Destination: cloud (cloud)",
                     "Network provider: NTT East (ntt-east)", "Connection kind: (not set)",
                     "Destination the guide recommends: distribution base (base)", "Caution:"):
            self.assertIn(want, out, r.describe())
        r = self.ok(json=False, lang="ja")
        for want in ("設定ファイル: %s" % self.shown, "接続先: クラウド (cloud)", "回線事業者: NTT東日本 (ntt-east)",
                     "ガイドが推奨する接続先: 配信拠点 (base)", "注意: ", "「NTT東日本」", "「配信拠点」"):
            self.assertIn(want, r.stdout, r.describe())

    # ---- writing: only the given keys, everything else byte for byte

    def test_set_utf8_keeps_everything_else_and_makes_bak(self):
        before = SAMPLE.encode("utf-8")
        self.write(before)
        r = self.ok("--destination", "cloud", "--provider", "nttdata-chugoku", "--connection", "ipsec")
        self.assertTrue(r.json["written"], r.describe())
        self.assertEqual(r.json["backup"], self.shown + ".bak")
        self.settings_of(r, "cloud", "nttdata-chugoku", "ipsec", "https://dist.example/ping")
        self.assertEqual(r.json["recommended_destination"], "cloud")
        self.assertIsNone(r.json["warning"])
        want = SAMPLE.replace("Destination = base\r\nServerUrl=\"https://dist.example/ping\"\r\n",
                              "Destination = cloud\r\nServerUrl=\"https://dist.example/ping\"\r\n"
                              "Provider=nttdata-chugoku\r\nConnectionKind=ipsec\r\n").encode("utf-8")
        self.assertEqual(self.read(), want)
        self.assertEqual(self.read(self.bak), before, "the .bak is the previous file, byte for byte")
        self.assert_only(INI_NAME, INI_NAME + ".bak")

        # the second write replaces the .bak with the file it replaced
        r = self.ok("--destination", "base")
        self.assertTrue(r.json["written"])
        self.assertEqual(self.read(self.bak), want)
        third = self.read()
        self.assertEqual(third, want.replace(b"Destination = cloud", b"Destination = base"))
        # a warning now: nttdata-chugoku is a クラウド provider
        self.assertEqual(r.json["recommended_destination"], "cloud")
        self.assertIn("NTT Data Chugoku", r.json["warning"] or "", r.describe())

        # nothing changes: nothing written, the .bak still holds the version before
        r = self.ok("--destination", "BASE")
        self.assertFalse(r.json["written"])
        self.assertIsNone(r.json["backup"])
        self.assertEqual(self.read(), third)
        self.assertEqual(self.read(self.bak), want)
        self.assert_only(INI_NAME, INI_NAME + ".bak")

    def test_utf16le_with_japanese_survives(self):
        before = b"\xff\xfe" + SAMPLE.encode("utf-16-le")
        self.write(before)
        r = self.ok("--destination", "cloud", "--server-url", "https://dist.example/new")
        self.assertTrue(r.json["written"])
        want = SAMPLE.replace("Destination = base\r\nServerUrl=\"https://dist.example/ping\"\r\n",
                              "Destination = cloud\r\nServerUrl=\"https://dist.example/new\"\r\n")
        self.assertEqual(self.read(), b"\xff\xfe" + want.encode("utf-16-le"))
        self.assertEqual(self.read(self.bak), before)
        self.settings_of(r, "cloud", url="https://dist.example/new")

    def test_cp932_with_japanese_survives(self):
        # ソ and 表 end in 0x5C ('\' in ASCII): it must stay inside its character
        text = ("; 設定 ソ表\r\n[OQSDM]\r\ndestination=cloud\r\nメモ=配信拠点\r\n"
                "[Distro]\r\nServerUrl=https://x.example/\r\n")
        before = text.encode("cp932")
        self.write(before)
        r = self.ok("--destination", "base", "--provider", "nttpc")
        want = text.replace("destination=cloud", "destination=base").replace(
            "メモ=配信拠点\r\n", "メモ=配信拠点\r\nProvider=nttpc\r\n").encode("cp932")
        self.assertEqual(self.read(), want)
        self.assertEqual(self.read(self.bak), before)
        self.settings_of(r, "base", "nttpc")
        self.assertEqual(r.json["recommended_destination"], "base")

        # a Japanese value is written as CP932 and shown as UTF-8
        r = self.ok("--server-url", "https://配信.example/")
        self.assertEqual(self.read(), want.replace(b"Provider=nttpc\r\n", b"Provider=nttpc\r\nServerUrl=" +
                                                   "https://配信.example/".encode("cp932") + b"\r\n"))
        self.assertEqual(r.json["settings"]["server_url"], "https://配信.example/")

        # a character CP932 cannot hold is refused, with the reason, and nothing changes
        now, bak = self.read(), self.read(self.bak)
        self.error("ini_value", "--server-url", "https://café.example/", names=(self.shown, "CP932", "ServerUrl"))
        self.assertEqual(self.read(), now)
        self.assertEqual(self.read(self.bak), bak)
        self.assert_only(INI_NAME, INI_NAME + ".bak")

    def test_warning_when_the_destination_contradicts_the_guide(self):
        self.write(b"[oqsdm]\r\nDestination=base\r\n")
        r = self.ok("--provider", "nttpc", "--destination", "cloud")
        self.assertEqual(r.json["recommended_destination"], "base")
        w = r.json["warning"] or ""
        for n in ("NTTPC Communications", "distribution base", "cloud", "updates"):
            self.assertIn(n, w, r.describe())
        r = self.ok(lang="ja")
        w = r.json["warning"] or ""
        for n in ("NTTPCコミュニケーションズ", "配信拠点", "クラウド", "更新"):
            self.assertIn(n, w, r.describe())
        r = self.ok("--destination", "base")
        self.assertIsNone(r.json["warning"])

    def test_ids_in_any_case_as_vendors_type_them(self):
        # Hand-typed upper case is the same setting: read as such (and the
        # guide's recommendation follows it), and the options take it too,
        # writing the data file's lower case.
        self.write(b"[oqsdm]\r\nDestination=Cloud\r\nProvider=NTT-EAST\r\nConnectionKind=IPVPN\r\n")
        r = self.ok()
        self.settings_of(r, "cloud", "ntt-east", "ipvpn")
        self.assertEqual(r.json["recommended_destination"], "base", r.describe())
        self.assertIn("NTT East", r.json["warning"] or "", r.describe())
        r = self.ok("--provider", "NTTPC", "--connection", "IPsec", "--destination", "BASE")
        self.settings_of(r, "base", "nttpc", "ipsec")
        self.assertEqual(self.read(), b"[oqsdm]\r\nDestination=base\r\nProvider=nttpc\r\nConnectionKind=ipsec\r\n")
        self.assertIsNone(r.json["warning"], r.describe())

    # ---- --init and a missing INI

    def test_missing_ini_without_init(self):
        shutil.rmtree(self.config_dir)
        self.error("ini_missing", names=(self.shown, "reinstalled"))
        self.error("ini_missing", "--destination", "cloud", names=(self.shown,))
        self.assertFalse(os.path.exists(self.config_dir), "nothing may be created without --init")

    def test_init_creates_the_ini_and_its_folder(self):
        shutil.rmtree(self.config_dir)
        r = self.ok("--init", "--provider", "ntt-east")
        self.assertTrue(r.json["written"])
        self.assertIsNone(r.json["backup"])
        self.settings_of(r, "base", "ntt-east")
        # UTF-8 without BOM, CRLF, Destination from the data file's default
        self.assertEqual(self.read(), b"[oqsdm]\r\nDestination=base\r\nProvider=ntt-east\r\n")
        self.assert_only(INI_NAME)
        # again: an existing file is touched only for the given keys
        self.write(SAMPLE.encode("utf-8"))
        r = self.ok("--init")
        self.assertFalse(r.json["written"])
        self.assertEqual(self.read(), SAMPLE.encode("utf-8"))
        r = self.ok("--init", "--connection", "ipvpn")
        self.assertEqual(self.read(), SAMPLE.replace(
            "ServerUrl=\"https://dist.example/ping\"\r\n",
            "ServerUrl=\"https://dist.example/ping\"\r\nConnectionKind=ipvpn\r\n").encode("utf-8"))

    # ---- refusals

    def test_bad_values_name_the_option_and_what_it_takes(self):
        self.write(SAMPLE.encode("utf-8"))
        for args, names in ((("--destination", "sky"), ("--destination", "sky", "base", "cloud")),
                            (("--provider", "ntt-middle"), ("--provider", "ntt-middle", "nttpc", "mitsubishi-inf")),
                            (("--connection", "adsl"), ("--connection", "adsl", "ipsec", "ipvpn")),
                            (("--server-url", "ftp://dist.example/"), ("--server-url", "http://")),
                            (("--destination",), ("--destination",)),
                            (("--bogus",), ("--bogus",))):
            self.error("usage", *args, names=names)
        self.assertEqual(self.read(), SAMPLE.encode("utf-8"))
        self.assert_only(INI_NAME)
        # a bad value already in the file is named, and setting that key repairs it
        self.write(b"[oqsdm]\r\nDestination=somewhere\r\n")
        self.error("ini_value", names=(self.shown, "Destination", "somewhere"))
        self.error("ini_value", "--provider", "nttpc", names=("Destination", "somewhere"))
        r = self.ok("--destination", "cloud")
        self.assertEqual(self.read(), b"[oqsdm]\r\nDestination=cloud\r\n")

    def test_access_denied(self):
        before = SAMPLE.encode("utf-8")
        self.write(before)
        preexec = None
        if self.wine:
            # The read-only attribute, set by Windows' own tool. (Wine keeps it
            # as the Unix mode: the write bits go.)
            self.runner._wine("cmd", "/c", "attrib", "+r", self.shown)
            self.assertEqual(os.stat(self.ini).st_mode & 0o222, 0, "attrib +r did not make the file read-only")
            names = (self.shown, "administrator")
        elif os.geteuid() == 0:
            # root may write anything: run as an unprivileged user, who may
            # read the INI but not write it or its folder (like Users under
            # ProgramData without the installer's grant)
            os.chmod(self.runner.root, 0o755)

            def preexec():
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            names = (self.shown, "administrator", "errno 13")
        else:
            os.chmod(self.ini, 0o444)
            os.chmod(self.config_dir, 0o555)
            names = (self.shown, "administrator", "errno 13")
        try:
            self.error("access_denied", "--destination", "cloud", names=names, preexec=preexec)
            self.assertEqual(self.read(), before)
            self.assert_only(INI_NAME)          # no .bak, no temporary file
            # showing still works: reading is allowed
            r = self.ok(preexec=preexec)
            self.settings_of(r, "base", url="https://dist.example/ping")
        finally:
            if self.wine:
                self.runner._wine("cmd", "/c", "attrib", "-r", self.shown)
            else:
                os.chmod(self.config_dir, 0o755)
                os.chmod(self.ini, 0o644)
        r = self.ok("--destination", "cloud")
        self.assertTrue(r.json["written"])
        self.assertEqual(self.read(self.bak), before)

    # ---- files a vendor may meet that the author had not seen

    def test_utf16le_without_bom_is_read_and_kept_so(self):
        before = SAMPLE.encode("utf-16-le")
        self.write(before)
        r = self.ok()
        self.settings_of(r, "base", url="https://dist.example/ping")
        r = self.ok("--destination", "cloud", "--provider", "nttpc")
        want = SAMPLE.replace("ServerUrl=\"https://dist.example/ping\"\r\n",
                              "ServerUrl=\"https://dist.example/ping\"\r\nProvider=nttpc\r\n").replace(
            "Destination = base", "Destination = cloud")
        self.assertEqual(self.read(), want.encode("utf-16-le"), "UTF-16 without BOM, nothing in UTF-8")
        self.assertEqual(self.read(self.bak), before)

    def test_a_folder_by_the_ini_name_is_not_a_missing_ini(self):
        os.mkdir(self.ini)
        try:
            for args in ((), ("--destination", "cloud"), ("--init",)):
                r = self.error("ini_read", *args, names=(self.shown, "folder"))
                self.assertNotIn("reinstall", r.json["error"]["message"], r.describe())
            self.assertTrue(os.path.isdir(self.ini))
        finally:
            os.rmdir(self.ini)

    def test_a_bak_that_cannot_be_replaced_is_named_and_nothing_changes(self):
        before = SAMPLE.encode("utf-8")
        self.write(before)
        os.mkdir(self.bak)
        try:
            # Windows refuses to write over a folder as "access denied": the
            # message still names the .bak, not the INI.
            code = "access_denied" if self.runner.name == "wine" else "ini_write"
            r = self.error(code, "--destination", "cloud", names=(self.shown + ".bak", "not changed"))
            self.assertEqual(self.read(), before)
            self.assert_only(INI_NAME, INI_NAME + ".bak")
        finally:
            os.rmdir(self.bak)

    def test_too_large_says_so_in_words(self):
        self.write(b"[oqsdm]\r\nDestination=base\r\n" + b"; filler\r\n" * 200000)
        self.error("ini_read", names=(self.shown, "larger than 1 MiB"))
        r = self.error("ini_read", lang="ja")
        self.assertIn("1 MiB を超えています", r.json["error"]["message"], r.describe())

    def test_through_a_symbolic_link_the_file_it_points_to_changes(self):
        if self.wine:
            self.skipTest("natively only")
        real_dir = os.path.join(os.path.dirname(self.config_dir), "real-config")
        shutil.rmtree(real_dir, ignore_errors=True)
        os.makedirs(real_dir)
        real = os.path.join(real_dir, INI_NAME)
        before = SAMPLE.encode("utf-8")
        with open(real, "wb") as f:
            f.write(before)
        os.symlink(real, self.ini)
        try:
            r = self.ok("--destination", "cloud")
            self.assertTrue(os.path.islink(self.ini), "the link must stay a link")
            self.assertEqual(self.read(real), before.replace(b"Destination = base", b"Destination = cloud"))
            self.assertEqual(self.read(real + ".bak"), before)
            self.assertEqual(r.json["backup"], real + ".bak")
            self.assert_only(INI_NAME)
        finally:
            os.remove(self.ini)
            shutil.rmtree(real_dir, ignore_errors=True)


if __name__ == "__main__":
    harness.suite_main("settings", sys.modules[__name__])
