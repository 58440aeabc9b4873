#!/usr/bin/env python3
"""test_gui_versions.py: the GUI end-to-end test of the version check (配信実績の確認).

The real oqsdm.exe under Wine on a private Xvfb, driven by oqsdm-gui-driver.exe,
on a prefix holding the three Version.info files at the guide's paths (other
letter cases, three encodings), the INI's PortalUrl pointing at a portal page
served by the test's nginx (HTTPS, test CA) and an Uninstall key naming the
Canon reader's PC tool, so the maker is guessed:

  1. table            配信実績の確認 opens the versions dialog; every cell of the
                      four rows (read from the ListView in oqsdm's memory), the
                      status colours by pixels (green latest and newer, red
                      outdated, grey unknown), summary, source and its date,
                      advice, the selected row's reason; gui-versions.png
  2. maker            the guessed maker selected, the program it was guessed
                      from, that maker's steps (the catalogue's text)
  3. reader number    a non-version gives the catalogue's message beside the box
                      and saves nothing; "Ver.4.4.4" + Enter in the box saves it:
                      the row turns green, "entered by hand" with the date,
                      reader.json written; gui-versions-reader.png
  4. maker change     another maker: its steps, its portal row, reader.json
  5. keyboard         a mnemonic on every button and label, unique; Tab order
  6. cache            nginx stopped, 再確認: the cached data with its date
  7. no INI           再確認 without the INI: 設定エラー, the guide's remedy, no
                      status colours, nothing to record, the saved page offered
  8. saved page       保存したページを読み込む through Wine's real file dialog
                      (file name typed into its box, OK pressed), still without
                      the INI: the table from the file; gui-versions-open.png,
                      gui-versions-saved-page.png
  9. busy, Esc        against a server that never answers: 確認中…, buttons
                      greyed, the window answering; Esc closes it within 5 s,
                      the main window is usable again and exits cleanly

    test_gui_versions.py --build-dir B --oqsdm B/oqsdm.exe --driver B/tests/gui/oqsdm-gui-driver.exe

Standard library only. Set OQSDM_IT_KEEP=1 to keep the temporary folders.
"""

import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import test_gui as G  # noqa: E402  (GuiTest: the prefix, the driver, the steps' helpers; main)
from test_gui import harness, check, log, Failure, ID, COLORS, IDCANCEL, IDOK  # noqa: E402

# As a user sees them (res/messages.tsv).
T_CHECKING = "確認中…"
APPS = ["配信アプリケーション", "連携アプリケーション", "顔認証ライブラリ", "顔認証付きカードリーダーアプリケーション"]
ST_LATEST, ST_OUTDATED, ST_NEWER, ST_MISSING, ST_UNKNOWN = "最新", "更新が必要", "最新より新しい", "未インストール", "不明"
NONE = "—"
HEADERS = ["アプリケーション", "現在のバージョン", "最新バージョン", "状態"]
READER_TOOL = "顔認証付きカードリーダー管理アプリ"   # Canon's PC tool, as the Uninstall key names it
VENDORS = ["富士通Japan", "パナソニック コネクト", "アルメックス", "キヤノンマーケティングジャパン", "アトラス情報サービス"]

SHADE = {ST_LATEST: "OK", ST_NEWER: "OK", ST_OUTDATED: "FAIL", ST_MISSING: "FAIL", ST_UNKNOWN: "UNKNOWN"}


MSG = G.catalogue("ja")


def fmt(mid, *args):
    s = MSG[mid]
    for i, a in enumerate(args):
        s = s.replace("{%d}" % i, a)
    return s


