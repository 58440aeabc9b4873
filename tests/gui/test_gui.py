#!/usr/bin/env python3
"""test_gui.py: the GUI end-to-end test of the walking skeleton.

The real oqsdm.exe under Wine on a private Xvfb, against a real nginx over
HTTPS (test CA, `localhost`), clicked and read by oqsdm-gui-driver.exe
(tests/gui/gui_driver.c) running on the same Wine virtual desktop:

  1. connection OK    initial lamp 未確認 (grey), every button enabled but
                      今すぐダウンロード; click; 接続成功 (green), the guide's sentence,
                      every glyph of the lamp text in the lamp's font;
                      screenshot <build>/screenshots/gui-connection-ok.png
  2. connection fail  nginx stopped; click; 接続失敗 (red, no green), the
                      guide's sentence, 原因: ...; the diagnosis that follows
                      by itself (原因を調べています…) names a cause or the vendor,
                      and 診断 gets the keyboard; gui-connection-fail.png
  3. single instance  a second oqsdm.exe opens no window and exits by itself
  4. close            WM_CLOSE ends the process
  5. close while busy against a server that accepts and never answers, the
                      window closed during 確認中… ends the process in ~5 s

Standard library only; servers, PKI and the Wine template come from
tests/integration/harness.py (read-only). The prefix gets, before its
wineserver starts, font replacements (Japanese readable with Noto Sans CJK JP)
and one shared virtual desktop "Default" (800x600, with window frames), so
the driver sees oqsdm's window and the screen it is drawn on.

    test_gui.py --build-dir B --oqsdm B/oqsdm.exe --driver B/tests/gui/oqsdm-gui-driver.exe

Set OQSDM_IT_KEEP=1 to keep the temporary folders.
"""

import argparse
import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SOURCE, "tests", "integration"))
import harness  # noqa: E402

# The guide's wording (res/messages.tsv), as a user sees it.
T_UNCHECKED = "未確認"
T_CHECKING = "確認中…"
T_OK = "接続成功"
T_FAIL = "接続失敗"
T_CONN_OK = "配信サーバーへの接続に成功しました。"
T_CONN_FAIL = "配信サーバーへの接続に失敗しました。"
T_REASON_PREFIX = "原因:"
T_CAUSE_NONE = "設定には原因が見つかりませんでした。"
T_CAUSE_FOUND_PREFIX = "考えられる原因: "
T_CAUSE_SEE_DIAGNOSIS = "「診断」を押すと、すべての確認項目と対処を見られます。"
T_RESULT_PREFIX = "結果:"

FONT_FACES = ("MS Shell Dlg", "MS Shell Dlg 2", "MS UI Gothic", "Tahoma", "Meiryo UI", "Yu Gothic UI")
CJK_FONT = "Noto Sans CJK JP"
DESKTOP_SIZE = "800x600"
SETTINGS_REG = r"C:\oqsdm-test\gui-settings.reg"


