#!/usr/bin/env python3
"""test_gui_dpi.py: the four dialogs at 96, 144 and 192 DPI; every text fits its control.

The real oqsdm.exe under Wine on a private Xvfb, driven by oqsdm-gui-driver.exe.
Wine's system DPI is HKCU\\Control Panel\\Desktop LogPixels, read by each new
process: the test sets it with `wine reg add` before each run of oqsdm.exe, on
one wineserver. At 192 DPI the dialogs need about twice the pixels of 96, so the
virtual desktop is 1600x1200 (the Xvfb screen a little larger), and each dialog
must fit the 800x600 of the other GUI tests scaled by DPI/96.

Runs: 96 DPI in Japanese and in English (--lang en), 144 and 192 in Japanese.
In each, the dialogs hold realistic, long texts, from the setups of the other
GUI tests (test_gui_versions.py's Version.info files, portal page on nginx and
the reader's Uninstall key; test_gui_diagnose.py's proxy faults), in the order
a run goes:

  main        without an INI: 設定エラー and the guide's remedy (reinstall, with
              the INI's path) under the lamp (gui-dpi-main-config-error-*.png);
              a check answered by HTTP 503 whose diagnosis then connects: the
              cause line says to check again
  versions    the table of four from the portal, the maker guessed, its steps,
              the advice; "abc" saved as the reader's number: the message
              beside the box
  main        the check through a proxy on a closed port (配信拠点, ProxyServer
              wrong, a semicolon missing in the bypass list): the reason line,
              the route, the cause the diagnosis found and the first line of
              its remedy (the guide's proxy address)
  diagnose    opened by Enter (診断 is the default button then): the six
              findings; 修正 on the bypass list: the message, the undo hint in
              the detail (元に戻す puts the list back afterwards)
  settings    三菱電機インフォメーションネットワーク (the longest provider name) +
              IPsec+IKE with 配信拠点: the guide's recommendation and the red
              warning; saved into a read-only INI: the refusal in red and
              管理者として続ける shown

and `oqsdm-gui-driver layout` measures each one inside oqsdm.exe (layout_probe.c
has the exact rules): every control's text on the control's own font fits its
control (statics, buttons with their frames and check marks, edits within their
margins or scrolling with a scroll bar, combo box items, list view headers and
cells), every control lies in the client area, no two overlap, every button and
label has a mnemonic unique in its dialog, labels precede their controls, the
tab stops go in reading order, there is a default button and an IDCANCEL. Any
failing rule is listed (dialog, id, class, text, needed vs available pixels) and
fails the test. It also checks that the DPI took (GetDpiForWindow, the dialog
font's height) and that the fonts oqsdm makes follow it (the lamp twice the
dialog font, bold; the cause and the warning bold, of the dialog font's size).

Screenshots: <build>/screenshots/gui-dpi-<main|versions|settings|diagnose>-<96|144|192>.png,
gui-dpi-<dialog>-96-en.png, and gui-dpi-main-config-error-<dpi>[-en].png.

Keyboard, what the other GUI tests leave out: the main window's and the
diagnosis' Tab cycles, Enter starting the connection check and re-running the
diagnosis, Alt + a label's mnemonic moving to its control (versions, settings),
Alt+X (閉じる) closing every dialog, Esc closing the main window.

    test_gui_dpi.py --build-dir B --oqsdm B/oqsdm.exe --driver B/tests/gui/oqsdm-gui-driver.exe

Standard library only. Set OQSDM_IT_KEEP=1 to keep the temporary folders.
"""

import contextlib
import http.server
import os
import re
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import test_gui as G  # noqa: E402  (GuiTest: the prefix, the driver, the steps' helpers; main)
import test_gui_versions as V  # noqa: E402  (the versions setup: Version.info files, portal, Uninstall key)
from test_gui import harness, check, log, Failure, ID, IDCANCEL, mnemonic  # noqa: E402
from test_gui_diagnose import BROKEN_BYPASS  # noqa: E402  (the bypass list with a semicolon missing)