def portal_page(distro, com, face, readers):
    """A portal page in the manner of the real one: the section among others,
    the reader's rows per maker (rowspan)."""
    rows = "".join('<tr><td>%s</td><td>%s</td><td>2024/01/%02d</td></tr>' % (m, v, i + 10)
                   for i, (m, v) in enumerate(readers))
    first, rest = rows.split("</tr>", 1)
    first = first.replace("<tr>", '<tr><td rowspan="%d">顔認証付きカードリーダーアプリケーション</td>' % len(readers), 1)
    return """<!DOCTYPE html>
<html lang="ja"><head><meta charset="UTF-8"><title>ダウンロード | 医療機関等向け総合ポータルサイト</title></head>
<body>
<h2>お知らせ</h2><ul><li>2024年04月01日 配信アプリケーション 9.9.1 の配信を開始しました。</li></ul>
<h2>アプリケーションバージョン情報</h2>
<table border="1">
<thead><tr><th>アプリケーション</th><th>メーカー</th><th>バージョン</th><th>公開日</th></tr></thead>
<tbody>
<tr><td colspan="2">配信アプリケーション</td><td>%s</td><td>2024/04/01</td></tr>
<tr><td colspan="2">連携アプリケーション</td><td>%s</td><td>2024/03/01</td></tr>
<tr><td colspan="2">顔認証ライブラリ</td><td>%s</td><td>2024/02/01</td></tr>
%s</tr>%s
</tbody></table>
<h2>マニュアル</h2><p>配信アプリケーション 9.9.4 マニュアル</p>
</body></html>
""" % (distro, com, face, first, rest)


READERS = [("富士通Japan株式会社", "1.1.1"), ("パナソニック コネクト株式会社", "2.2.2"), ("株式会社アルメックス", "3.3.3"),
           ("キヤノンマーケティングジャパン株式会社", "4.4.4"), ("アトラス情報サービス株式会社", "5.5.5")]


