#!/usr/bin/env python3
"""test_gui_diagnose.py: the GUI end-to-end test of the diagnosis (診断) and its fixes.

The real oqsdm.exe under Wine on a private Xvfb, driven by oqsdm-gui-driver.exe,
on a 配信拠点 terminal (Destination=base, NTT East IP-VPN, ExpectedProxy = a real
tinyproxy on loopback, the server a real nginx over HTTPS) whose proxy settings
were written by `wine reg add` with two faults of the field: ProxyServer on a
port nobody listens on, and a ProxyOverride with a semicolon missing:

  1. failed check     接続確認: 接続失敗 and the guide's sentence; the diagnosis
                      follows by itself and the main window names the finding
                      that explains it (the proxy's address, in red) with the
                      first line of its remedy; 診断 is the default button:
                      Enter opens the list; gui-diagnose-main.png
  2. the findings     the six rows (title, status word) read from the ListView,
                      each status cell's colour by pixels (green ok, red fail,
                      grey unknown/skip; dns never green); the explaining row
                      selected, the connection row naming it; the bypass row's
                      detail naming the bad entry; gui-diagnose.png
  3. fix bypass       修正 on the bypass row: `wine reg query` (not WinINet, which
                      wrote it) reads the corrected list; the row turns green,
                      元に戻す is enabled; gui-diagnose-fixed.png
  4. fix server       修正 on the proxy row: ProxyServer is the tinyproxy; after
                      the re-run that row and the connection row are green
  5. undo both        元に戻す on each, last fix first: `wine reg export` of
                      HKCU\\...\\Internet Settings is byte-identical to before
  6. refused fix      the INI says クラウド and is read-only (`attrib +r`): 再診断
                      shows the destination red and the proxy rows grey (not
                      applicable); 修正 is refused and says so in red, offering
                      管理者として修正; pressed, the elevated oqsdm-cli runs at once
                      under Wine, meets the same file and its exit code is
                      reported; the INI is unchanged; gui-diagnose-refused.png
  7. busy, keyboard   mnemonics unique; against a server that never answers,
                      再診断 says 診断しています…, greys the buttons, the window
                      answers; Esc closes it within 5 s (the diagnosis is
                      cancelled); the main window's lamp is back to 未確認 (its
                      answer is out of date) and it exits cleanly

    test_gui_diagnose.py --build-dir B --oqsdm B/oqsdm.exe --driver B/tests/gui/oqsdm-gui-driver.exe

Standard library only. Set OQSDM_IT_KEEP=1 to keep the temporary folders.
"""

import contextlib
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import test_gui as G  # noqa: E402  (GuiTest: the prefix, the driver, the steps' helpers; main)
from test_gui import harness, check, log, Failure, ID, COLORS  # noqa: E402
from test_gui_versions import MSG, fmt  # noqa: E402  (the catalogue)

INET = harness.INTERNET_SETTINGS
GUIDE_BYPASS = ("*.onshikaku.org;*.flets-east.jp;*.flets-west.jp;*.lineauth.mnw;*.obn.managedpki.ne.jp;"
                "*.cybertrust.ne.jp;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org")
BAD_ENTRY = "*.onshikaku.org*.flets-east.jp"   # the semicolon between the first two is missing
BROKEN_BYPASS = GUIDE_BYPASS.replace(";*.flets-east.jp", "*.flets-east.jp", 1) + ";<-loopback>"

ROWS = ["FT_DESTINATION", "FT_PROXY_SERVER", "FT_PROXY_BYPASS", "FT_PROXY_WINHTTP", "FT_DNS", "FT_CONNECTION"]
R_DEST, R_SERVER, R_BYPASS, R_WINHTTP, R_DNS, R_CONN = range(6)
WORD = {k: MSG["FS_" + k] for k in ("OK", "WARN", "FAIL", "SKIP", "UNKNOWN")}
SHADE = {WORD["OK"]: "OK", WORD["WARN"]: "WARN", WORD["FAIL"]: "FAIL", WORD["SKIP"]: "UNKNOWN",
         WORD["UNKNOWN"]: "UNKNOWN"}
SHADES = ("OK", "WARN", "FAIL", "UNKNOWN")


