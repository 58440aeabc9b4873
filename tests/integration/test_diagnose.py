#!/usr/bin/env python3
"""test_diagnose.py: the diagnosis and its fixes with real parts.

    test_diagnose.py --runner wine --cli build/win64/oqsdm-cli.exe --build-dir build/win64 [--wine PATH]
    test_diagnose.py --runner native --cli build/native-asan/oqsdm-cli --build-dir build/native-asan

Any further arguments go to unittest.

Under Wine the proxy settings are real registry values written with
`wine reg add`, one known fault at a time, against a real nginx (HTTPS,
test CA) and a real tinyproxy on loopback; a fix is read back with
`wine reg query` (not through WinINet, which wrote it) and the check must
turn green; after undo `wine reg export` of the keys must be byte-identical
to before. Routes where packets vanish and DNS servers that never answer
are made in a network namespace of the test's own (iptables DROP). The
host's DNS is what Wine's adapters show, so the `dns` finding is only
asserted never to be wrongly ok. Natively (proxy settings from the
environment, no registry) the findings and the destination fix are
checked, and the proxy fixes must refuse, never pretend.
"""

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

GUIDE_BYPASS = ("*.onshikaku.org;*.flets-east.jp;*.flets-west.jp;*.lineauth.mnw;*.obn.managedpki.ne.jp;"
                "*.cybertrust.ne.jp;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org")
INET = harness.INTERNET_SETTINGS
WINHTTP_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Internet Settings\Connections"


def setUpModule():
    global ENV
    ENV = harness.Bench(OPTS, "diagnose")
    unittest.addModuleCleanup(ENV.stop)
    ENV.start()