def header_defines(path):
    """#define NAME value lines of a C header, values as written."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*#define\s+(\w+)\s+(.+?)\s*(/\*.*)?$", line)
            if m:
                out[m.group(1)] = m.group(2)
    return out


RES = header_defines(os.path.join(SOURCE, "res", "resource.h"))
ID = {k: int(v) for k, v in RES.items() if k.startswith("IDC_") and v.isdigit()}
COLORS = {k[len("OQSDM_COLOR_"):-len("_RGB")]: tuple(int(x, 0) for x in v.split(","))
          for k, v in header_defines(os.path.join(SOURCE, "src", "gui", "status_colors.h")).items()
          if k.endswith("_RGB")}


def log(msg):
    print("[%7.2f] %s" % (time.monotonic() - T0, msg), flush=True)


T0 = time.monotonic()


# ------------------------------------------------------------------- Xvfb

class Xvfb:
    """A private X server on a display number it picks itself (-displayfd)."""

    def __init__(self, workdir, screen="1024x768x24"):
        self.proc = None
        self.display = None
        self.screen = screen
        self.log_path = os.path.join(workdir, "xvfb.log")

    def start(self):
        r, w = os.pipe()
        with open(self.log_path, "ab") as logf:
            self.proc = subprocess.Popen(
                ["Xvfb", "-displayfd", str(w), "-screen", "0", self.screen, "-nolisten", "tcp",
                 "-noreset"],
                stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT, pass_fds=(w,),
                start_new_session=True, preexec_fn=harness._die_with_parent)
        os.close(w)
        buf = b""
        deadline = time.monotonic() + 20
        try:
            while not buf.endswith(b"\n"):
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise harness.HarnessError("Xvfb did not report a display\n" + harness.read_text(self.log_path))
                ready, _, _ = select.select([r], [], [], 0.5)
                if ready:
                    chunk = os.read(r, 64)
                    if not chunk:
                        break
                    buf += chunk
        finally:
            os.close(r)
        self.display = ":" + buf.decode().strip()
        return self

    def stop(self):
        harness.stop_process_group(self.proc)
        self.proc = None


# ------------------------------------------------------------ Wine prefix

class GuiPrefix:
    """A prefix from the integration tests' template, with the GUI settings
    imported while no wineserver runs yet; then a persistent wineserver.
    `desktop` is the virtual desktop's size, `extra_reg` more lines of the
    .reg file imported (keys and values, after the GUI settings)."""

    def __init__(self, template_tar, display, wine="wine", desktop=DESKTOP_SIZE, extra_reg=()):
        self.wine = wine
        self.desktop = desktop
        self.extra_reg = list(extra_reg)
        self.wineserver = shutil.which("wineserver") or "wineserver"
        self.display = display
        self.work = harness.make_temp_dir("oqsdm-gui-wine-")
        self.dir = os.path.join(self.work, "prefix")
        self.home = os.path.join(self.work, "home")
        self.server = None
        os.makedirs(self.dir)
        os.makedirs(self.home)
        try:
            harness.run_tool(["tar", "-C", self.dir, "-xf", template_tar], timeout=300, what="tar -x")
            self._import_settings()
            self._start_server()
        except BaseException:
            self.close()
            raise

    @property
    def c_drive(self):
        return os.path.join(self.dir, "drive_c")

    def env(self, extra=None):
        e = harness.wine_base_env(self.dir, self.home, {"DISPLAY": self.display})
        if extra:
            e.update(extra)
        return e

    def _import_settings(self):
        lines = ["Windows Registry Editor Version 5.00", "",
                 r"[HKEY_CURRENT_USER\Software\Wine\Fonts\Replacements]"]
        lines += ['"%s"="%s"' % (face, CJK_FONT) for face in FONT_FACES]
        lines += ["", r"[HKEY_CURRENT_USER\Software\Wine\Explorer]", '"Desktop"="Default"',
                  "", r"[HKEY_CURRENT_USER\Software\Wine\Explorer\Desktops]",
                  '"Default"="%s"' % self.desktop, ""] + self.extra_reg + [""]
        path = os.path.join(self.c_drive, "oqsdm-test", "gui-settings.reg")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="ascii", newline="\r\n") as f:
            f.write("\n".join(lines))
        # A transient wineserver for the import; -w waits until it (and any
        # desktop it may have made) is gone, so the real start reads them.
        harness.run_tool([self.wine, "reg", "import", SETTINGS_REG], env=self.env(), timeout=120,
                         what="wine reg import")
        harness.run_tool([self.wineserver, "-w"], env=self.env(), timeout=120, what="wineserver -w")
        with open(os.path.join(self.dir, "user.reg"), encoding="utf-8", errors="replace") as f:
            reg = f.read()
        if CJK_FONT not in reg or '"Default"="%s"' % self.desktop not in reg:
            raise harness.HarnessError("the GUI settings are not in user.reg after the import")

    def _start_server(self):
        logf = open(os.path.join(self.work, "wineserver.log"), "ab")
        try:
            self.server = harness.spawn([self.wineserver, "-f", "-p"], env=self.env(), stdout=logf,
                                        stderr=subprocess.STDOUT)
        finally:
            logf.close()

    def close(self):
        if self.server is not None:
            with contextlib.suppress(Exception):
                subprocess.run([self.wineserver, "-k"], env=self.env(), timeout=30,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            harness.stop_process_group(self.server, grace=10)
            self.server = None
        harness.remove_tree(self.work)


# -------------------------------------------------------------- the test

class Failure(AssertionError):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)
    log("ok: " + what)


class GuiTest:
    SCREEN = "1024x768x24"        # the Xvfb screen
    DESKTOP = DESKTOP_SIZE        # the Wine virtual desktop (GuiPrefix)
    EXTRA_REG = ()                # more lines for the prefix's .reg (GuiPrefix)

    def __init__(self, opts):
        self.o = opts
        self.work = None
        self.xvfb = None
        self.prefix = None
        self.nginx = None
        self.silent = None
        self.apps = []
        self.shots = os.path.join(opts.build_dir, "screenshots")

    # --- plumbing

    def driver(self, *args, timeout=60, expect_rc=0):
        """Runs oqsdm-gui-driver.exe. Its output goes to files, not pipes: a
        Wine process it starts (the desktop's explorer.exe) would inherit a
        pipe and keep it open long after the driver is gone."""
        argv = [self.o.wine, self.o.driver] + [str(a) for a in args]
        t = time.monotonic()
        out_path = os.path.join(self.work, "driver.out")
        err_path = os.path.join(self.work, "driver.err")
        with open(out_path, "wb") as fo, open(err_path, "wb") as fe:
            p = subprocess.Popen(argv, env=self.prefix.env(), stdin=subprocess.DEVNULL, stdout=fo, stderr=fe,
                                 start_new_session=True, preexec_fn=harness._die_with_parent)
            try:
                p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                harness.stop_process_group(p, signal.SIGKILL, grace=2)
                raise Failure("driver %s did not finish within %s s" % (" ".join(str(a) for a in args), timeout))
        with open(out_path, "rb") as f:
            stdout = f.read()
        with open(err_path, "rb") as f:
            stderr = f.read()
        r = subprocess.CompletedProcess(argv, p.returncode, stdout, stderr)
        out = r.stdout.decode("utf-8", errors="replace").replace("\r\n", "\n").rstrip("\n")
        err = r.stderr.decode("utf-8", errors="replace").strip()
        log("driver %s -> %d (%.2f s): %s%s" % (" ".join(str(a) for a in args), r.returncode,
                                                time.monotonic() - t, out, (" | " + err) if err else ""))
        if expect_rc is not None and r.returncode != expect_rc:
            raise Failure("driver %s exited %d, expected %d: %s %s" % (
                " ".join(str(a) for a in args), r.returncode, expect_rc, out, err))
        return out

    def launch(self, lang="ja"):
        logf = open(os.path.join(self.work, "oqsdm-%d.log" % len(self.apps)), "ab")
        try:
            p = subprocess.Popen([self.o.wine, self.o.oqsdm, "--lang", lang], env=self.prefix.env(),
                                 stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                                 start_new_session=True, preexec_fn=harness._die_with_parent)
        finally:
            logf.close()
        self.apps.append(p)
        return p

    def write_ini(self, url, timeout_ms=5000, connect_timeout_ms=3000):
        path = os.path.join(self.prefix.c_drive, *harness.INI_REL)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(("[oqsdm]\r\nServerUrl=%s\r\nDestination=cloud\r\nCaFile=%s\r\nTimeoutMs=%d\r\n"
                     "ConnectTimeoutMs=%d\r\n" % (url, harness.CA_WINPATH, timeout_ms,
                                                   connect_timeout_ms)).encode("utf-8"))

    def count(self, idc, color):
        n, area = (int(x) for x in self.driver("count-color", ID[idc], *COLORS[color]).split())
        return n, area

    def screenshot(self, name, dlg="main"):
        """The dialog `dlg` (the driver's --dlg: main, versions, open) as a PNG."""
        bmp_win = "C:\\oqsdm-test\\%s.bmp" % name
        bmp = os.path.join(self.prefix.c_drive, "oqsdm-test", name + ".bmp")
        self.driver("--timeout", 3000, "--dlg", dlg, "screenshot", bmp_win)
        os.makedirs(self.shots, exist_ok=True)
        png = os.path.join(self.shots, name + ".png")
        harness.run_tool(["convert", bmp, png], what="convert %s" % name)
        log("screenshot: " + png)
        return png

    def wait_exit(self, p, seconds):
        t = time.monotonic()
        try:
            p.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return None
        return time.monotonic() - t

    # --- the steps

    def setup(self):
        self.work = harness.make_temp_dir("oqsdm-gui-")
        self.nginx = harness.Nginx(os.path.join(self.work, "nginx"))
        pki = harness.TestPKI(os.path.join(self.work, "pki"), self.nginx.crl_url_base)
        self.nginx.start(pki)
        log("nginx on https://localhost:%d" % self.nginx.https)
        self.xvfb = Xvfb(self.work, self.SCREEN).start()
        log("Xvfb on %s" % self.xvfb.display)
        tar = harness.WinePrefix.ensure(self.o.build_dir, self.o.wine)
        self.prefix = GuiPrefix(tar, self.xvfb.display, self.o.wine, desktop=self.DESKTOP, extra_reg=self.EXTRA_REG)
        log("Wine prefix %s" % self.prefix.dir)
        ca = os.path.join(self.prefix.c_drive, *harness.CA_REL)
        os.makedirs(os.path.dirname(ca), exist_ok=True)
        shutil.copyfile(pki.trusted.ca_pem, ca)

    def case_connection(self):
        self.write_ini(self.nginx.url("/ping"))
        app = self.launch()
        self.driver("--timeout", 30000, "wait-window")

        check(self.driver("get-text", ID["IDC_STATUS"]) == T_UNCHECKED, "initial status is " + T_UNCHECKED)
        grey, area = self.count("IDC_STATUS", "UNKNOWN")
        check(grey >= area * 0.4, "grey lamp: %d of %d px" % (grey, area))
        for name, want in (("IDC_BTN_CHECK_CONNECTION", "1"), ("IDC_BTN_VERSIONS", "1"),
                           ("IDC_BTN_SETTINGS", "1"), ("IDC_BTN_DIAGNOSE", "1"), ("IDC_BTN_DOWNLOAD_NOW", "0")):
            check(self.driver("is-enabled", ID[name]) == want,
                  "%s %s" % (name, "enabled" if want == "1" else "disabled"))

        self.driver("click", ID["IDC_BTN_CHECK_CONNECTION"])
        self.driver("wait-status", T_OK, 30000)
        check(self.driver("get-text", ID["IDC_MESSAGE"]) == T_CONN_OK, "message: " + T_CONN_OK)
        reason = self.driver("get-text", ID["IDC_REASON"])
        check(reason.startswith(T_RESULT_PREFIX) and "200" in reason, "result line: " + reason)
        self.driver("get-text", ID["IDC_DETAIL"])
        green, area = self.count("IDC_STATUS", "OK")
        check(green >= area * 0.4, "green lamp: %d of %d px" % (green, area))
        missing = int(self.driver("glyphs", ID["IDC_STATUS"]).split()[0])
        check(missing == 0, "the lamp's font has every glyph of %s" % T_OK)
        missing = int(self.driver("glyphs", ID["IDC_MESSAGE"]).split()[0])
        check(missing == 0, "the message's font has every glyph of %s" % T_CONN_OK)
        self.screenshot("gui-connection-ok")
        return app

    def case_failure(self, app):
        port = self.nginx.https
        self.nginx.stop()
        log("nginx stopped (port %d closed)" % port)
        self.driver("click", ID["IDC_BTN_CHECK_CONNECTION"])
        self.driver("wait-status", T_FAIL, 30000)
        check(self.driver("get-text", ID["IDC_MESSAGE"]) == T_CONN_FAIL, "message: " + T_CONN_FAIL)
        reason = self.driver("get-text", ID["IDC_REASON"])
        check(len(reason) > len(T_REASON_PREFIX) and reason.startswith(T_REASON_PREFIX), "reason: " + reason)
        self.driver("get-text", ID["IDC_DETAIL"])
        red, area = self.count("IDC_STATUS", "FAIL")
        green, _ = self.count("IDC_STATUS", "OK")
        check(red >= area * 0.4, "red lamp: %d of %d px" % (red, area))
        check(green <= area * 0.01, "no green left: %d px" % green)
        missing = int(self.driver("glyphs", ID["IDC_STATUS"]).split()[0])
        check(missing == 0, "the lamp's font has every glyph of %s" % T_FAIL)
        # The diagnosis follows by itself; the buttons come back with it.
        self.driver("wait-enabled", ID["IDC_BTN_DIAGNOSE"], 1, 30000, timeout=60)
        cause = self.driver("get-text", ID["IDC_CAUSE"])
        check(cause == T_CAUSE_NONE or cause.startswith(T_CAUSE_FOUND_PREFIX), "the cause line: " + cause)
        remedy = self.driver("get-text", ID["IDC_CAUSE_REMEDY"])
        check(remedy.endswith(T_CAUSE_SEE_DIAGNOSIS), "the way to the whole list: " + remedy)
        check(self.driver("get-text", ID["IDC_MESSAGE"]) == T_CONN_FAIL, "the guide's sentence stays")
        check(self.driver("focus").split()[0] == str(ID["IDC_BTN_DIAGNOSE"]), "診断 has the keyboard")
        self.screenshot("gui-connection-fail")

    def case_single_instance(self, app):
        second = self.launch()
        took = self.wait_exit(second, 10)
        check(took is not None and took <= 5.0,
              "a second oqsdm.exe exits by itself (%s s, exit %s)" % (
                  "%.1f" % took if took is not None else "> 10", second.returncode))
        check(second.returncode == 0, "the second oqsdm.exe exits with 0")
        check(self.driver("count-windows") == "1", "still exactly one oqsdm window")
        check(app.poll() is None, "the first oqsdm.exe still runs")

    def case_close(self, app):
        self.driver("close")
        took = self.wait_exit(app, 10)
        check(took is not None, "WM_CLOSE ends oqsdm.exe (%s s, exit %s)" % (
            "%.1f" % took if took is not None else "> 10", app.returncode))
        check(app.returncode == 0, "oqsdm.exe exits with 0 after WM_CLOSE")
        self.driver("--timeout", 3000, "wait-gone")

    def case_close_while_checking(self):
        self.silent = harness.SilentServer().start()
        self.write_ini("http://localhost:%d/ping" % self.silent.port, timeout_ms=20000)
        app = self.launch()
        self.driver("--timeout", 30000, "wait-window")
        self.driver("click", ID["IDC_BTN_CHECK_CONNECTION"])
        self.driver("wait-status", T_CHECKING, 10000)
        deadline = time.monotonic() + 10
        while self.silent.accepted == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        check(self.silent.accepted > 0, "the silent server holds oqsdm's connection")
        time.sleep(0.5)
        check(self.driver("get-text", ID["IDC_STATUS"]) == T_CHECKING, "still " + T_CHECKING)
        self.driver("close")
        took = self.wait_exit(app, 5.5)
        check(took is not None, "closing during a check ends oqsdm.exe within 5 s (%s)" % (
            "%.1f s" % took if took is not None else "still running"))
        log("oqsdm.exe exit code %s" % app.returncode)

    def run(self):
        self.setup()
        app = self.case_connection()
        self.case_failure(app)
        self.case_single_instance(app)
        self.case_close(app)
        self.case_close_while_checking()

    def teardown(self):
        for p in self.apps:
            if p.poll() is None:
                with contextlib.suppress(Exception):
                    harness.stop_process_group(p, grace=3)
        if self.prefix is not None:
            with contextlib.suppress(Exception):
                self.prefix.close()
        if self.silent is not None:
            with contextlib.suppress(Exception):
                self.silent.stop()
        if self.nginx is not None:
            with contextlib.suppress(Exception):
                self.nginx.stop()
        if self.xvfb is not None:
            with contextlib.suppress(Exception):
                self.xvfb.stop()
        harness.remove_tree(self.work)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--oqsdm", required=True)
    ap.add_argument("--driver", required=True)
    ap.add_argument("--wine", default="wine")
    opts = ap.parse_args()
    opts.build_dir = os.path.abspath(opts.build_dir)
    opts.oqsdm = os.path.abspath(opts.oqsdm)
    opts.driver = os.path.abspath(opts.driver)
    for exe in (opts.oqsdm, opts.driver):
        if not os.path.isfile(exe):
            print("missing: " + exe, file=sys.stderr)
            return 2
    harness.install_signal_cleanup()
    t = GuiTest(opts)
    try:
        t.run()
    except Failure as e:
        log("FAIL: %s" % e)
        if t.prefix is not None and t.xvfb is not None:
            with contextlib.suppress(Exception):
                t.screenshot("gui-last-failure")  # the dialog as it was, if it is still there
        return 1
    finally:
        t.teardown()
        log("done (wall %.1f s)" % (time.monotonic() - T0))
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
