#!/usr/bin/env python3
"""test_signing.py: the win64 build signs its programs and its installer.

What a publisher does with a real certificate, with a throwaway one:

  1. openssl makes a CA, a code-signing certificate from it (PKCS#12 with a
     password in a file) and a timestamping certificate; a timestamp server
     (RFC 3161, `openssl ts -reply` behind a small HTTP server on 127.0.0.1)
     answers with the latter
  2. a build of its own of this source tree is configured with
     OQSDM_SIGN_PKCS12, OQSDM_SIGN_PASSWORD_FILE and OQSDM_SIGN_TIMESTAMP_URL
     and builds the installer (and with it both programs)
  3. `osslsigncode verify` against the test CA: oqsdm.exe, oqsdm-cli.exe and
     the installer carry a valid signature by the test certificate, with a
     valid timestamp; against another CA, and for a changed copy, it fails
  4. the signed installer installs under Wine (its CRC check passes with the
     signature appended), and the uninstaller it writes is signed as well
     (!uninstfinalize), as are the installed programs

    test_signing.py --source-dir S --build-dir B --cmake C --generator G --toolchain T
                    --win-deps D --osslsigncode O --version V [--wine W]

Set OQSDM_IT_KEEP=1 to keep the temporary folders.
"""

import argparse
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SOURCE, "tests", "integration"))
import harness  # noqa: E402
from harness import check, log  # noqa: E402

PUBLISHER = "oqsdm test publisher"
PASSWORD = "throwaway password"

EXTENSIONS = """\
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[codesign]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


class SigningPKI:
    """A CA with a code-signing and a timestamping certificate, and a second
    CA that signed nothing here."""

    def __init__(self, d):
        self.d = d
        os.makedirs(d, exist_ok=True)
        self.cnf = self.p("openssl.cnf")
        with open(self.cnf, "w") as f:
            f.write(EXTENSIONS)
        self.ca_pem = self._ca("ca", "oqsdm test code-signing CA")
        self.other_ca_pem = self._ca("other-ca", "oqsdm test CA that signed nothing")
        self.sign_pem = self._leaf("codesign", "/O=%s/CN=%s" % (PUBLISHER, PUBLISHER))
        self.tsa_pem = self._leaf("tsa", "/CN=oqsdm test timestamp authority")
        self.password_file = self.p("password.txt")
        with open(self.password_file, "w") as f:
            f.write(PASSWORD + "\n")
        self.p12 = self.p("codesign.p12")
        self.openssl("pkcs12", "-export", "-in", self.sign_pem, "-inkey", self.p("codesign.key"),
                     "-certfile", self.ca_pem, "-name", PUBLISHER, "-out", self.p12,
                     "-passout", "file:" + self.password_file)

    def p(self, name):
        return os.path.join(self.d, name)

    def openssl(self, *args):
        env = harness.clean_env()
        env.pop("OPENSSL_CONF", None)
        return harness.run_tool(["openssl"] + list(args), env=env, cwd=self.d, what="openssl " + args[0])

    def _ca(self, name, cn):
        self.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.p(name + ".key"),
                     "-out", self.p(name + ".pem"), "-days", "30", "-subj", "/CN=" + cn,
                     "-config", self.cnf, "-extensions", "ca")
        return self.p(name + ".pem")

    def _leaf(self, name, subject):
        self.openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", self.p(name + ".key"),
                     "-out", self.p(name + ".csr"), "-subj", subject, "-config", self.cnf)
        self.openssl("x509", "-req", "-in", self.p(name + ".csr"), "-CA", self.ca_pem, "-CAkey", self.p("ca.key"),
                     "-CAcreateserial", "-out", self.p(name + ".pem"), "-days", "30",
                     "-extfile", self.cnf, "-extensions", name)
        return self.p(name + ".pem")


class TimestampServer:
    """RFC 3161 over HTTP on 127.0.0.1: each POSTed TimeStampReq is answered
    by `openssl ts -reply` with the test TSA certificate."""

    def __init__(self, pki):
        self.pki = pki
        self.requests = 0
        self.cnf = pki.p("tsa.cnf")
        with open(pki.p("tsa-serial"), "w") as f:
            f.write("01\n")
        with open(self.cnf, "w") as f:
            f.write(f"""\
