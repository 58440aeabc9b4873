#!/usr/bin/env python3
"""bench_diagnose.py: time to a verdict of oqsdm-cli diagnose, as a ratio to
the curl command doing the same request with the same timeouts, in the
same run.

Two routes, both the 配信拠点 route through a real tinyproxy to a real
nginx (HTTPS, test CA):
  healthy   everything answers;
  vanish    the proxy's port drops every packet (iptables DROP in a network
            namespace of the bench's own, whose only DNS server drops
            queries too): the verdict must come within the connect timeout,
            not after the resolver's or TCP's minutes.
The diagnosis does more than curl (it resolves the guide's names and reads
the settings at the same time), so a ratio near 1 says its parallel
probes cost little more than the one request. Printed, never asserted.

    bench_diagnose.py --cli build/native/oqsdm-cli [-n 10]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SOURCE, "tests", "integration"))
import harness  # noqa: E402

CONNECT_TIMEOUT_MS = 3000
TIMEOUT_MS = 10000
GUIDE_BYPASS = ("*.onshikaku.org,*.flets-east.jp,*.flets-west.jp,*.lineauth.mnw,*.obn.managedpki.ne.jp,"
                "*.cybertrust.ne.jp,*.secomtrust.net,*.rece,pweb.base.oqs-pdl.org,<-loopback>")


def timed(argv, env):
    t = time.perf_counter()
    r = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, r.returncode


def measure(name, ours, theirs, env, n, ours_ok, theirs_ok):
    a, b = [], []
    for _ in range(n):
        t, rc = timed(ours, env)
        if rc not in ours_ok:
            print("%s: oqsdm-cli exit %d: not a valid measurement" % (name, rc))
            return
        a.append(t)
        t, rc = timed(theirs, env)
        if rc not in theirs_ok:
            print("%s: curl exit %d: not a valid measurement" % (name, rc))
            return
        b.append(t)
    ma, mb = statistics.median(a), statistics.median(b)
    print("diagnose, %s, n=%d (connect timeout %d ms)" % (name, n, CONNECT_TIMEOUT_MS))
    print("  oqsdm-cli diagnose median %.1f ms   curl median %.1f ms   ratio %.2f" % (ma * 1e3, mb * 1e3, ma / mb))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("-n", type=int, default=10)
    o = ap.parse_args()
    work = harness.make_temp_dir("oqsdm-bench-diag-")
    nginx = proxy = None
    try:
        nginx = harness.Nginx(os.path.join(work, "nginx"))
        pki = harness.TestPKI(os.path.join(work, "pki"), nginx.crl_url_base)
        nginx.start(pki)
        proxy = harness.TinyProxy(os.path.join(work, "proxy")).start()
        url = nginx.url("/ping")
        root = os.path.join(work, "root")
        ini = os.path.join(root, *harness.INI_REL)
        os.makedirs(os.path.dirname(ini))
        shutil.copyfile(pki.trusted.ca_pem, os.path.join(os.path.dirname(ini), "ca.pem"))

        def write_ini(proxy_hostport):
            with open(ini, "w") as f:
                f.write("[oqsdm]\nDestination=base\nProvider=ntt-east\nConnectionKind=ipvpn\nServerUrl=%s\n"
                        "CaFile=ca.pem\nConnectTimeoutMs=%d\nTimeoutMs=%d\nExpectedProxy=%s\n"
                        % (url, CONNECT_TIMEOUT_MS, TIMEOUT_MS, proxy_hostport))

        def env_for(proxy_hostport):
            return harness.clean_env({"https_proxy": "http://" + proxy_hostport, "no_proxy": GUIDE_BYPASS})

        ours = [os.path.abspath(o.cli), "--root", root, "--lang", "en", "diagnose"]

        def curl(proxy_hostport):
            return ["curl", "-s", "-o", "/dev/null", "--fail", "--cacert", pki.trusted.ca_pem,
                    "--proxy", "http://" + proxy_hostport, "--connect-timeout", str(CONNECT_TIMEOUT_MS / 1000),
                    "--max-time", str(TIMEOUT_MS / 1000), url]

        write_ini(proxy.hostport)
        # healthy: diagnose exits 1 or 3 here (the guide's names do not resolve on a test machine)
        measure("healthy route", ours, curl(proxy.hostport), env_for(proxy.hostport), o.n, (0, 1, 3), (0,))

        if not harness.NetNs.usable():
            print("diagnose, vanishing route: skipped (needs root, ip and iptables)")
            return 0
        port = harness.free_port()
        dead = "%s:%d" % (harness.LOOPBACK, port)
        write_ini(dead)
        with harness.NetNs(resolv_conf="nameserver 127.0.0.53\noptions timeout:30 attempts:1\n") as ns:
            ns.drop_tcp(port)
            ns.drop_udp(53)
            measure("route where packets vanish", ns.prefix() + ours, ns.prefix() + curl(dead), env_for(dead),
                    max(3, o.n // 3), (1,), (28,))
        return 0
    finally:
        if proxy is not None:
            proxy.stop()
        if nginx is not None:
            nginx.stop()
        harness.remove_tree(work)


if __name__ == "__main__":
    sys.exit(main())
