#!/usr/bin/env python3
"""bench_connection.py: time to a verdict of oqsdm-cli check-connection,
as a ratio to the curl command doing the same request in the same run.

Both run as whole processes against the same real nginx (HTTPS, test CA),
with the same timeouts, alternating, N times each; the medians are
compared. A ratio near 1 means oqsdm adds little over curl itself (both
pay for process start and the TLS handshake). Printed, never asserted:
speed is a benchmark, not a test.

    bench_connection.py --cli build/native/oqsdm-cli [-n 30]
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


def timed(argv, env):
    t = time.perf_counter()
    r = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, r.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("-n", type=int, default=30)
    o = ap.parse_args()
    work = harness.make_temp_dir("oqsdm-bench-")
    nginx = None
    try:
        nginx = harness.Nginx(os.path.join(work, "nginx"))
        pki = harness.TestPKI(os.path.join(work, "pki"), nginx.crl_url_base)
        nginx.start(pki)
        url = nginx.url("/ping")
        root = os.path.join(work, "root")
        ini = os.path.join(root, *harness.INI_REL)
        os.makedirs(os.path.dirname(ini))
        # Under --root a rooted path means C:\..., so the CA sits beside the INI.
        shutil.copyfile(pki.trusted.ca_pem, os.path.join(os.path.dirname(ini), "ca.pem"))
        with open(ini, "w") as f:
            f.write("[oqsdm]\nDestination=cloud\nServerUrl=%s\nCaFile=ca.pem\nConnectTimeoutMs=5000\nTimeoutMs=15000\n"
                    % url)
        env = harness.clean_env()
        ours = [os.path.abspath(o.cli), "--root", root, "--lang", "en", "check-connection"]
        theirs = ["curl", "-s", "-o", "/dev/null", "--fail", "--cacert", pki.trusted.ca_pem,
                  "--connect-timeout", "5", "--max-time", "15", url]
        a, b = [], []
        for _ in range(o.n):
            t, rc = timed(ours, env)
            if rc != 0:
                r = subprocess.run(ours + ["--json"], env=env, capture_output=True, text=True)
                print("oqsdm-cli failed (exit %d): not a valid measurement\n%s" % (rc, r.stdout + r.stderr))
                return 1
            a.append(t)
            t, rc = timed(theirs, env)
            if rc != 0:
                print("curl failed (exit %d): not a valid measurement" % rc)
                return 1
            b.append(t)
        ma, mb = statistics.median(a), statistics.median(b)
        print("connection check, healthy HTTPS route, n=%d" % o.n)
        print("  oqsdm-cli median %.1f ms   curl median %.1f ms   ratio %.2f" % (ma * 1e3, mb * 1e3, ma / mb))
        return 0
    finally:
        if nginx is not None:
            nginx.stop()
        harness.remove_tree(work)


if __name__ == "__main__":
    sys.exit(main())