DESKTOP = "1600x1200"
SCREEN = "1664x1280x24"
BASE_W, BASE_H = 800, 600          # what a dialog must fit at 96 DPI, scaled by DPI/96
RUNS = [(96, "ja"), (96, "en"), (144, "ja"), (192, "ja")]
DESKTOP_KEY = r"HKCU\Control Panel\Desktop"
INET = harness.INTERNET_SETTINGS
FONT_PT = 9                        # the dialogs' FONT 9 (res/oqsdm.rc)


MSG = {lang: G.catalogue(lang) for lang in ("ja", "en")}


class FlakyServer:
    """Plain HTTP on loopback: 503 to the first GET after arm(), 200 to every
    other one; so a connection check fails and the diagnosis after it connects."""

    def __init__(self):
        outer = self
        self.lock = threading.Lock()
        self.armed = False

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                with outer.lock:
                    fail, outer.armed = outer.armed, False
                body = b"busy\n" if fail else b"ok\n"
                self.send_response(503 if fail else 200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer((harness.LOOPBACK, 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def arm(self):
        with self.lock:
            self.armed = True

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class DpiTest(V.VersionsTest):
    SCREEN = SCREEN
    DESKTOP = DESKTOP
    EXTRA_REG = ("[HKEY_CURRENT_USER\\Control Panel\\Desktop]", '"LogPixels"=dword:00000060')
    LAST_SHOT = "gui-dpi-last-failure"
    LAST_SHOT_DIALOGS = ("versions", "settings", "diagnose", "main")

    def __init__(self, opts):
        super().__init__(opts)
        self.dead = None
        self.flaky = None
        self.dpi = 96
        self.failed_layouts = []
        self.shots_taken = []
        self.timings = []

    # --- plumbing

    def set_dpi(self, dpi):
        if dpi != self.dpi:
            harness.run_tool([self.o.wine, "reg", "add", DESKTOP_KEY, "/v", "LogPixels", "/t", "REG_DWORD", "/d",
                              str(dpi), "/f"], env=self.prefix.env(), timeout=60, what="wine reg add LogPixels")
            self.dpi = dpi
        log("LogPixels = %d" % dpi)

    def write_ini(self, destination, provider="ntt-east", kind="ipvpn", server=None):
        path = os.path.join(self.prefix.c_drive, *harness.INI_REL)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(("[oqsdm]\r\nServerUrl=%s\r\nPortalUrl=%s\r\nDestination=%s\r\nProvider=%s\r\nConnectionKind=%s\r\n"
                     "CaFile=%s\r\nConnectTimeoutMs=2000\r\nTimeoutMs=6000\r\n"
                     % (server or self.nginx.url("/ping"), self.nginx.url(self.portal_path), destination, provider,
                        kind, harness.CA_WINPATH)).encode("utf-8"))

    def wait_focus(self, dlg, want, what, was=None):
        deadline = time.monotonic() + 3  # keys are posted: wait until the dialog has moved on
        now = None
        while time.monotonic() < deadline:
            now = self.focus(dlg)
            if now == want or (was is not None and now != was):
                break
            time.sleep(0.05)
        check(now == want, "%s (focus on %s)" % (what, now))

    def layout(self, dlg, name, lang):
        """The probe's report; its failures collected (all dialogs are measured before the test fails)."""
        out = self.on(dlg, "layout", expect_rc=None)
        lines = out.split("\n")
        head = next((l for l in lines if l.startswith("dialog ")), "")
        m = re.search(r"dpi=(\d+) .*window=(\d+)x(\d+) at (-?\d+),(-?\d+) .*height=(-?\d+)", head)
        if not m:
            raise Failure("the layout probe gave no report for %s: %s" % (name, out[-2000:]))
        dpi, w, h, x, y, font_h = (int(v) for v in m.groups())
        check(dpi == self.dpi, "%s: GetDpiForWindow is %d" % (name, dpi))
        want_h = -round(FONT_PT * self.dpi / 72)
        check(font_h == want_h, "%s: the dialog font is %d px high (FONT %d at %d DPI)" % (name, font_h, FONT_PT,
                                                                                           self.dpi))
        scale = self.dpi / 96
        dw, dh = (int(v) for v in DESKTOP.split("x"))
        check(w <= BASE_W * scale and h <= BASE_H * scale,
              "%s: %dx%d px fits %dx%d (800x600 at %d DPI)" % (name, w, h, BASE_W * scale, BASE_H * scale, self.dpi))
        check(x >= 0 and y >= 0 and x + w <= dw and y + h <= dh, "%s: on the %s desktop at %d,%d" % (name, DESKTOP, x, y))
        fails = [l for l in lines if l.startswith("FAIL ")]
        for l in fails:
            log("LAYOUT %s %s: %s" % (lang, self.dpi, l))
        if fails:
            self.failed_layouts.append("%s at %d DPI (%s): %d failures" % (name, self.dpi, lang, len(fails)))
        summary = lines[-1] if lines else ""
        check(True, "%s at %d DPI (%s): %s" % (name, self.dpi, lang, summary))
        return lines

    def font_of(self, lines, idc):
        for l in lines:
            m = re.match(r"(?:ok|FAIL) \S+ id=%d .*font=(-?\d+)/(\d+)," % ID[idc], l)
            if m:
                return int(m.group(1)), int(m.group(2))
        raise Failure("no measured text for %s" % idc)

    def shot(self, dlg, lang, state=""):
        name = "gui-dpi-%s%s-%d%s" % (dlg, state, self.dpi, "-en" if lang == "en" else "")
        self.screenshot(name, dlg=dlg)
        self.shots_taken.append(name + ".png")

    def close_modal(self, dlg, lang, how):
        """Closes a modal dialog by Alt + 閉じる's mnemonic, Esc or WM_CLOSE."""
        if how == "alt":
            letter = mnemonic(MSG[lang]["BTN_CLOSE_KEY"])
            self.on(dlg, "key", "alt+" + letter)
        elif how == "escape":
            self.on(dlg, "key", "escape")
        else:
            self.on(dlg, "close")
        self.on(dlg, "--timeout", 5000, "wait-gone")
        if how == "alt":
            check(True, "Alt+%s (閉じる) closes the %s dialog" % (letter.upper(), dlg))

    # --- setup

    def setup(self):
        super().setup()  # test_gui_versions' prefix: Version.info files, the portal on nginx, the Uninstall key
        self.dead = harness.free_port()
        self.flaky = FlakyServer()
        for args in (("/v", "ProxyEnable", "/t", "REG_DWORD", "/d", "1"),
                     ("/v", "ProxyServer", "/t", "REG_SZ", "/d", "%s:%d" % (harness.LOOPBACK, self.dead)),
                     ("/v", "ProxyOverride", "/t", "REG_SZ", "/d", BROKEN_BYPASS)):
            harness.run_tool([self.o.wine, "reg", "add", INET] + list(args) + ["/f"], env=self.prefix.env(),
                             timeout=60, what="wine reg add " + args[1])

    # --- one run: the four dialogs at one DPI in one language

    def run_one(self, dpi, lang, keyboard):
        t0 = time.monotonic()
        msg = MSG[lang]
        self.set_dpi(dpi)
        ini = os.path.join(self.prefix.c_drive, *harness.INI_REL)
        with contextlib.suppress(FileNotFoundError):
            os.remove(ini)
        app = self.launch(lang)
        self.driver("--timeout", 30000, "wait-window")

        if keyboard:
            self.keys_main_tab()

        # No INI: 設定エラー, and the guide's remedy (reinstall) under the lamp.
        self.driver("click", ID["IDC_BTN_CHECK_CONNECTION"])
        self.driver("wait-status", msg["STATUS_CONFIG_ERROR"], 20000)
        self.driver("wait-enabled", ID["IDC_BTN_CHECK_CONNECTION"], 1, 20000, timeout=50)
        self.wait_for("main", "IDC_MESSAGE", lambda t: t == msg["ERR_INI_MISSING"].replace(
            "{0}", "C:\\" + "\\".join(harness.INI_REL)), "no INI: the guide's remedy")
        self.layout("main", "main (no INI)", lang)
        self.shot("main", lang, "-config-error")

        # A check that fails (HTTP 503) and a diagnosis that connects: the
        # cause line says to check again.
        self.write_ini("cloud", server="http://localhost:%d/ping" % self.flaky.port)
        self.flaky.arm()
        self.driver("click", ID["IDC_BTN_CHECK_CONNECTION"])
        self.driver("wait-status", msg["STATUS_CONN_FAIL"], 20000)
        self.driver("wait-enabled", ID["IDC_BTN_DIAGNOSE"], 1, 30000, timeout=60)
        self.wait_for("main", "IDC_CAUSE", lambda t: t == msg["CAUSE_NOW_OK"], "the diagnosis connected")
        self.layout("main", "main (connected again)", lang)
        self.write_ini("cloud")

        # 配信実績の確認: the table, the steps, a refused number.
        self.driver("post-click", ID["IDC_BTN_VERSIONS"])
        self.on("versions", "--timeout", 15000, "wait-window")
        self.wait_idle()
        self.v("set-text", ID["IDC_VER_READER_EDIT"], "abc")
        self.v("click", ID["IDC_VER_READER_SAVE"])
        self.wait_for("versions", "IDC_VER_READER_ERROR", bool, "the message beside the reader's box")
        rows = self.cells()
        check(len(rows) == 4 and all(r[2] != msg["VAL_NONE"] for r in rows[:3]),
              "the table from the portal: %r" % rows)
        self.layout("versions", "versions", lang)
        self.shot("versions", lang)
        if keyboard:
            self.keys_labels("versions", (("READER_VENDOR_LABEL", "IDC_VER_VENDOR"),
                                          ("READER_VERSION_LABEL", "IDC_VER_READER_EDIT")), lang)
        self.close_modal("versions", lang, "alt" if keyboard or dpi == 192 else "escape")

        # The connection check through the wrong proxy, and the cause.
        self.write_ini("base")
        before = self.logged("connection")
        if keyboard:
            self.driver("set-focus", ID["IDC_BTN_CHECK_CONNECTION"])
            self.driver("key", "return")
        else:
            self.driver("click", ID["IDC_BTN_CHECK_CONNECTION"])
        self.wait_logged("connection", before, "Enter on the main window starts the connection check" if keyboard
                         else "the connection check ran")
        self.driver("wait-status", msg["STATUS_CONN_FAIL"], 30000)
        t = time.monotonic()
        self.driver("wait-enabled", ID["IDC_BTN_DIAGNOSE"], 1, 30000, timeout=60)
        log("the diagnosis after the check took %.1f s" % (time.monotonic() - t))
        cause = self.driver("get-text", ID["IDC_CAUSE"])
        check(cause == msg["CAUSE_FOUND"].replace("{0}", msg["FT_PROXY_SERVER"]), "the cause: " + cause)
        reason = self.driver("get-text", ID["IDC_REASON"])
        check(reason.startswith(msg["REASON_LABEL"].split("{0}")[0]) and str(self.dead) in reason,
              "the reason line names the proxy: " + reason)
        lines = self.layout("main", "main", lang)
        dlg_h, _ = self.font_of(lines, "IDC_MESSAGE")
        lamp = self.font_of(lines, "IDC_STATUS")
        check(lamp == (2 * dlg_h, 700), "the lamp's font follows the DPI: %r, twice %d and bold" % (lamp, dlg_h))
        cause_font = self.font_of(lines, "IDC_CAUSE")
        check(cause_font == (dlg_h, 700), "the cause's font follows the DPI: %r, bold" % (cause_font,))
        self.shot("main", lang)

        # 診断: Enter opens it (the default button after a failed check); the
        # bypass list fixed, so the message and the undo hint are there too.
        check(self.focus("main") == ID["IDC_BTN_DIAGNOSE"], "診断 has the keyboard")
        self.driver("key", "return")
        self.on("diagnose", "--timeout", 15000, "wait-window")
        self.wait_for("diagnose", "IDC_DIAG_SUMMARY", lambda t: t.startswith(msg["FS_OK"]), "the findings are shown")
        self.on("diagnose", "lv-select", ID["IDC_DIAG_LIST"], 2)
        self.diagnose_action("IDC_DIAG_FIX", msg["FIX_DONE"].split("{0}")[0] + msg["FT_PROXY_BYPASS"])
        self.layout("diagnose", "diagnose", lang)
        self.shot("diagnose", lang)
        if keyboard:
            self.keys_diagnose(msg)
        self.diagnose_action("IDC_DIAG_UNDO", msg["FIX_UNDONE"].split("{0}")[0] + msg["FT_PROXY_BYPASS"])
        self.close_modal("diagnose", lang, "alt" if keyboard else "close")

        # 設定の変更 with the warning, and a save Windows refuses (a read-only
        # INI): the longest message, and 管理者として続ける shown.
        self.write_ini("base", "mitsubishi-inf", "ipvpn")  # the longest provider name the warning can hold
        ini = os.path.join(self.prefix.c_drive, *harness.INI_REL)
        os.chmod(ini, 0o444)
        self.driver("post-click", ID["IDC_BTN_SETTINGS"])
        self.on("settings", "--timeout", 15000, "wait-window")
        self.on("settings", "wait-enabled", ID["IDC_SET_PROVIDER"], 1, 20000, timeout=50)
        self.on("settings", "cb-select", ID["IDC_SET_KIND"], 0)  # IPsec+IKE: the guide says クラウド, 配信拠点 is chosen
        self.wait_for("settings", "IDC_SET_WARNING", bool, "the warning is shown")
        self.on("settings", "click", ID["IDC_SET_SAVE"])
        self.on("settings", "wait-enabled", ID["IDC_SET_PROVIDER"], 1, 20000, timeout=50)
        self.wait_for("settings", "IDC_SET_MESSAGE", lambda t: t.endswith(msg["SDLG_DENIED"]),
                      "the refused save is explained")
        check(self.on("settings", "is-visible", ID["IDC_SET_ELEVATE"]) == "1", "管理者として続ける is shown")
        lines = self.layout("settings", "settings", lang)
        dlg_h, _ = self.font_of(lines, "IDC_SET_RECOMMEND")
        warn = self.font_of(lines, "IDC_SET_WARNING")
        check(warn == (dlg_h, 700), "the warning's font follows the DPI: %r, bold" % (warn,))
        self.shot("settings", lang)
        if keyboard:
            self.keys_labels("settings", (("SDLG_PROVIDER_LABEL", "IDC_SET_PROVIDER"),
                                          ("SDLG_KIND_LABEL", "IDC_SET_KIND")), lang)
        self.close_modal("settings", lang, "alt" if keyboard else "escape")
        os.chmod(ini, 0o644)

        # The main window: Alt+X, Esc or WM_CLOSE ends oqsdm.exe.
        if keyboard:
            self.driver("key", "alt+" + mnemonic(msg["BTN_CLOSE_KEY"]))
        elif dpi == 144:
            self.driver("key", "escape")
        else:
            self.driver("close")
        took = self.wait_exit(app, 10)
        check(took is not None and app.returncode == 0, "oqsdm.exe ends (%s) by %s" % (
            app.returncode, "Alt+X" if keyboard else "Esc" if dpi == 144 else "WM_CLOSE"))
        self.timings.append("%d %s: %.1f s" % (dpi, lang, time.monotonic() - t0))

    def diagnose_action(self, idc, message_start):
        """修正 or 元に戻す on the selected row; the diagnosis that follows, and what it says."""
        self.on("diagnose", "click", ID[idc])
        self.on("diagnose", "wait-enabled", ID["IDC_DIAG_RERUN"], 1, 30000, timeout=60)
        self.wait_for("diagnose", "IDC_DIAG_MESSAGE", lambda t: t.startswith(message_start),
                      "%s: the dialog says what it did" % idc)

    # --- keyboard, what the other GUI tests leave out

    def keys_main_tab(self):
        """Tab goes down the buttons (今すぐダウンロード is greyed: skipped), then 閉じる, then round."""
        order = ["IDC_BTN_VERSIONS", "IDC_BTN_SETTINGS", "IDC_BTN_DIAGNOSE", "IDCANCEL", "IDC_BTN_CHECK_CONNECTION"]
        seen = self.tab_order("main", "IDC_BTN_CHECK_CONNECTION", len(order))
        check(seen == [ID[n] for n in order], "the main window's Tab order: %r" % seen)

    def keys_labels(self, dlg, pairs, lang):
        """Alt + a label's mnemonic moves the keyboard to the control it names."""
        self.on(dlg, "set-focus", IDCANCEL)
        for label, target in pairs:
            letter = mnemonic(MSG[lang][label])
            self.on(dlg, "key", "alt+" + letter)
            self.wait_focus(dlg, ID[target], "Alt+%s (%s) moves to %s" % (letter.upper(), label, target),
                            was=IDCANCEL)
            self.on(dlg, "set-focus", IDCANCEL)

    def keys_diagnose(self, msg):
        """Tab through the usable controls in their order; Enter re-runs the diagnosis."""
        controls = self.on("diagnose", "controls").split("\n")[1:]
        usable = {int(l.split("\t")[0]) for l in controls if "visible=1 enabled=1" in l}
        order = [ID[n] for n in ("IDC_DIAG_DETAIL", "IDC_DIAG_COMMAND", "IDC_DIAG_FIX", "IDC_DIAG_UNDO",
                                 "IDC_DIAG_ELEVATE", "IDC_DIAG_RERUN", "IDCANCEL", "IDC_DIAG_LIST")]
        want = [i for i in order if i in usable]
        seen = self.tab_order("diagnose", "IDC_DIAG_LIST", len(want))
        check(seen == want, "the diagnosis' Tab order over its usable controls: %r" % seen)
        # Enter on the table is 再診断 (the default button): the diagnosis runs
        # again, and logs its line (it is over too fast to see it greyed).
        before = self.logged("diagnose")
        self.on("diagnose", "set-focus", ID["IDC_DIAG_LIST"])
        self.on("diagnose", "key", "return")
        self.wait_logged("diagnose", before, "Enter on the table runs 再診断")
        self.on("diagnose", "wait-enabled", ID["IDC_DIAG_RERUN"], 1, 30000, timeout=60)
        self.wait_for("diagnose", "IDC_DIAG_SUMMARY", lambda t: t.startswith(msg["FS_OK"]), "and it is done")

    def logged(self, check_name):
        """How many `check_name` lines oqsdm.log has: each check and diagnosis writes one
        (the way to see a posted key start one, however fast it is over)."""
        path = os.path.join(self.prefix.c_drive, "ProgramData", "OQS", "OQSDistroApp", "oqsdm", "oqsdm.log")
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                return sum(1 for line in f if "\t%s\t" % check_name in line)
        except FileNotFoundError:
            return 0

    def wait_logged(self, check_name, before, what):
        deadline = time.monotonic() + 20
        while self.logged(check_name) == before and time.monotonic() < deadline:
            time.sleep(0.1)
        now = self.logged(check_name)
        check(now > before, "%s (oqsdm.log: %d -> %d %s lines)" % (what, before, now, check_name))

    def teardown(self):
        harness.stop_quietly(self.flaky)
        if self.prefix is not None:
            with contextlib.suppress(Exception):
                os.chmod(os.path.join(self.prefix.c_drive, *harness.INI_REL), 0o644)
        super().teardown()

    def run(self):
        self.setup()
        for dpi, lang in RUNS:
            self.run_one(dpi, lang, keyboard=(dpi, lang) == (96, "ja"))
        log("runs: " + "; ".join(self.timings))
        log("screenshots: " + " ".join(self.shots_taken))
        if self.failed_layouts:
            raise Failure("texts that do not fit or controls out of place (the LAYOUT lines above): "
                          + "; ".join(self.failed_layouts))
        check(True, "every text fits at every DPI, in both languages")


if __name__ == "__main__":
    sys.exit(G.main(DpiTest, __doc__))
