#!/usr/bin/env python3
"""test_connection.py: the connection check against real servers.

    test_connection.py --runner native --cli build/native-asan/oqsdm-cli --build-dir build/native-asan
    test_connection.py --runner wine --cli build/win64/oqsdm-cli.exe --build-dir build/win64 [--wine PATH]

Any further arguments go to unittest (-v, -k PATTERN, test names).

One nginx (HTTPS with a test CA, HTTPS with an untrusted CA, plain HTTP)
and one tinyproxy serve the whole run; tests that need a stopped server or
proxy make and stop their own. Each test asserts what the user sees: the
exit code, status, reason_code, the reason text naming the host or port at
fault, the route, and the line the check appended to oqsdm.log.
"""

import contextlib
import os
import socket
import sys
import threading
import unittest

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402

OPTS = None      # parsed command line
ENV = None       # the servers and the runner of this run


class BannerServer:
    """Listens on 127.0.0.1 and greets every connection with `banner` (not
    HTTP), as an SSH or mail server does, then closes it."""

    def __init__(self, banner):
        self.banner = banner
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((harness.LOOPBACK, 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            with c:
                try:
                    c.sendall(self.banner)
                    c.settimeout(2)
                    c.recv(4096)
                except OSError:
                    pass

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        self.thread.join(timeout=5)


def setUpModule():
    global ENV
    ENV = harness.Bench(OPTS, "connection")
    unittest.addModuleCleanup(ENV.stop)
    ENV.start()


class ConnectionCheck(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.runner = ENV.runner
        self.nginx = ENV.nginx
        self.runner.reset()

    # ---- helpers

    def run_cli(self):
        r = self.runner.run()
        if os.environ.get("OQSDM_IT_SHOW") == "1":  # every result, for a look
            print("\n[%s] %s" % (self.id().rsplit(".", 1)[-1], r.describe()), file=sys.stderr)
        return r

    def ini(self, url, destination="cloud", **extra):
        values = {"ServerUrl": url, "Destination": destination, "CaFile": self.runner.ca_value(),
                  "ConnectTimeoutMs": "5000", "TimeoutMs": "15000"}
        values.update(extra)
        self.runner.write_ini(values)

    def check(self, exit_code, status, reason_code, route="direct", names=()):
        """Runs the check and asserts the user-visible result and log line."""
        r = self.run_cli()
        ctx = "\n" + r.describe()
        self.assertIsNotNone(r.json, "stdout is not one JSON object" + ctx)
        j = r.json
        self.assertEqual(j.get("check"), "connection", ctx)
        self.assertEqual((j.get("status"), j.get("reason_code")), (status, reason_code), ctx)
        self.assertEqual(r.exit_code, exit_code, ctx)
        self.assertEqual(j.get("route"), route, ctx)
        if route == "direct":
            self.assertIsNone(j.get("proxy"), ctx)
        for n in names:
            self.assertIn(n, j.get("reason", ""), "the reason should name %r" % n + ctx)
        self.assertIsInstance(j.get("elapsed_ms"), (int, float), ctx)
        self.assertEqual(len(r.new_log_lines), 1, "one log line per check" + ctx)
        fields = r.new_log_lines[0].split("\t")
        self.assertEqual(fields[1:], ["connection", status, reason_code, j["reason"]], ctx)
        return r

    def config_error(self, code, names):
        r = self.run_cli()
        ctx = "\n" + r.describe()
        self.assertEqual(r.exit_code, 2, ctx)
        self.assertIsNotNone(r.json, "stdout is not one JSON object" + ctx)
        self.assertEqual(list(r.json), ["error"], ctx)
        self.assertEqual(r.json["error"].get("code"), code, ctx)
        msg = r.json["error"].get("message", "")
        for n in names:
            self.assertIn(n.lower(), msg.lower(), "the message should name %r" % n + ctx)
        # Nothing was checked, but the log still shows why, for the vendor.
        self.assertEqual(len(r.new_log_lines), 1, "one log line per attempt" + ctx)
        self.assertEqual(r.new_log_lines[0].split("\t")[1:], ["connection", "error", code, msg], ctx)
        return r

    def stopped_proxy(self):
        """A proxy port where a real tinyproxy listened and now nothing does."""
        p = harness.TinyProxy(ENV.path("tinyproxy-stopped-%s" % self.id().rsplit(".", 1)[-1]))
        with p.start():
            self.assertTrue(harness.port_accepts(p.port))
        self.assertFalse(harness.port_accepts(p.port))
        return p.hostport

    # ---- direct

    def test_direct_https_with_ca_file(self):
        self.ini(self.nginx.url("/ping"), destination="cloud")
        before = self.nginx.access_log_text()
        r = self.check(0, "ok", "ok", names=("200",))
        self.assertEqual(r.json["http_status"], 200)
        served = self.nginx.access_log_text()[len(before):]
        self.assertRegex(served, r'"GET /ping HTTP/1\.1" 200 .*"oqsdm/', "nginx did not log the request")

    def test_server_stopped_is_refused(self):
        gone = harness.Nginx(ENV.path("nginx-stopped"))
        with gone.start(ENV.pki):
            self.assertTrue(harness.port_accepts(gone.https))
        self.ini(gone.url("/ping"))
        self.check(1, "fail", "refused", names=("localhost:%d" % gone.https,))

    def test_http_503(self):
        self.ini(self.nginx.url("/status503"))
        r = self.check(1, "fail", "http_status", names=("503",))
        self.assertEqual(r.json["http_status"], 503)

    def test_redirect_same_host_is_followed(self):
        self.ini(self.nginx.url("/redirect-same"))
        before = self.nginx.access_log_text()
        r = self.check(0, "ok", "ok", names=("200",))
        self.assertEqual(r.json["http_status"], 200)
        served = self.nginx.access_log_text()[len(before):]
        self.assertRegex(served, r'(?s)"GET /redirect-same HTTP/1\.1" 302 .*"GET /ping HTTP/1\.1" 200 ')

    def test_redirect_to_another_host(self):
        self.ini(self.nginx.url("/redirect-off"))
        self.check(1, "fail", "redirect_off_host", names=("127.0.0.2",))

    def test_redirect_dropping_tls_is_not_followed(self):
        self.ini(self.nginx.url("/redirect-plain"))
        before = self.nginx.access_log_text()
        self.check(1, "fail", "redirect_off_host", names=("localhost",))
        served = self.nginx.access_log_text()[len(before):]
        self.assertNotIn("GET /ping", served, "the plain-HTTP target must not be fetched")

    def test_silent_server_times_out(self):
        with harness.SilentServer() as silent:
            self.ini("http://localhost:%d/ping" % silent.port, TimeoutMs="2000")
            r = self.check(1, "fail", "timeout", names=("localhost:%d" % silent.port,))
            self.assertGreaterEqual(silent.accepted, 1, "the check never reached the silent server")
        ctx = "\n" + r.describe()
        self.assertGreaterEqual(r.wall_s, 1.5, ctx)
        self.assertLess(r.wall_s, 10, ctx)
        self.assertGreaterEqual(r.json["elapsed_ms"], 1500, ctx)
        self.assertLess(r.json["elapsed_ms"], 10000, ctx)

    def test_another_service_on_the_port(self):
        # An SSH daemon (or any non-HTTP service) where the URL's port points:
        # the URL is well formed, so the user must hear that the port answers
        # something else, never that the URL is invalid.
        with BannerServer(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n") as banner:
            self.ini("http://localhost:%d/ping" % banner.port)
            r = self.check(1, "fail", "not_http", names=("localhost:%d" % banner.port,))
        self.assertNotIn("not valid", r.json["reason"], r.describe())

    def test_timeouts_of_one_millisecond_are_shown_as_such(self):
        with harness.SilentServer() as silent:
            self.ini("http://localhost:%d/ping" % silent.port, ConnectTimeoutMs="1", TimeoutMs="1")
            r = self.check(1, "fail", "timeout", names=("localhost:%d" % silent.port, "0.001"))
        self.assertNotIn(" 0.0 ", r.json["reason"], r.describe())

    def test_http_url_through_a_proxy_that_wants_authentication(self):
        # A plain-HTTP URL is sent to the proxy as a GET: its 407 is the proxy's
        # answer, not the server's.
        with BannerServer(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                          b"Proxy-Authenticate: Basic realm=\"proxy\"\r\nContent-Length: 0\r\n\r\n") as proxy:
            hostport = "%s:%d" % (harness.LOOPBACK, proxy.port)
            self.runner.set_proxy(harness.ProxySettings(True, hostport, "<-loopback>"))
            self.ini(self.nginx.url("/ping", scheme="http", port=self.nginx.http), destination="base")
            r = self.check(1, "fail", "proxy_status", route="proxy", names=(hostport, "407"))
        self.assertEqual(r.json["proxy_status"], 407, r.describe())

    def test_port_zero_is_a_bad_url(self):
        # libcurl connects to port 0 and reports a refusal: that would send the
        # vendor to a server that was never asked.
        self.ini("https://localhost:0/ping")
        self.check(1, "fail", "bad_url", names=("https://localhost:0/ping",))

    def test_untrusted_certificate(self):
        self.ini(self.nginx.url("/ping", port=self.nginx.https_untrusted))
        self.check(1, "fail", "tls_verify", names=("localhost",))

    # ---- the 配信拠点 route: Destination=base follows the user's proxy

    def test_base_through_proxy(self):
        proxy = ENV.proxy
        self.runner.set_proxy(harness.ProxySettings(True, proxy.hostport, "<-loopback>"))
        self.ini(self.nginx.url("/ping"), destination="base")
        before = proxy.log_text()
        r = self.check(0, "ok", "ok", route="proxy", names=("200",))
        self.assertEqual(r.json["proxy"], proxy.hostport, r.describe())
        seen = proxy.log_text()[len(before):]
        self.assertIn("CONNECT localhost:%d " % self.nginx.https, seen,
                      "tinyproxy did not relay the check:\n" + seen + "\n" + r.describe())

    def test_base_proxy_cannot_reach_server(self):
        # The proxy is up, the distribution server is not: the proxy's answer
        # to CONNECT is what the user must hear about, not a refusal.
        gone = harness.Nginx(ENV.path("nginx-stopped-behind-proxy"))
        with gone.start(ENV.pki):
            pass
        proxy = ENV.proxy
        self.runner.set_proxy(harness.ProxySettings(True, proxy.hostport, "<-loopback>"))
        self.ini(gone.url("/ping"), destination="base")
        before = proxy.log_text()
        r = self.check(1, "fail", "proxy_status", route="proxy", names=(proxy.hostport,))
        self.assertGreaterEqual(r.json["proxy_status"], 400, r.describe())
        self.assertIn("CONNECT localhost:%d " % gone.https, proxy.log_text()[len(before):], r.describe())

    def test_base_proxy_stopped(self):
        hostport = self.stopped_proxy()
        self.runner.set_proxy(harness.ProxySettings(True, hostport, "<-loopback>"))
        self.ini(self.nginx.url("/ping"), destination="base")
        r = self.check(1, "fail", "proxy_connect", route="proxy", names=(hostport,))
        self.assertEqual(r.json["proxy"], hostport, r.describe())

    def test_base_bypass_list_goes_direct(self):
        hostport = self.stopped_proxy()
        self.runner.set_proxy(harness.ProxySettings(True, hostport, "<-loopback>;localhost"))
        self.ini(self.nginx.url("/ping"), destination="base")
        self.check(0, "ok", "ok", route="direct", names=("200",))

    def test_base_proxy_disabled_goes_direct(self):
        # Under Wine: ProxyEnable=0 with a dead proxy still in ProxyServer.
        # Natively ProxyEnable=0 is "no proxy variables".
        hostport = self.stopped_proxy()
        self.runner.set_proxy(harness.ProxySettings(False, hostport, "<-loopback>"))
        self.ini(self.nginx.url("/ping"), destination="base")
        self.check(0, "ok", "ok", route="direct", names=("200",))

    def test_base_per_scheme_proxy_as_vendors_write_it(self):
        # https= picks the live proxy; the http= entry points at a dead port.
        dead = self.stopped_proxy()
        proxy = ENV.proxy
        server = "http=%s;https=http://%s" % (dead, proxy.hostport)
        self.runner.set_proxy(harness.ProxySettings(True, server, "<-loopback>; *.onshikaku.org"))
        self.ini(self.nginx.url("/ping"), destination="base")
        before = proxy.log_text()
        r = self.check(0, "ok", "ok", route="proxy", names=("200",))
        self.assertEqual(r.json["proxy"], proxy.hostport, r.describe())
        self.assertIn("CONNECT localhost:%d " % self.nginx.https, proxy.log_text()[len(before):], r.describe())

    def test_base_proxy_name_not_resolved(self):
        self.runner.set_proxy(harness.ProxySettings(True, "oqsdm-no-such-proxy.invalid:8080", "<-loopback>"))
        self.ini(self.nginx.url("/ping"), destination="base")
        self.check(1, "fail", "proxy_dns", route="proxy", names=("oqsdm-no-such-proxy.invalid",))

    def test_base_proxy_setting_not_an_address(self):
        # A typo in ProxyServer is named, never routed around (no false green).
        self.runner.set_proxy(harness.ProxySettings(True, "proxy.base.oqs-pdl.org:80800", "<-loopback>"))
        self.ini(self.nginx.url("/ping"), destination="base")
        self.check(1, "fail", "proxy_setting", names=("80800",))

    def test_server_name_not_resolved(self):
        self.ini("https://oqsdm-no-such-server.invalid/ping", destination="cloud")
        self.check(1, "fail", "dns", names=("oqsdm-no-such-server.invalid",))

    # ---- configuration errors: exit 2, nothing checked

    def test_missing_ini(self):
        self.config_error("ini_missing", (self.runner.ini_path_shown,))

    def test_ini_without_server_url(self):
        self.runner.write_ini({"Destination": "cloud", "CaFile": self.runner.ca_value()})
        self.config_error("ini_key_missing", (self.runner.ini_path_shown, "ServerUrl"))


class CommandLine(unittest.TestCase):
    """What a vendor typing oqsdm-cli by hand sees: --help names every
    command the program takes, in both languages, and a wrong line is
    refused with exit 2 in the language asked for."""

    # Every command of the CLI's table, with a word its help must carry.
    COMMANDS = ("check-connection", "versions", "diagnose", "fix", "settings")

    def setUp(self):
        self.runner = ENV.runner

    def test_help_names_every_command(self):
        for lang in ("ja", "en"):
            r = self.runner.run(args=["--lang", lang, "--help"])
            self.assertEqual(r.exit_code, 0, r.describe())
            for cmd in self.COMMANDS:
                self.assertRegex(r.stdout, r"(?m)^  %s\b" % cmd, "%s help lacks %s\n%s" % (lang, cmd, r.describe()))
            if lang == "ja":
                self.assertIn("診断", r.stdout, r.describe())

    def test_every_command_in_help_is_taken(self):
        # A command the help lists but the program refuses would send the
        # vendor in circles: each one must at least get past the dispatch.
        for cmd in self.COMMANDS:
            r = self.runner.run(args=["--json", cmd, "--no-such-option"])
            self.assertEqual(r.exit_code, 2, r.describe())
            self.assertEqual(r.json["error"]["code"], "usage", r.describe())
            self.assertIn("--no-such-option", r.json["error"]["message"], r.describe())

    def test_no_command_in_japanese(self):
        r = self.runner.run(args=["--lang", "ja", "--json"])
        self.assertEqual(r.exit_code, 2, r.describe())
        self.assertEqual(r.json["error"]["code"], "usage", r.describe())
        self.assertIn("コマンドがありません", r.json["error"]["message"], r.describe())

    def test_unknown_command(self):
        r = self.runner.run(args=["--json", "chek-connection"])
        self.assertEqual(r.exit_code, 2, r.describe())
        self.assertIn("chek-connection", r.json["error"]["message"], r.describe())


if __name__ == "__main__":
    harness.suite_main("connection", sys.modules[__name__])