[tsa]
default_tsa = tsa_config
[tsa_config]
serial = {pki.p("tsa-serial")}
crypto_device = builtin
signer_cert = {pki.tsa_pem}
certs = {pki.ca_pem}
signer_key = {pki.p("tsa.key")}
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.2
digests = sha256, sha384, sha512, sha1
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
""")
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with tempfile.TemporaryDirectory(dir=pki.d) as d:
                    q, r = os.path.join(d, "q.tsq"), os.path.join(d, "r.tsr")
                    with open(q, "wb") as f:
                        f.write(body)
                    p = subprocess.run(["openssl", "ts", "-reply", "-config", outer.cnf, "-queryfile", q, "-out", r],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    data = open(r, "rb").read() if p.returncode == 0 and os.path.exists(r) else b""
                outer.requests += 1
                self.send_response(200 if data else 500)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.HTTPServer((harness.LOOPBACK, 0), Handler)
        self.url = "http://%s:%d/" % (harness.LOOPBACK, self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class SigningTest:
    def __init__(self, o):
        self.o = o
        self.work = None
        self.tsa = None
        self.prefix = None

    def verify(self, path, ca, tsa_ca=None):
        argv = [self.o.osslsigncode, "verify", "-CAfile", ca, "-TSA-CAfile", tsa_ca or ca, "-in", path]
        r = harness.run_captured(argv, env=harness.clean_env(), timeout=60)
        return r.returncode, (r.stdout + r.stderr).decode(errors="replace")

    def check_signed(self, path, what):
        rc, out = self.verify(path, self.pki.ca_pem)
        if rc != 0:
            log(out)
        check(rc == 0 and "Signature verification: ok" in out,
              "%s: signature valid against the test CA" % what)
        check("Subject: /O=%s/CN=%s" % (PUBLISHER, PUBLISHER) in out, "%s: signed by %s" % (what, PUBLISHER))
        check("Timestamp Server Signature verification: ok" in out, "%s: timestamped by the test TSA" % what)
        check("Message digest algorithm  : SHA256" in out, "%s: SHA-256" % what)

    def setup(self):
        self.work = harness.make_temp_dir("oqsdm-signing-")
        self.pki = SigningPKI(os.path.join(self.work, "pki"))
        self.tsa = TimestampServer(self.pki)
        log("test CA %s, timestamp server %s" % (self.pki.ca_pem, self.tsa.url))

    def build(self):
        b = os.path.join(self.work, "build")
        env = harness.clean_env()
        harness.run_tool([self.o.cmake, "-S", self.o.source_dir, "-B", b, "-G", self.o.generator,
                          "-DCMAKE_TOOLCHAIN_FILE=" + self.o.toolchain, "-DCMAKE_BUILD_TYPE=Release",
                          "-DOQSDM_WIN_DEPS=" + self.o.win_deps, "-DOQSDM_PUBLISHER=" + PUBLISHER,
                          "-DOQSDM_SIGN_PKCS12=" + self.pki.p12,
                          "-DOQSDM_SIGN_PASSWORD_FILE=" + self.pki.password_file,
                          "-DOQSDM_SIGN_TIMESTAMP_URL=" + self.tsa.url],
                         env=env, timeout=300, what="cmake configure (signed build)")
        t = time.monotonic()
        r = harness.run_tool([self.o.cmake, "--build", b, "--target", "installer"], env=env, timeout=900,
                             what="cmake --build --target installer (signed build)")
        out = r.stdout.decode(errors="replace")
        log("signed build: %.1f s" % (time.monotonic() - t))
        check(PASSWORD not in out and PASSWORD not in r.stderr.decode(errors="replace"),
              "the password is nowhere in the build's output")
        self.build_dir = b
        self.installer = os.path.join(b, "installer", "oqsdm-setup-%s.exe" % self.o.version)
        check(os.path.isfile(self.installer), "the signed build made " + os.path.basename(self.installer))
        check(self.tsa.requests >= 4, "the timestamp server was asked %d times (programs, uninstaller, installer)"
              % self.tsa.requests)

    def case_verify(self):
        for name in ("oqsdm.exe", "oqsdm-cli.exe"):
            self.check_signed(os.path.join(self.build_dir, name), name)
        self.check_signed(self.installer, os.path.basename(self.installer))
        rc, _ = self.verify(self.installer, self.pki.other_ca_pem)
        check(rc != 0, "against another CA the installer's signature does not verify")
        changed = os.path.join(self.work, "changed.exe")
        shutil.copyfile(os.path.join(self.build_dir, "oqsdm.exe"), changed)
        with open(changed, "r+b") as f:
            f.seek(os.path.getsize(changed) // 2)
            b = f.read(1)
            f.seek(-1, os.SEEK_CUR)
            f.write(bytes([b[0] ^ 0xFF]))
        rc, _ = self.verify(changed, self.pki.ca_pem)
        check(rc != 0, "a copy of oqsdm.exe with one byte changed does not verify")

    def case_install(self):
        tar = harness.WinePrefix.ensure(self.o.build_dir, self.o.wine)
        self.prefix = harness.WinePrefix(tar, self.o.wine)
        r = harness.run_captured([self.o.wine, self.installer, "/S"], env=self.prefix.env(), timeout=120)
        check(r.returncode == 0, "the signed installer installs under Wine (/S): exit %d" % r.returncode)
        inst = os.path.join(self.prefix.c_drive, "Program Files", "oqsdm")
        self.check_signed(os.path.join(inst, "uninstall.exe"), "the installed uninstall.exe")
        for name in ("oqsdm.exe", "oqsdm-cli.exe"):
            with open(os.path.join(inst, name), "rb") as a, open(os.path.join(self.build_dir, name), "rb") as b:
                check(a.read() == b.read(), "the installed %s is the signed one" % name)

    def run(self):
        self.setup()
        self.build()
        self.case_verify()
        self.case_install()

    def teardown(self):
        harness.stop_quietly(self.prefix, self.tsa)
        harness.remove_tree(self.work)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for a in ("--source-dir", "--build-dir", "--cmake", "--generator", "--toolchain", "--win-deps",
              "--osslsigncode", "--version"):
        ap.add_argument(a, required=True)
    ap.add_argument("--wine", default="wine")
    o = ap.parse_args()
    if not os.access(o.osslsigncode, os.X_OK):
        print("osslsigncode not found (%s): apt-get install osslsigncode, see scripts/bootstrap.sh"
              % o.osslsigncode, file=sys.stderr)
        return 2
    return harness.script_main(SigningTest(o))


if __name__ == "__main__":
    sys.exit(main())