class DiagnoseTest(G.GuiTest):
    LAST_SHOT = "gui-diagnose-last-failure"
    LAST_SHOT_DIALOGS = ("diagnose", "main")

    def __init__(self, opts):
        super().__init__(opts)
        self.proxy = None
        self.dead = None

    # --- plumbing

    def d(self, *args, **kw):
        """A driver command on the diagnosis dialog."""
        return self.driver("--dlg", "diagnose", *args, **kw)

    def text(self, idc):
        return self.d("get-text", ID[idc])

    def rows(self):
        out = self.d("lv-cells", ID["IDC_DIAG_LIST"])
        return [line.split("\t") for line in out.split("\n")] if out else []

    def wine_reg(self, *args, ok=(0,)):
        return harness.run_tool([self.o.wine, "reg"] + list(args), env=self.prefix.env(), timeout=60,
                                what="wine reg " + " ".join(args), ok_codes=ok)

    def reg_value(self, name):
        """A value read with `wine reg query`: another path than WinINet's."""
        out = self.wine_reg("query", INET, "/v", name, ok=(0, 1)).stdout.decode("utf-8", errors="replace")
        return harness.reg_query_value(out, name)

    def export(self):
        path = os.path.join(self.prefix.c_drive, "oqsdm-test", "export.reg")
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)
        self.wine_reg("export", INET, r"C:\oqsdm-test\export.reg", "/y")
        with open(path, "rb") as f:
            return f.read()

    def wait_done(self, timeout_s=30):
        """Until the dialog's job is back: 再診断 enabled again."""
        self.d("wait-enabled", ID["IDC_DIAG_RERUN"], 1, int(timeout_s * 1000), timeout=timeout_s + 30)
        summary = self.text("IDC_DIAG_SUMMARY")
        check(summary.startswith(MSG["FS_OK"] + " "), "the diagnosis is shown: " + summary)
        return summary

    def select(self, row):
        """Selects a row as a click does; the dialog answers LVN_ITEMCHANGED
        inside the driver's (sent) LVM_SETITEMSTATE, so the detail is there."""
        self.d("lv-select", ID["IDC_DIAG_LIST"], row)
        return self.text("IDC_DIAG_DETAIL")

    def colors(self, col):
        """Per row, {colour name: pixels} in column `col`'s cell, and its area."""
        out = self.d("lv-colors", ID["IDC_DIAG_LIST"], col, *(",".join(str(x) for x in COLORS[c]) for c in SHADES))
        table = []
        for line in out.split("\n"):
            area, *n = (int(x) for x in line.split())
            table.append((dict(zip(SHADES, n)), area))
        return table

    def check_colors(self, rows):
        """Each status cell mostly its status' colour (exact RGB of
        status_colors.h) and none of the others; nothing else in the row
        coloured (column 0's rectangle, LVIR_BOUNDS, is the whole row: it
        must hold exactly its status cell's pixels)."""
        table = self.colors(1)
        check(len(table) == len(rows) == 6, "six status cells")
        seen = []
        for r, (row, (n, area)) in enumerate(zip(rows, table)):
            want = SHADE[row[1]]
            others = {k: v for k, v in n.items() if k != want and v}
            if area <= 0 or n[want] < area * 0.5 or others:
                raise Failure("row %d (%s: %s) should be %s: %r of %d px" % (r, row[0], row[1], want, n, area))
            seen.append("%s %d/%d" % (want, n[want], area))
        for r, ((whole, _), (cell, _)) in enumerate(zip(self.colors(0), table)):
            if whole != cell:
                raise Failure("row %d is coloured outside its status cell: %r, the cell %r" % (r, whole, cell))
        check(True, "status colours by pixels, nothing else in the rows: " + ", ".join(seen))

    def expect(self, rows, statuses, what):
        got = {r: rows[r][1] for r in statuses}
        want = {r: WORD[s] for r, s in statuses.items()}
        check(got == want, "%s: %r" % (what, got))

    # --- setup

    def setup(self):
        super().setup()
        self.proxy = harness.TinyProxy(os.path.join(self.work, "tinyproxy")).start()
        log("tinyproxy on %s" % self.proxy.hostport)
        self.dead = harness.free_port()
        path = os.path.join(self.prefix.c_drive, *harness.INI_REL)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(("[oqsdm]\r\nServerUrl=%s\r\nDestination=base\r\nProvider=ntt-east\r\nConnectionKind=ipvpn\r\n"
                     "CaFile=%s\r\nConnectTimeoutMs=2000\r\nTimeoutMs=6000\r\nExpectedProxy=%s\r\n"
                     % (self.nginx.url("/ping"), harness.CA_WINPATH, self.proxy.hostport)).encode("utf-8"))
        # The faults, as a vendor's typing leaves them.
        self.wine_reg("add", INET, "/v", "ProxyEnable", "/t", "REG_DWORD", "/d", "1", "/f")
        self.wine_reg("add", INET, "/v", "ProxyServer", "/t", "REG_SZ", "/d", "%s:%d" % (harness.LOOPBACK, self.dead),
                      "/f")
        self.wine_reg("add", INET, "/v", "ProxyOverride", "/t", "REG_SZ", "/d", BROKEN_BYPASS, "/f")

    def teardown(self):
        if self.prefix is not None:
            with contextlib.suppress(Exception):
                os.chmod(os.path.join(self.prefix.c_drive, *harness.INI_REL), 0o644)
        harness.stop_quietly(self.proxy)
        super().teardown()

    # --- the steps

    def case_failed_check(self):
        app = self.launch()
        self.driver("--timeout", 30000, "wait-window")
        self.driver("click", ID["IDC_BTN_CHECK_CONNECTION"])
        self.driver("wait-status", G.T_FAIL, 30000)
        check(self.driver("get-text", ID["IDC_MESSAGE"]) == G.T_CONN_FAIL, "the guide's sentence: " + G.T_CONN_FAIL)
        t = time.monotonic()
        self.driver("wait-enabled", ID["IDC_BTN_DIAGNOSE"], 1, 30000, timeout=60)
        log("the diagnosis after the check took %.1f s" % (time.monotonic() - t))
        cause = self.driver("get-text", ID["IDC_CAUSE"])
        check(cause == fmt("CAUSE_FOUND", MSG["FT_PROXY_SERVER"]), "the main window names the cause: " + cause)
        remedy = self.driver("get-text", ID["IDC_CAUSE_REMEDY"]).split("\n")
        host, port = self.proxy.hostport.rsplit(":", 1)
        check(remedy[0] == fmt("CAUSE_REMEDY", fmt("FR_PROXY_SERVER", host, port)),
              "the first line of its remedy: " + remedy[0])
        check(remedy[-1] == MSG["CAUSE_SEE_DIAGNOSIS"], "and where to see every item")
        red, area = self.count("IDC_CAUSE", "FAIL")
        check(red > 0, "the cause is written in red: %d of %d px" % (red, area))
        check(self.driver("get-text", ID["IDC_MESSAGE"]) == G.T_CONN_FAIL, "the guide's sentence stays as it is")
        check(self.driver("focus").split()[0] == str(ID["IDC_BTN_DIAGNOSE"]), "診断 has the keyboard")
        self.screenshot("gui-diagnose-main")
        return app

    def case_findings(self):
        self.driver("key", "return")  # 診断 is the default button: Enter opens the list
        self.wait_dialog_fits("diagnose")
        summary = self.text("IDC_DIAG_SUMMARY")
        check(summary.startswith(MSG["FS_OK"] + " "), "the main window's diagnosis is shown at once: " + summary)
        self.d("controls")  # the layout as Wine made it, for the log
        rows = self.rows()
        check([r[0] for r in rows] == [MSG[k] for k in ROWS], "the six findings' titles: %r" % [r[0] for r in rows])
        self.expect(rows, {R_DEST: "OK", R_SERVER: "FAIL", R_BYPASS: "FAIL", R_CONN: "FAIL"}, "statuses")
        check(rows[R_DNS][1] != WORD["OK"], "dns is not wrongly ok under Wine: " + rows[R_DNS][1])
        check(rows[R_WINHTTP][1] in (WORD["FAIL"], WORD["UNKNOWN"]),
              "Wine's WinHTTP is direct: the guide's command was not run: " + rows[R_WINHTTP][1])
        counts = [sum(1 for r in rows if r[1] == WORD[k]) for k in ("OK", "WARN", "FAIL", "SKIP", "UNKNOWN")]
        check(summary == fmt("DCLI_SUMMARY", *(str(n) for n in counts)), "summary counts the rows")
        self.check_colors(rows)

        detail = self.text("IDC_DIAG_DETAIL")
        check(str(self.dead) in detail and "プロキシ" in detail,
              "the explaining row (the proxy) is selected first, naming the wrong port %d" % self.dead)
        check(self.d("is-enabled", ID["IDC_DIAG_FIX"]) == "1", "修正 is enabled for it")
        check(self.d("is-enabled", ID["IDC_DIAG_UNDO"]) == "0", "元に戻す is not: nothing was fixed")
        check(self.d("is-visible", ID["IDC_DIAG_ELEVATE"]) == "0", "no administrator offer yet")
        conn = self.select(R_CONN)
        check(fmt("FR_CONN_SEE", MSG["FT_PROXY_SERVER"]) in conn, "the connection row names the finding that explains it")
        bypass = self.select(R_BYPASS)
        check(BAD_ENTRY in bypass, "the bypass row names the bad entry %s" % BAD_ENTRY)
        check(MSG["FD_PXB_SEP_NONE"] in bypass, "and says the semicolon is missing")
        missing = int(self.d("glyphs", ID["IDC_DIAG_SUMMARY"]).split()[0])
        check(missing == 0, "every glyph of the summary in the dialog's font")
        self.screenshot("gui-diagnose", dlg="diagnose")
        return rows

    def fix(self, row, what):
        check(self.d("is-enabled", ID["IDC_DIAG_FIX"]) == "1", "修正 is enabled for " + what)
        self.d("click", ID["IDC_DIAG_FIX"])
        self.wait_done()
        message = self.text("IDC_DIAG_MESSAGE")
        check(message.startswith(fmt("FIX_DONE", MSG[ROWS[row]], "")), "the dialog says what it did: " + message)
        return self.rows()

    def case_fix_bypass(self):
        before = self.export()
        rows = self.fix(R_BYPASS, "the bypass list")
        written = self.reg_value("ProxyOverride")
        entries = (written or "").split(";")
        check(all(e in entries for e in GUIDE_BYPASS.split(";")) and "<-loopback>" in entries
              and BAD_ENTRY not in entries, "wine reg query reads the corrected list, extras kept: %s" % written)
        self.expect(rows, {R_BYPASS: "OK", R_SERVER: "FAIL", R_CONN: "FAIL"}, "after the bypass fix")
        self.check_colors(rows)
        check(self.d("is-enabled", ID["IDC_DIAG_UNDO"]) == "1", "元に戻す is enabled for the fixed row")
        check(MSG["DDLG_UNDO_HINT"] in self.text("IDC_DIAG_DETAIL"), "the detail says it can be undone")
        self.screenshot("gui-diagnose-fixed", dlg="diagnose")
        return before

    def case_fix_server(self):
        self.select(R_SERVER)
        rows = self.fix(R_SERVER, "the proxy server")
        check(self.reg_value("ProxyServer") == self.proxy.hostport, "wine reg query: ProxyServer is the tinyproxy")
        check(self.reg_value("ProxyEnable") == "0x1", "wine reg query: ProxyEnable is 1")
        self.expect(rows, {R_SERVER: "OK", R_BYPASS: "OK", R_CONN: "OK"},
                    "after the re-run the proxy and the connection are green")
        self.check_colors(rows)
        self.screenshot("gui-diagnose-green", dlg="diagnose")

    def case_undo(self, before):
        for row, what in ((R_SERVER, "the proxy server"), (R_BYPASS, "the bypass list")):
            self.select(row)
            check(self.d("is-enabled", ID["IDC_DIAG_UNDO"]) == "1", "元に戻す is enabled for " + what)
            self.d("click", ID["IDC_DIAG_UNDO"])
            self.wait_done()
            check(self.text("IDC_DIAG_MESSAGE") == fmt("FIX_UNDONE", MSG["FT_PROXY_SERVER"] if row == R_SERVER
                                                       else MSG["FT_PROXY_BYPASS"]),
                  "the dialog says it was undone: " + self.text("IDC_DIAG_MESSAGE"))
            check(self.d("is-enabled", ID["IDC_DIAG_UNDO"]) == "0", "nothing left to undo for " + what)
        check(self.reg_value("ProxyServer") == "%s:%d" % (harness.LOOPBACK, self.dead), "the wrong port is back")
        check(self.export() == before, "wine reg export of Internet Settings is byte-identical to before the fixes")
        rows = self.rows()
        self.expect(rows, {R_SERVER: "FAIL", R_BYPASS: "FAIL", R_CONN: "FAIL"}, "the faults are back")
        self.check_colors(rows)

    def case_refused_fix(self):
        ini = os.path.join(self.prefix.c_drive, *harness.INI_REL)
        with open(ini, "rb") as f:
            data = f.read().replace(b"Destination=base", b"Destination=cloud")
        with open(ini, "wb") as f:
            f.write(data)
        harness.run_tool([self.o.wine, "cmd", "/c", "attrib", "+r", "C:\\" + "\\".join(harness.INI_REL)],
                         env=self.prefix.env(), timeout=60, what="attrib +r")
        self.d("click", ID["IDC_DIAG_RERUN"])
        self.wait_done()
        rows = self.rows()
        self.expect(rows, {R_DEST: "FAIL", R_SERVER: "SKIP", R_BYPASS: "SKIP", R_CONN: "OK"},
                    "クラウド for NTT East IP-VPN: the destination is wrong, the proxy does not apply")
        self.check_colors(rows)
        self.select(R_DEST)
        title = MSG["FT_DESTINATION"]
        check(self.d("is-enabled", ID["IDC_DIAG_FIX"]) == "1", "修正 is enabled for the destination")
        self.d("click", ID["IDC_DIAG_FIX"])
        self.wait_done()
        message = self.text("IDC_DIAG_MESSAGE")
        check(message == fmt("DDLG_FIX_DENIED_PLAIN", title), "the refusal is said: " + message)
        red, area = self.count_in("IDC_DIAG_MESSAGE", "FAIL")
        check(red > 0, "in red: %d of %d px" % (red, area))
        check(self.d("is-visible", ID["IDC_DIAG_ELEVATE"]) == "1" and self.d("is-enabled", ID["IDC_DIAG_ELEVATE"]) == "1",
              "管理者として修正 is offered")
        check(self.d("is-visible", ID["IDC_DIAG_COMMAND"]) == "0", "no command to type for an INI")
        check(self.d("is-enabled", ID["IDC_DIAG_UNDO"]) == "0", "nothing was changed, nothing to undo")
        self.d("click", ID["IDC_DIAG_ELEVATE"])
        self.wait_done(60)
        message = self.text("IDC_DIAG_MESSAGE")
        check(message == fmt("DDLG_ELEVATED_FAILED", title, "1"),
              "the elevated oqsdm-cli's real result (exit 1: refused again) is reported: " + message)
        with open(ini, "rb") as f:
            check(f.read() == data, "the INI is unchanged")
        check(self.rows()[R_DEST][1] == WORD["FAIL"], "the destination is still red")
        self.screenshot("gui-diagnose-refused", dlg="diagnose")

    def count_in(self, idc, color):
        n, area = (int(x) for x in self.d("count-color", ID[idc], *COLORS[color]).split())
        return n, area

    def case_keyboard_and_close(self, app):
        self.check_mnemonics("diagnose", ("IDC_DIAG_FIX", "IDC_DIAG_UNDO", "IDC_DIAG_ELEVATE", "IDC_DIAG_RERUN",
                                          "IDC_DIAG_COMMAND_LABEL", "IDCANCEL"))

        ini = os.path.join(self.prefix.c_drive, *harness.INI_REL)
        os.chmod(ini, 0o644)
        self.silent = harness.SilentServer().start()
        with open(ini, "wb") as f:
            f.write(("[oqsdm]\r\nServerUrl=http://localhost:%d/ping\r\nDestination=cloud\r\nProvider=ntt-east\r\n"
                     "ConnectionKind=ipvpn\r\nConnectTimeoutMs=2000\r\nTimeoutMs=30000\r\n"
                     % self.silent.port).encode("utf-8"))
        self.d("click", ID["IDC_DIAG_RERUN"])
        self.wait_silent_holds("the diagnosis' connection")
        check(self.text("IDC_DIAG_SUMMARY") == MSG["DDLG_RUNNING"], "the dialog says it is diagnosing")
        for idc in ("IDC_DIAG_FIX", "IDC_DIAG_UNDO", "IDC_DIAG_RERUN"):
            check(self.d("is-enabled", ID[idc]) == "0", idc + " is greyed meanwhile")
        t = time.monotonic()
        self.d("lv-select", ID["IDC_DIAG_LIST"], R_CONN)
        check(time.monotonic() - t < 2, "the window answers while it diagnoses")
        self.screenshot("gui-diagnose-busy", dlg="diagnose")
        self.d("set-focus", ID["IDC_DIAG_LIST"])
        self.d("key", "escape")
        t = time.monotonic()
        self.d("--timeout", 5000, "wait-gone")
        check(time.monotonic() - t < 6, "Esc closes the dialog during the diagnosis within 5 s")
        check(app.poll() is None, "oqsdm.exe still runs")
        check(self.driver("get-text", ID["IDC_STATUS"]) == G.T_UNCHECKED,
              "fixes were made: the main window's answer is out of date (未確認)")
        check(self.driver("get-text", ID["IDC_MESSAGE"]) == MSG["HINT_CHANGED"], "and it says to check again")
        check(self.driver("focus").split()[0] == str(ID["IDC_BTN_CHECK_CONNECTION"]),
              "the connection check has the keyboard again")
        self.close_cleanly(app)

    def run(self):
        self.setup()
        app = self.case_failed_check()
        self.case_findings()
        before = self.case_fix_bypass()
        self.case_fix_server()
        self.case_undo(before)
        self.case_refused_fix()
        self.case_keyboard_and_close(app)


if __name__ == "__main__":
    sys.exit(G.main(DiagnoseTest, __doc__))