class Diagnosis(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.runner = ENV.runner
        self.nginx = ENV.nginx
        self.wine = ENV.opts.runner == "wine"
        self.runner.reset()
        shutil.rmtree(os.path.join(self.runner.c_drive, "ProgramData", "OQS", "OQSDistroApp", "oqsdm"),
                      ignore_errors=True)
        if self.wine:
            self.reg("delete", WINHTTP_KEY, "/v", "WinHttpSettings", "/f", ok=(0, 1))

    # ---- the terminal

    def reg(self, *args, ok=(0,)):
        return self.runner._wine("reg", *args, ok_codes=ok)

    def reg_value(self, key, name):
        """A value read with `wine reg query`: another path than WinINet's."""
        out = self.reg("query", key, "/v", name, ok=(0, 1)).stdout.decode("utf-8", errors="replace")
        return harness.reg_query_value(out, name)

    def export(self):
        """The proxy settings' keys as `wine reg export` writes them."""
        out = []
        for key in (INET, WINHTTP_KEY):
            path = os.path.join(self.runner.c_drive, "oqsdm-test", "export.reg")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            r = self.runner._wine("reg", "export", key, r"C:\oqsdm-test\export.reg", "/y", ok_codes=(0, 1))
            data = b""
            if r.returncode == 0:
                with open(path, "rb") as f:
                    data = f.read()
            out.append(data)
        return out

    def export_key(self, key):
        path = os.path.join(self.runner.c_drive, "oqsdm-test", "export-key.reg")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.runner._wine("reg", "export", key, r"C:\oqsdm-test\export-key.reg", "/y")
        with open(path, "rb") as f:
            return f.read()

    def ini(self, destination="base", provider="ntt-east", kind="ipvpn", url=None, **extra):
        values = {"ServerUrl": url or self.nginx.url("/ping"), "Destination": destination, "Provider": provider,
                  "ConnectionKind": kind, "CaFile": self.runner.ca_value(), "ConnectTimeoutMs": "3000",
                  "TimeoutMs": "8000", "ExpectedProxy": ENV.proxy.hostport}
        values.update(extra)
        self.runner.write_ini(values)

    def proxy(self, server=None, override=GUIDE_BYPASS + ";<-loopback>", enable=True):
        self.runner.set_proxy(harness.ProxySettings(enable, server or ENV.proxy.hostport, override))

    # ---- running

    def cli(self, *args, exit_code=None, wrap=None):
        r = self.runner.run(args=list(args) + ["--json"], wrap=wrap, timeout=120)
        r.ctx = "\n" + r.describe()
        self.assertIsNotNone(r.json, "stdout is not one JSON object" + r.ctx)
        if exit_code is not None:
            self.assertEqual(r.exit_code, exit_code, r.ctx)
        return r

    def diagnose(self, exit_code=None, wrap=None):
        r = self.cli("diagnose", exit_code=exit_code, wrap=wrap)
        r.f = {f["id"]: f for f in r.json["findings"]}
        self.assertEqual(list(r.f), ["destination", "proxy.server", "proxy.bypass", "proxy.winhttp", "dns",
                                     "connection"], r.ctx)
        for f in r.json["findings"]:
            self.assertIn(f["status"], ("ok", "warn", "fail", "skip", "unknown"), r.ctx)
            self.assertTrue(f["title"], r.ctx)
            if f["status"] in ("fail", "warn"):
                self.assertTrue(f["detail"], "%s has a detail%s" % (f["id"], r.ctx))
        counted = sum(r.json["summary"].values())
        self.assertEqual(counted, 6, r.ctx)
        # Under Wine the host's DNS answers: the guide's names do not resolve here.
        self.assertNotEqual(r.f["dns"]["status"], "ok", "dns must not be wrongly ok" + r.ctx)
        return r

    def assertFinding(self, r, fid, status, code=None):
        f = r.f[fid]
        self.assertEqual(f["status"], status, "%s%s" % (fid, r.ctx))
        if code:
            self.assertEqual(f["code"], code, "%s code%s" % (fid, r.ctx))
        return f

    # ---- a healthy 配信拠点 terminal (the proxy is tinyproxy on loopback)

    def test_healthy_base_route(self):
        self.ini()
        self.proxy()
        r = self.diagnose()
        self.assertFinding(r, "destination", "ok", "matches")
        self.assertFinding(r, "proxy.server", "ok")
        self.assertFinding(r, "proxy.bypass", "ok")
        self.assertFinding(r, "connection", "ok")
        if self.wine:
            # Wine's WinHTTP starts as direct access: the guide's proxy command was not run
            self.assertFinding(r, "proxy.winhttp", "fail", "direct")
            self.assertEqual(r.exit_code, 1, r.ctx)
        else:
            self.assertFinding(r, "proxy.winhttp", "unknown")

    # ---- proxy faults written as vendors write them

    def test_wrong_port_fix_and_undo(self):
        self.ini()
        dead = harness.free_port()
        self.proxy(server="%s:%d" % (harness.LOOPBACK, dead))
        r = self.diagnose(exit_code=1)
        f = self.assertFinding(r, "proxy.server", "fail")
        # natively the environment's https_proxy becomes the per-scheme form
        self.assertEqual(f["code"], "wrong_port" if self.wine else "https_elsewhere", r.ctx)
        self.assertIn(str(dead), f["detail"], r.ctx)
        self.assertTrue(f["fixable"], r.ctx)
        conn = self.assertFinding(r, "connection", "fail", "proxy_connect")
        self.assertEqual(conn["explained_by"], "proxy.server", r.ctx)
        if not self.wine:
            self.assertEqual(self.cli("fix", "proxy.server", exit_code=1).json["result"], "failed")
            return
        before = self.export()
        fx = self.cli("fix", "proxy.server", exit_code=0)
        self.assertEqual(fx.json["result"], "done", fx.ctx)
        self.assertEqual(fx.json["after"]["status"], "ok", fx.ctx)
        self.assertEqual(self.reg_value(INET, "ProxyServer"), ENV.proxy.hostport)
        self.assertEqual(self.reg_value(INET, "ProxyEnable"), "0x1")
        self.assertEqual(fx.json["connection"]["status"], "ok", fx.ctx)   # the check turns green
        self.assertTrue(fx.json["undo_available"], fx.ctx)
        again = self.runner.run()                                        # check-connection, as staff press it
        self.assertEqual((again.exit_code, again.json["status"]), (0, "ok"), again.describe())
        un = self.cli("fix", "proxy.server", "--undo", exit_code=0)
        self.assertEqual(un.json["result"], "done", un.ctx)
        self.assertEqual(self.export(), before, "the registry must be byte-identical after undo")
        self.assertFalse(un.json["undo_available"], un.ctx)
        self.assertEqual(self.cli("fix", "proxy.server", "--undo", exit_code=1).json["result"], "nothing")

    def test_proxy_disabled(self):
        self.ini()
        self.proxy(enable=False)
        r = self.diagnose(exit_code=1)
        self.assertFinding(r, "proxy.server", "fail", "disabled")

    def test_bypass_missing_semicolon_fix_and_undo(self):
        self.ini()
        broken = GUIDE_BYPASS.replace(";*.flets-east.jp", "*.flets-east.jp", 1) + "; 192.168.220.1;<-loopback>"
        self.proxy(override=broken)
        r = self.diagnose(exit_code=1)
        f = self.assertFinding(r, "proxy.bypass", "fail")
        self.assertIn("*.onshikaku.org*.flets-east.jp", f["detail"], r.ctx)
        self.assertIn("192.168.220.1", f["fix_value"], "extra entries are kept" + r.ctx)
        if not self.wine:
            return
        before = self.export()
        fx = self.cli("fix", "proxy.bypass", exit_code=0)
        self.assertEqual(fx.json["after"]["status"], "ok", fx.ctx)
        written = self.reg_value(INET, "ProxyOverride")
        self.assertEqual(written, f["fix_value"])
        for entry in GUIDE_BYPASS.split(";"):
            self.assertIn(entry, written.split(";"))
        self.assertFinding(self.diagnose(), "proxy.bypass", "ok")
        self.cli("fix", "proxy.bypass", "--undo", exit_code=0)
        self.assertEqual(self.export(), before, "the registry must be byte-identical after undo")

    def test_fix_of_a_terminal_set_by_a_tool(self):
        """Some tools write ProxyEnable as the string "1" and no bypass list at
        all: the bypass fix must leave the proxy on, and undo must restore the
        string exactly (Wine's WinINet rewrites such a value as a DWORD 0 when
        it reads it)."""
        if not self.wine:
            self.skipTest("registry values are Windows'")
        # Plain HTTP: Wine's certificate revocation check fetches through its
        # WinINet, which would rewrite the string ProxyEnable on its own.
        self.ini(url=self.nginx.url("/ping", scheme="http", port=self.nginx.http))
        self.reg("add", INET, "/v", "ProxyEnable", "/t", "REG_SZ", "/d", "1", "/f")
        self.reg("add", INET, "/v", "ProxyServer", "/t", "REG_SZ", "/d", "HTTP://" + ENV.proxy.hostport + "/", "/f")
        self.reg("delete", INET, "/v", "ProxyOverride", "/f", ok=(0, 1))
        r = self.diagnose(exit_code=1)
        self.assertFinding(r, "proxy.server", "ok")         # the string "1" and the http:// form are understood
        self.assertFinding(r, "proxy.bypass", "fail")
        before = self.export()
        fx = self.cli("fix", "proxy.bypass", exit_code=0)
        self.assertEqual(fx.json["after"]["status"], "ok", fx.ctx)
        self.assertEqual(self.reg_value(INET, "ProxyEnable"), "0x1", "the proxy is still on after the bypass fix")
        self.assertIn("*.rece", self.reg_value(INET, "ProxyOverride"))
        self.cli("fix", "proxy.bypass", "--undo", exit_code=0)
        self.assertEqual(self.export(), before, "the registry must be byte-identical after undo")
        self.assertEqual(self.reg_value(INET, "ProxyEnable"), "1", "the string value is back as it was")

    def test_proxy_enable_written_as_binary(self):
        """ProxyEnable as REG_BINARY 01000000 (old Internet Explorers, .reg
        files made by hand) is on, as WinINet reads it; 00000000 is off."""
        if not self.wine:
            self.skipTest("registry values are Windows'")
        self.ini(url=self.nginx.url("/ping", scheme="http", port=self.nginx.http))
        self.proxy()
        self.reg("add", INET, "/v", "ProxyEnable", "/t", "REG_BINARY", "/d", "01000000", "/f")
        r = self.diagnose()
        self.assertFinding(r, "proxy.server", "ok")
        self.assertFinding(r, "proxy.bypass", "ok")
        self.reg("add", INET, "/v", "ProxyEnable", "/t", "REG_BINARY", "/d", "00000000", "/f")
        r = self.diagnose(exit_code=1)
        self.assertFinding(r, "proxy.server", "fail", "disabled")

    def test_machine_wide_proxy_policy(self):
        """ProxySettingsPerUser=0: the settings are HKLM's. The fix lands there,
        and undo leaves both HKLM and HKCU byte-identical (Wine's WinINet
        writes HKCU whatever the policy)."""
        if not self.wine:
            self.skipTest("registry values are Windows'")
        policy = r"HKLM\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings"
        hklm = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Internet Settings"
        self.ini(url=self.nginx.url("/ping", scheme="http", port=self.nginx.http))
        self.reg("add", policy, "/v", "ProxySettingsPerUser", "/t", "REG_DWORD", "/d", "0", "/f")
        try:
            self.reg("add", hklm, "/v", "ProxyEnable", "/t", "REG_DWORD", "/d", "1", "/f")
            self.reg("add", hklm, "/v", "ProxyServer", "/t", "REG_SZ", "/d", ENV.proxy.hostport, "/f")
            self.reg("add", hklm, "/v", "ProxyOverride", "/t", "REG_SZ", "/d", "*.onshikaku.org;<-loopback>", "/f")
            self.proxy(server="127.0.0.1:1")   # the per-user values, which the policy overrides
            r = self.diagnose(exit_code=1)
            self.assertFinding(r, "proxy.server", "ok")
            self.assertFinding(r, "proxy.bypass", "fail")
            self.assertEqual(r.f["connection"]["status"], "ok", r.ctx)   # through HKLM's proxy
            before = self.export() + [self.export_key(hklm)]
            fx = self.cli("fix", "proxy.bypass", exit_code=0)
            self.assertEqual(fx.json["after"]["status"], "ok", fx.ctx)
            self.assertIn("*.rece", self.reg_value(hklm, "ProxyOverride"))
            self.cli("fix", "proxy.bypass", "--undo", exit_code=0)
            self.assertEqual(self.export() + [self.export_key(hklm)], before, "HKCU and HKLM byte-identical after undo")
        finally:
            self.reg("delete", policy, "/v", "ProxySettingsPerUser", "/f", ok=(0, 1))
            for v in ("ProxyEnable", "ProxyServer", "ProxyOverride"):
                self.reg("delete", hklm, "/v", v, "/f", ok=(0, 1))

    def test_bypass_faults_of_the_field(self):
        self.ini()
        cases = (
            (GUIDE_BYPASS.replace("*.rece;", ""), "fail", "*.rece"),                       # an entry missing
            (GUIDE_BYPASS.replace(";", ","), "fail", None),                               # commas
            (GUIDE_BYPASS.replace("*.onshikaku.org", "*.onshikau.org"), "fail", "*.onshikau.org"),  # misspelt
            ("*;" + GUIDE_BYPASS, "warn", None),                                           # sends nothing to the proxy
            (GUIDE_BYPASS.replace(";", "; "), "ok", None),                                 # the guide's "; " is fine
        )
        for override, status, named in cases:
            if not self.wine and "," in override:
                continue  # no_proxy is comma-separated: the native build cannot be given this one
            with self.subTest(override=override):
                self.proxy(override=override + ";<-loopback>")
                r = self.diagnose()
                f = self.assertFinding(r, "proxy.bypass", status)
                if named:
                    self.assertIn(named, f["detail"], r.ctx)

    def test_bypass_list_longer_than_oqsdm_reads(self):
        """A ProxyOverride of 4096 characters or more (a vendor's long list of
        extra entries): it was read as empty and every guide entry was
        reported missing, though all nine are there. It must be refused as
        too long, and the fix must leave it alone."""
        if not self.wine:
            self.skipTest("registry values are Windows'")
        self.ini()
        extra = ";".join("host%04d.clinic.example" % i for i in range(250))
        override = GUIDE_BYPASS + ";<-loopback>;" + extra
        self.assertGreater(len(override), 4096)
        self.proxy(override=override)
        r = self.diagnose(exit_code=1)
        f = self.assertFinding(r, "proxy.bypass", "fail", "too_long")
        self.assertNotIn("*.rece", f["detail"], "no guide entry is named missing" + r.ctx)
        self.assertFalse(f["fixable"], r.ctx)
        before = self.export()
        fx = self.cli("fix", "proxy.bypass")
        self.assertEqual(fx.json["result"], "nothing", fx.ctx)
        self.assertEqual(self.export(), before, "the list is left as it was")
        self.assertEqual(self.reg_value(INET, "ProxyOverride"), override)

    def test_setup_script_beside_the_manual_proxy(self):
        """AutoConfigURL set beside a right manual proxy: WinINet follows the
        script first, so proxy.server must not be ok, and must name it."""
        if not self.wine:
            self.skipTest("registry values are Windows'")
        self.ini()
        self.proxy()
        self.reg("add", INET, "/v", "AutoConfigURL", "/t", "REG_SZ", "/d", "http://wpad.clinic.example/proxy.pac", "/f")
        try:
            r = self.diagnose(exit_code=1)
            f = self.assertFinding(r, "proxy.server", "warn", "auto_config")
            self.assertIn("http://wpad.clinic.example/proxy.pac", f["detail"], r.ctx)
            self.assertIn("Use setup script", f["remedy"], r.ctx)
        finally:
            self.reg("delete", INET, "/v", "AutoConfigURL", "/f", ok=(0, 1))

    # ---- the network: proxy stopped, server stopped, never answers, packets vanish

    def test_proxy_stopped(self):
        p = harness.TinyProxy(ENV.path("tinyproxy-stopped-%d" % time.monotonic_ns()))
        with p.start():
            pass
        self.ini(ExpectedProxy=p.hostport)
        self.proxy(server=p.hostport)
        r = self.diagnose(exit_code=1)
        self.assertFinding(r, "proxy.server", "ok")
        conn = self.assertFinding(r, "connection", "fail", "proxy_connect")
        self.assertIn(p.hostport, conn["detail"], r.ctx)

    def test_server_stopped(self):
        gone = harness.Nginx(ENV.path("nginx-stopped-%d" % time.monotonic_ns()))
        with gone.start(ENV.pki):
            pass
        self.ini(url=gone.url("/ping"))
        self.proxy()
        r = self.diagnose(exit_code=1)
        self.assertFinding(r, "proxy.server", "ok")
        conn = self.assertFinding(r, "connection", "fail", "proxy_status")
        # The proxy was reached and said it could not go on: the remedy says
        # so, naming the proxy, instead of only "contact the vendor".
        self.assertIsNone(conn["explained_by"], r.ctx)
        self.assertIn("could not reach the distribution server", conn["remedy"], r.ctx)
        self.assertIn(ENV.proxy.hostport, conn["remedy"], r.ctx)

    def test_server_stopped_with_an_entry_missing_that_is_not_the_servers(self):
        # The proxy answers CONNECT with an error; the bypass list lacks *.rece,
        # which has nothing to do with this server: the list is named as a fault
        # of its own, but not as the cause (its fix would not change the route).
        gone = harness.Nginx(ENV.path("nginx-stopped-%d" % time.monotonic_ns()))
        with gone.start(ENV.pki):
            pass
        self.ini(url=gone.url("/ping"))
        self.proxy(override=GUIDE_BYPASS.replace(";*.rece", "") + ";<-loopback>")
        r = self.diagnose(exit_code=1)
        self.assertFinding(r, "proxy.bypass", "fail")
        conn = self.assertFinding(r, "connection", "fail", "proxy_status")
        self.assertIsNone(conn["explained_by"], r.ctx)
        self.assertNotIn(r.f["proxy.bypass"]["title"], conn["remedy"], r.ctx)

    def test_server_never_answers(self):
        with harness.SilentServer() as silent:
            self.ini(destination="cloud", provider="nttdata-chugoku", kind="ipsec",
                     url="http://localhost:%d/ping" % silent.port, TimeoutMs="3000")
            t = time.monotonic()
            r = self.diagnose(exit_code=1)
            took = time.monotonic() - t
        self.assertFinding(r, "destination", "ok")
        self.assertFinding(r, "proxy.server", "skip")
        self.assertFinding(r, "connection", "fail", "timeout")
        self.assertLess(took, 3 + 2 + 15, "the total timeout bounds the verdict" + r.ctx)

    def test_packets_vanish_and_dns_never_answers(self):
        if not harness.NetNs.usable():
            self.skipTest("needs root, ip and iptables for a network namespace")
        # Inside: the proxy's port drops packets, and the only DNS server drops queries.
        port = harness.free_port()
        with harness.NetNs(resolv_conf="nameserver 127.0.0.53\noptions timeout:30 attempts:1\n") as ns:
            ns.drop_tcp(port)
            ns.drop_udp(53)
            ns.drop_tcp(53)
            self.ini(ExpectedProxy="%s:%d" % (harness.LOOPBACK, port),
                     url="https://dist.oqsdm-test.example/ping")
            self.proxy(server="%s:%d" % (harness.LOOPBACK, port))
            t = time.monotonic()
            r = self.diagnose(exit_code=1, wrap=ns.prefix())
            took = time.monotonic() - t
        conn = self.assertFinding(r, "connection", "fail")
        self.assertIn(conn["code"], ("timeout", "proxy_connect"), r.ctx)
        # the verdict comes within the connect timeout (3 s), not after the resolver's 30 s
        self.assertLess(r.json["elapsed_ms"], 3000 + 1500, r.ctx)
        self.assertLess(took, 3 + 12, r.ctx)
        self.assertFinding(r, "dns", "warn")
        timed_out = [n for n in r.json["dns"] if n["status"] == "timeout"]
        self.assertTrue(timed_out, "a DNS server that never answers shows as a timeout" + r.ctx)

    # ---- destination and the fix of the INI

    def test_destination_contradicts_fix_and_undo(self):
        self.ini(provider="nttdata-chugoku", kind="ipsec")
        self.proxy()
        r = self.diagnose(exit_code=1)
        f = self.assertFinding(r, "destination", "fail", "contradicts")
        self.assertEqual(f["fix_value"], "cloud", r.ctx)
        with open(self.runner.ini_path, "rb") as fh:
            before = fh.read()
        fx = self.cli("fix", "destination", exit_code=0)
        self.assertEqual(fx.json["after"]["status"], "ok", fx.ctx)
        with open(self.runner.ini_path, "rb") as fh:
            after = fh.read()
        self.assertIn(b"Destination=cloud\r\n", after)
        self.assertEqual(after.replace(b"Destination=cloud", b"Destination=base"), before,
                         "only the one value changed")
        self.cli("fix", "destination", "--undo", exit_code=0)
        with open(self.runner.ini_path, "rb") as fh:
            self.assertEqual(fh.read(), before, "the INI must be byte-identical after undo")

    def test_nothing_to_fix_and_bad_ids(self):
        self.ini()
        self.proxy()
        self.assertEqual(self.cli("fix", "proxy.server", exit_code=1).json["result"], "nothing")
        self.assertEqual(self.cli("fix", "dns", exit_code=2).json["error"]["code"], "usage")
        self.assertEqual(self.cli("fix", "nonsense", exit_code=2).json["error"]["code"], "usage")

    def test_winhttp_fix_and_undo(self):
        if not self.wine:
            self.skipTest("WinHTTP is Windows'")
        self.ini()
        self.proxy()
        before = self.export()
        fx = self.cli("fix", "proxy.winhttp", exit_code=0)
        self.assertEqual(fx.json["after"]["status"], "ok", fx.ctx)
        self.assertIn("netsh winhttp set proxy", fx.json["command"], fx.ctx)
        blob = self.reg_value(WINHTTP_KEY, "WinHttpSettings")
        self.assertIsNotNone(blob, "WinHttpSettings was written")
        self.assertFinding(self.diagnose(), "proxy.winhttp", "ok")
        self.cli("fix", "proxy.winhttp", "--undo", exit_code=0)
        self.assertEqual(self.export(), before, "the registry must be byte-identical after undo")
        self.assertFinding(self.diagnose(), "proxy.winhttp", "fail", "direct")


if __name__ == "__main__":
    harness.suite_main("diagnose", sys.modules[__name__])