class VersionsTest(G.GuiTest):
    LAST_SHOT = "gui-versions-last-failure"
    LAST_SHOT_DIALOGS = ("open", "versions", "main")

    def __init__(self, opts):
        super().__init__(opts)
        self.portal_path = None

    # --- plumbing

    def v(self, *args, **kw):
        """A driver command on the versions dialog."""
        return self.driver("--dlg", "versions", *args, **kw)

    def text(self, idc):
        return self.v("get-text", ID[idc])

    def cells(self):
        out = self.v("lv-cells", ID["IDC_VER_LIST"])
        return [line.split("\t") for line in out.split("\n")] if out else []

    def wait_idle(self, timeout_s=20):
        """Until the job is back: 再確認 enabled again and the summary says so."""
        self.v("wait-enabled", ID["IDC_VER_RECHECK"], 1, int(timeout_s * 1000), timeout=timeout_s + 30)
        summary = self.text("IDC_VER_SUMMARY")
        check(summary != T_CHECKING, "the check is done: " + summary)
        return summary

    def wait_cells(self, pred, what, timeout_s=15):
        deadline = time.monotonic() + timeout_s
        rows = []
        while time.monotonic() < deadline:
            rows = self.cells()
            if pred(rows):
                check(True, what)
                return rows
            time.sleep(0.2)
        raise Failure("%s: the table still shows %r" % (what, rows))

    def wait_text(self, idc, pred, what, timeout_s=15):
        return self.wait_for("versions", idc, pred, what, timeout_s)

    def color_table(self, col):
        """Per row of the table, {colour name: pixels} in column `col`'s cell, and its area."""
        names = ("OK", "FAIL", "UNKNOWN")
        out = self.v("lv-colors", ID["IDC_VER_LIST"], col, *(",".join(str(x) for x in COLORS[c]) for c in names))
        table = []
        for line in out.split("\n"):
            area, *n = (int(x) for x in line.split())
            table.append((dict(zip(names, n)), area))
        return table

    def check_status_colors(self, rows):
        """Each status cell mostly its colour (exact RGB of status_colors.h),
        none of the other two; the version cells none of them."""
        table = self.color_table(3)
        check(len(table) == len(rows) == 4, "four status cells")
        for r, (row, (n, area)) in enumerate(zip(rows, table)):
            want = SHADE[row[3]]
            check(area > 0 and n[want] >= area * 0.5, "row %d (%s) status cell is %s: %d of %d px" % (
                r, row[3], want, n[want], area))
            others = {k: v for k, v in n.items() if k != want}
            check(not any(others.values()), "row %d status cell has none of the other colours: %r" % (r, others))
        for r, (n, area) in enumerate(self.color_table(1)):
            check(not any(n.values()), "row %d installed-version cell is not coloured: %r of %d px" % (r, n, area))

    def reader_json(self):
        p = os.path.join(self.prefix.c_drive, "ProgramData", "OQS", "OQSDistroApp", "oqsdm", "reader.json")
        with open(p, encoding="utf-8") as f:
            return json.load(f)

    # --- setup

    def setup(self):
        super().setup()
        c = self.prefix.c_drive
        pf = os.path.join(c, "Program Files")
        # The guide's paths in other letter cases (Windows paths are not case
        # sensitive), three encodings, other lines around the version.
        files = [
            (("OQS", "OQSDistroApp", "Version.Info"), "\ufeffOQSDistroApp\r\nVersion=1.0.10\r\n".encode("utf-16-le")),
            (("oqs", "OqsComApp", "VERSION.INFO"), "連携アプリケーション\r\nバージョン：１．２．２\r\n".encode("cp932")),
            (("OQS-Auth", "version.info"), "\ufeffOqsFaceApp Ver.2.1.1\n作成日 2024/02/01\n".encode("utf-8")),
        ]
        for rel, data in files:
            # "OQS" and "oqs" would be two folders on Linux: reuse whichever exists.
            d = pf
            for part in rel[:-1]:
                existing = [n for n in os.listdir(d) if n.lower() == part.lower()] if os.path.isdir(d) else []
                d = os.path.join(d, existing[0] if existing else part)
                os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, rel[-1]), "wb") as f:
                f.write(data)
        self.portal_path = self.nginx.put_static("portal.html", portal_page("1.0.10", "1.2.3", "2.1.0", READERS))
        self.write_versions_ini(self.nginx.url(self.portal_path))
        # The vendor's PC tool, as its installer registers it; UTF-8 argv
        # (LC_ALL=C.UTF-8 in the harness's environment) must reach the
        # registry as these characters: step 2 reads them back through oqsdm.
        key = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\CanonReader"
        harness.run_tool([self.o.wine, "reg", "add", key, "/v", "DisplayName", "/t", "REG_SZ", "/d", READER_TOOL, "/f"],
                         env=self.prefix.env(), what="wine reg add Uninstall")

    def write_versions_ini(self, portal_url, timeout_ms=5000):
        path = os.path.join(self.prefix.c_drive, *harness.INI_REL)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(("; the distribution app's own keys would be here\r\n[oqsdm]\r\nServerUrl=%s\r\n"
                     "PortalUrl=%s\r\nDestination=cloud\r\nCaFile=%s\r\nTimeoutMs=%d\r\nConnectTimeoutMs=3000\r\n"
                     % (self.nginx.url("/ping"), portal_url, harness.CA_WINPATH, timeout_ms)).encode("utf-8"))

    # --- the steps

    def case_table(self):
        app = self.launch()
        self.driver("--timeout", 30000, "wait-window")
        check(self.driver("is-enabled", ID["IDC_BTN_VERSIONS"]) == "1", "配信実績の確認 is enabled")
        # It opens a modal dialog: a sent click would return only when it closes.
        self.driver("post-click", ID["IDC_BTN_VERSIONS"])
        self.wait_dialog_fits("versions")
        summary = self.wait_idle()
        self.v("controls")  # the layout as Wine made it, for the log
        widths = [int(x) for x in self.v("lv-columns", ID["IDC_VER_LIST"]).replace("client=", "").split()]
        check(sum(widths[:-1]) <= widths[-1], "the columns fit the table's width: %r" % widths)

        rows = self.cells()
        want = [[APPS[0], "1.0.10", "1.0.10", ST_LATEST],
                [APPS[1], "1.2.2", "1.2.3", ST_OUTDATED],
                [APPS[2], "2.1.1", "2.1.0", ST_NEWER],
                [APPS[3], NONE, "4.4.4", ST_UNKNOWN]]
        check(rows == want, "the table's cells: %r" % rows)
        self.check_status_colors(rows)
        check(summary == fmt("VSUM_RED_UNKNOWN", "1", "1"), "summary: " + summary)
        source = self.text("IDC_VER_SOURCE")
        url = self.nginx.url(self.portal_path)
        check(source.startswith("最新バージョン: ポータルサイト %s から取得 (" % url)
              and re.search(r"\(\d{4}-\d\d-\d\d \d\d:\d\d\)", source), "source and date: " + source)
        advice = self.text("IDC_VER_ADVICE")
        check(advice.startswith("次にすること: " + MSG["ADVICE_OUTDATED"]), "advice: the guide's words on outdated")
        check(MSG["ADVICE_READER"] in advice, "advice: the reader's number is to be entered")
        reason = self.text("IDC_VER_REASON")
        check(reason == "%s: %s" % (APPS[1], fmt("VR_OUTDATED", "1.2.2", "1.2.3")),
              "the first red row is selected and explained: " + reason)
        self.v("lv-select", ID["IDC_VER_LIST"], 3)
        reason = self.wait_text("IDC_VER_REASON", lambda t: t.startswith(APPS[3] + ":"), "selecting a row explains it")
        check(reason == "%s: %s" % (APPS[3], MSG["VR_READER_NOT_ENTERED"]), "reader reason: " + reason)
        self.v("lv-select", ID["IDC_VER_LIST"], 1)
        for idc in ("IDC_VER_SUMMARY", "IDC_VER_SOURCE", "IDC_VER_REASON"):
            missing = int(self.v("glyphs", ID[idc]).split()[0])
            check(missing == 0, "every glyph of %s in the dialog's font" % idc)
        self.screenshot("gui-versions", dlg="versions")
        return app

    def case_maker(self):
        items = self.v("cb-items", ID["IDC_VER_VENDOR"]).split("\n")
        check(items == [("* " if v == VENDORS[3] else "  ") + v for v in VENDORS],
              "five makers, the guessed one selected: %r" % items)
        note = self.text("IDC_VER_VENDOR_NOTE")
        check(note == fmt("READER_VENDOR_GUESSED", READER_TOOL),
              "guessed from the Uninstall key's DisplayName (UTF-8 argv reached the registry): " + note)
        steps = self.text("IDC_VER_STEPS")
        check(steps == MSG["READER_STEPS_CANON"], "Canon's steps are shown")
        entered = self.text("IDC_VER_READER_ENTERED")
        check(entered == MSG["READER_NOT_ENTERED"], "nothing entered yet: " + entered)

    def case_reader_number(self):
        self.v("set-text", ID["IDC_VER_READER_EDIT"], "abc")
        self.v("click", ID["IDC_VER_READER_SAVE"])
        err = self.wait_text("IDC_VER_READER_ERROR", bool, "a message beside the box")
        check(err == fmt("ERR_READER_VERSION", "abc"), "not a version: " + err)
        check(self.v("is-enabled", ID["IDC_VER_RECHECK"]) == "1", "no check was started")
        check(not os.path.exists(os.path.join(self.prefix.c_drive, "ProgramData", "OQS", "OQSDistroApp", "oqsdm",
                                              "reader.json")), "nothing saved")
        n, area = (int(x) for x in self.v("lv-count-color", ID["IDC_VER_LIST"], 3, 3, *COLORS["UNKNOWN"]).split())
        check(n >= area * 0.5, "the reader row is still grey: %d of %d px" % (n, area))

        # Typed, then Enter in the box: the box's own button is the default there.
        self.v("set-text", ID["IDC_VER_READER_EDIT"], "Ver.4.4.4")
        self.v("set-focus", ID["IDC_VER_READER_EDIT"])
        self.v("key", "return")
        rows = self.wait_cells(lambda r: r and r[3][1:] == ["4.4.4", "4.4.4", ST_LATEST],
                               "Enter saved the number: the reader row reads 4.4.4 / 4.4.4 / " + ST_LATEST)
        self.wait_idle()
        self.check_status_colors(rows)
        entered = self.text("IDC_VER_READER_ENTERED")
        m = re.fullmatch(r"(\d{4}-\d\d-\d\d \d\d:\d\d) に手入力されたバージョンです。", entered)
        check(m is not None, "marked as entered by hand, with the date: " + entered)
        check(self.text("IDC_VER_READER_ERROR") == "", "the message beside the box is gone")
        check(self.text("IDC_VER_READER_EDIT") == "", "the box is emptied once the number is taken")
        j = self.reader_json()
        check(j.get("version") == "4.4.4" and j.get("raw") == "Ver.4.4.4" and j.get("source") == "manual"
              and j.get("entered_at", "").startswith(m.group(1).replace(" ", "T")),
              "reader.json: %r" % j)
        check(j.get("vendor") is None, "a guessed maker is not recorded as chosen")
        summary = self.text("IDC_VER_SUMMARY")
        check(summary == fmt("VSUM_RED", "1"), "summary: " + summary)
        self.screenshot("gui-versions-reader", dlg="versions")

    def case_maker_change(self):
        self.v("cb-select", ID["IDC_VER_VENDOR"], 1)
        # 4.4.4 was read on Canon's reader: not Panasonic's number, so grey
        # (it was 'newer', green, against Panasonic's row before)
        rows = self.wait_cells(lambda r: r and r[3][1:] == [NONE, "2.2.2", ST_UNKNOWN],
                               "Panasonic's portal row, Canon's number not taken: - / 2.2.2 / " + ST_UNKNOWN)
        self.wait_idle()
        self.check_status_colors(rows)
        check(self.text("IDC_VER_READER_ENTERED") == MSG["READER_NOT_ENTERED"],
              "not shown as entered for Panasonic: " + self.text("IDC_VER_READER_ENTERED"))
        check(self.reader_json().get("version") == "4.4.4", "Canon's number is kept in reader.json")
        check(self.text("IDC_VER_STEPS") == MSG["READER_STEPS_PANASONIC"], "Panasonic's steps are shown")
        check(self.text("IDC_VER_VENDOR_NOTE") == "", "a chosen maker needs no note")
        check(self.reader_json().get("vendor") == "panasonic", "reader.json records the chosen maker")
        self.v("cb-select", ID["IDC_VER_VENDOR"], 3)
        self.wait_cells(lambda r: r and r[3][1:] == ["4.4.4", "4.4.4", ST_LATEST], "back to Canon")
        self.wait_idle()
        check(self.reader_json().get("vendor") == "canon", "reader.json: canon")
        check(self.text("IDC_VER_STEPS") == MSG["READER_STEPS_CANON"], "Canon's steps again")

    def case_keyboard(self):
        self.check_mnemonics("versions", ("IDC_VER_RECHECK", "IDC_VER_LOAD_PAGE", "IDC_VER_READER_SAVE",
                                          "IDC_VER_VENDOR_LABEL", "IDC_VER_READER_LABEL", "IDCANCEL"))
        order = ["IDC_VER_ADVICE", "IDC_VER_VENDOR", "IDC_VER_STEPS", "IDC_VER_READER_EDIT", "IDC_VER_READER_SAVE",
                 "IDC_VER_RECHECK", "IDC_VER_LOAD_PAGE", "IDCANCEL", "IDC_VER_LIST"]
        seen = self.tab_order("versions", "IDC_VER_LIST", len(order))
        check(seen == [ID[n] for n in order], "Tab order: %r" % seen)

    def case_cache(self):
        fetched = re.search(r"\((\d{4}-\d\d-\d\d \d\d:\d\d)\)", self.text("IDC_VER_SOURCE")).group(1)
        self.nginx.stop()
        log("nginx stopped")
        self.v("click", ID["IDC_VER_RECHECK"])
        self.wait_idle()
        check(self.v("focus").split()[0] == str(ID["IDC_VER_RECHECK"]),
              "the keyboard is back on 再確認 after the check")
        source = self.text("IDC_VER_SOURCE")
        check(source.startswith("ポータルサイトから最新バージョンを取得できませんでした: ")
              and ("前回取得した情報 (%s 取得、0 日前) を表示しています。" % fetched) in source,
              "the cached data is shown with its date: " + source)
        rows = self.cells()
        check([r[2] for r in rows] == ["1.0.10", "1.2.3", "2.1.0", "4.4.4"], "latest versions from the cache")
        self.check_status_colors(rows)
        self.screenshot("gui-versions-cache", dlg="versions")

    def case_no_ini(self):
        ini = os.path.join(self.prefix.c_drive, *harness.INI_REL)
        os.remove(ini)
        self.v("click", ID["IDC_VER_RECHECK"])
        summary = self.wait_idle()
        check(summary == "設定エラー", "no INI: the summary says " + summary)
        advice = self.text("IDC_VER_ADVICE")
        check(advice == fmt("ERR_INI_MISSING", "C:\\" + "\\".join(harness.INI_REL)), "the guide's remedy: " + advice)
        rows = self.cells()
        check([r[1:] for r in rows] == [[NONE, NONE, ""]] * 4, "nothing was checked: %r" % rows)
        check(all(not any(n.values()) for n, _ in self.color_table(3)), "no status colours")
        for idc, want in (("IDC_VER_READER_SAVE", "0"), ("IDC_VER_VENDOR", "0"), ("IDC_VER_LOAD_PAGE", "1")):
            check(self.v("is-enabled", ID[idc]) == want, "%s %s without settings" % (
                idc, "enabled" if want == "1" else "disabled"))

    def case_saved_page(self):
        """Loaded while the INI is missing: a saved page needs none."""
        page = portal_page("1.0.11", "1.2.3", "2.1.0", READERS)
        host = os.path.join(self.prefix.c_drive, "oqsdm-test", "保存したページ.htm")
        with open(host, "w", encoding="utf-8") as f:
            f.write(page)
        win = "C:\\oqsdm-test\\保存したページ.htm"
        self.v("post-click", ID["IDC_VER_LOAD_PAGE"])
        self.on("open", "--timeout", 15000, "wait-window")
        controls = self.on("open", "controls")
        # The file name box: in Wine 8's explorer-style dialog, as in Windows',
        # the ComboBoxEx32 cmb13 (0x47C = 1148), whose WM_SETTEXT fills its edit;
        # old-style templates have the Edit edt1 (0x480). OK is IDOK (1).
        name_id = None
        for line in controls.split("\n")[1:]:
            cid, cls, flags = line.split("\t")[:3]
            if int(cid) in (0x480, 0x47C) and "visible=1" in flags:
                name_id = int(cid)
                break
        check(name_id is not None, "the file dialog has a file name box (edt1 or cmb13)")
        self.on("open", "set-text", name_id, win)
        self.screenshot("gui-versions-open", dlg="open")
        self.on("open", "click", IDOK)
        self.on("open", "--timeout", 10000, "wait-gone")
        source = self.wait_text("IDC_VER_SOURCE", lambda t: "保存したページ" in t,
                                "the source is the saved page")
        check(source == fmt("VSRC_FILE", win), "source: " + source)
        self.wait_idle()
        rows = self.cells()
        check(rows[0] == [APPS[0], "1.0.10", "1.0.11", ST_OUTDATED], "the saved page's latest: %r" % rows[0])
        self.check_status_colors(rows)
        check(self.text("IDC_VER_SUMMARY") == fmt("VSUM_RED", "2"), "summary from the saved page")
        check(self.v("is-enabled", ID["IDC_VER_READER_SAVE"]) == "1", "the reader's number can be saved again")
        self.screenshot("gui-versions-saved-page", dlg="versions")

    def case_busy_and_escape(self, app):
        self.silent = harness.SilentServer().start()
        self.write_versions_ini("http://localhost:%d/portal.html" % self.silent.port, timeout_ms=20000)
        self.v("click", ID["IDC_VER_RECHECK"])
        self.wait_text("IDC_VER_SUMMARY", lambda t: t == T_CHECKING, "the summary says " + T_CHECKING)
        self.wait_silent_holds("oqsdm's request")
        for idc in ("IDC_VER_RECHECK", "IDC_VER_LOAD_PAGE", "IDC_VER_READER_SAVE", "IDC_VER_VENDOR"):
            check(self.v("is-enabled", ID[idc]) == "0", idc + " is greyed while checking")
        check(self.v("is-enabled", IDCANCEL) == "1", "閉じる stays enabled")
        t = time.monotonic()
        check(self.text("IDC_VER_SUMMARY") == T_CHECKING and time.monotonic() - t < 2,
              "the window answers while the check runs")
        self.screenshot("gui-versions-busy", dlg="versions")
        self.v("set-focus", ID["IDC_VER_LIST"])
        self.v("key", "escape")
        t = time.monotonic()
        self.v("--timeout", 5000, "wait-gone")
        check(time.monotonic() - t < 6, "Esc closes the dialog during the check within 5 s")
        check(app.poll() is None, "oqsdm.exe still runs")
        check(self.driver("is-enabled", ID["IDC_BTN_VERSIONS"]) == "1", "the main window's button is back")
        self.driver("click", ID["IDC_BTN_CHECK_CONNECTION"])  # the main window answers clicks again
        self.driver("wait-status", "接続失敗", 15000)  # nginx is stopped
        self.close_cleanly(app)

    def run(self):
        self.setup()
        app = self.case_table()
        self.case_maker()
        self.case_reader_number()
        self.case_maker_change()
        self.case_keyboard()
        self.case_cache()
        self.case_no_ini()
        self.case_saved_page()
        self.case_busy_and_escape(app)


if __name__ == "__main__":
    sys.exit(G.main(VersionsTest, __doc__))
