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

Standard library only; servers, PKI, Xvfb, the Wine template and the run
of a test script (log, check, script_main) come from
tests/integration/harness.py. The prefix gets, before its wineserver starts,
font replacements (Japanese readable with Noto Sans CJK JP) and one shared
virtual desktop "Default" (800x600, with window frames), so the driver sees
oqsdm's window and the screen it is drawn on. GuiTest is also the base of
the other GUI tests (test_gui_*.py): the driver, oqsdm.exe, screenshots, the
helpers of their steps and main(), the command line they all take.

    test_gui.py --build-dir B --oqsdm B/oqsdm.exe --driver B/tests/gui/oqsdm-gui-driver.exe

Set OQSDM_IT_KEEP=1 to keep the temporary folders.
"""

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SOURCE, "tests", "integration"))
sys.path.insert(0, os.path.join(SOURCE, "cmake"))
import harness  # noqa: E402
from harness import Failure, check, log  # noqa: E402  (the other GUI tests take them from here too)
from gen_messages import load as load_messages  # noqa: E402

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
IDOK, IDCANCEL = 1, 2  # winuser.h's, the dialogs' OK and 閉じる buttons
ID = {k: int(v) for k, v in RES.items() if k.startswith("IDC_") and v.isdigit()}
ID.update(IDOK=IDOK, IDCANCEL=IDCANCEL)
COLORS = {k[len("OQSDM_COLOR_"):-len("_RGB")]: tuple(int(x, 0) for x in v.split(","))
          for k, v in header_defines(os.path.join(SOURCE, "src", "gui", "status_colors.h")).items()
          if k.endswith("_RGB")}


def catalogue(lang):
    """res/messages.tsv as the build reads it (cmake/gen_messages.py): id ->
    the text in `lang` (ja, en), escapes resolved."""
    column = {"ja": 1, "en": 2}[lang]
    return {m[0]: m[column] for m in load_messages(os.path.join(SOURCE, "res", "messages.tsv"))}


def mnemonic(text):
    """The letter after & in a label, lower case; None without one."""
    m = re.search(r"&([^&])", text)
    return m.group(1).lower() if m else None


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

class GuiTest:
    SCREEN = "1024x768x24"        # the Xvfb screen
    DESKTOP = DESKTOP_SIZE        # the Wine virtual desktop (GuiPrefix)
    EXTRA_REG = ()                # more lines for the prefix's .reg (GuiPrefix)
    LAST_SHOT = "gui-last-failure"  # the screenshot after a failed check,
    LAST_SHOT_DIALOGS = ("main",)   # of the first of these dialogs still open

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
        for attempt in range(3):
            t1 = time.monotonic()
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
            r = harness.Completed(argv, p.returncode, stdout, stderr, time.monotonic() - t1)
            if attempt == 2 or not harness.silent_start_failure(r):
                break
            log("driver %s exited %d in %.2f s without a word (it never ran): once more"
                % (" ".join(str(a) for a in args), r.returncode, r.wall_s))
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

    def last_screenshot(self):
        """After a failed check: the dialog as it was, if it is still there."""
        if self.prefix is None or self.xvfb is None:
            return
        for dlg in self.LAST_SHOT_DIALOGS:
            with contextlib.suppress(Exception):
                self.screenshot(self.LAST_SHOT, dlg=dlg)
                return

    # --- what the steps of the GUI tests share

    def on(self, dlg, *args, **kw):
        """A driver command on the dialog `dlg` (the driver's --dlg)."""
        return self.driver("--dlg", dlg, *args, **kw)

    def focus(self, dlg="main"):
        """The id of the control that has the keyboard."""
        return int(self.on(dlg, "focus").split()[0])

    def wait_for(self, dlg, idc, pred, what, timeout_s=20):
        """Reads the control's text (`idc` a name of ID or a number) until
        pred(text) holds; fails with the last text after `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        t = None
        while time.monotonic() < deadline:
            t = self.on(dlg, "get-text", ID[idc] if isinstance(idc, str) else idc)
            if pred(t):
                check(True, "%s: %s" % (what, t.replace("\n", " | ")))
                return t
            time.sleep(0.2)
        raise Failure("%s: %s still reads %r" % (what, idc, t))

    def wait_dialog_fits(self, dlg):
        """Until the (modal) dialog `dlg` is open; it fits the virtual desktop."""
        out = self.on(dlg, "--timeout", 15000, "wait-window")
        l, t, r, b = (int(x) for x in re.search(r"rect=(-?\d+),(-?\d+),(-?\d+),(-?\d+)", out).groups())
        w, h = (int(x) for x in self.DESKTOP.split("x"))
        check(0 <= l and 0 <= t and r <= w and b <= h, "the dialog fits the %s desktop: %d,%d,%d,%d" % (
            self.DESKTOP, l, t, r, b))

    def check_mnemonics(self, dlg, idcs):
        """Each of the controls (names of ID) has a mnemonic, none the same."""
        letters = []
        for idc in idcs:
            t = self.on(dlg, "get-text", ID[idc])
            check(mnemonic(t) is not None, "%s has a mnemonic: %s" % (idc, t))
            letters.append(mnemonic(t))
        check(len(set(letters)) == len(letters), "mnemonics are unique: %s" % letters)

    def tab_order(self, dlg, start, steps):
        """Tab pressed `steps` times from the control `start` (a name of ID):
        the ids the keyboard went to, in turn."""
        self.on(dlg, "set-focus", ID[start])
        seen, at = [], ID[start]
        for _ in range(steps):
            self.on(dlg, "key", "tab")
            deadline = time.monotonic() + 3  # the key is posted: wait until the dialog has moved on
            while time.monotonic() < deadline:
                now = self.focus(dlg)
                if now != at:
                    break
                time.sleep(0.05)
            seen.append(now)
            at = now
        return seen

    def wait_silent_holds(self, what):
        """Until the silent server has accepted oqsdm's connection (10 s at most)."""
        deadline = time.monotonic() + 10
        while self.silent.accepted == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        check(self.silent.accepted > 0, "the silent server holds " + what)

    def close_cleanly(self, app):
        """WM_CLOSE to the main window: oqsdm.exe ends with 0 within 10 s."""
        self.driver("close")
        took = self.wait_exit(app, 10)
        check(took is not None and app.returncode == 0, "oqsdm.exe exits cleanly (%s)" % app.returncode)

    # --- the steps

    def setup(self):
        self.work = harness.make_temp_dir("oqsdm-gui-")
        self.nginx = harness.Nginx(os.path.join(self.work, "nginx"))
        pki = harness.TestPKI(os.path.join(self.work, "pki"), self.nginx.crl_url_base)
        self.nginx.start(pki)
        log("nginx on https://localhost:%d" % self.nginx.https)
        self.xvfb = harness.Xvfb(self.work, self.SCREEN).start()
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
        self.wait_silent_holds("oqsdm's connection")
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
        harness.stop_quietly(*self.apps, self.prefix, self.silent, self.nginx, self.xvfb)
        harness.remove_tree(self.work)


def main(test_class, doc):
    """The command line of every GUI test, test_class's script with the
    usage at its top (`doc`); 0 PASS, 1 FAIL, 2 a program is missing."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
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
    t = test_class(opts)
    return harness.script_main(t, on_failure=t.last_screenshot)


if __name__ == "__main__":
    sys.exit(main(GuiTest, __doc__))
