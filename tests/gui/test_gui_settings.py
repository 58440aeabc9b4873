#!/usr/bin/env python3
"""test_gui_settings.py: the GUI end-to-end test of 設定の変更 (the settings dialog).

The real oqsdm.exe under Wine on a private Xvfb, driven by oqsdm-gui-driver.exe:

  1. no INI           the dialog shows the guide's error (reinstall) naming the
                      path, with nothing to save; Esc closes it
  2. the INI's values an INI with a section of the distribution app's own, a
                      comment and `Destination = base` (spaces around =): the
                      destination radio, the provider (the nine names of the
                      data file, in its order) and the kind (IPsec+IKE, IP-VPN)
                      as the file holds them; the guide's recommendation; no
                      warning; the radios carry the guide's labels
  3. warning          NTTデータ中国 + IPsec+IKE with 配信拠点: the recommendation is
                      クラウド at once, the warning in red (pixels);
                      gui-settings-warning.png
  4. save             クラウド, Enter: the dialog says it wrote the file and where
                      the previous one is; read from the host, only Destination,
                      Provider and ConnectionKind changed, in place; the .bak
                      holds the previous bytes; gui-settings.png
  5. refused          the INI made read-only (`wine cmd /c attrib +r`): 保存 says
                      in plain words it may not write, in red, and offers
                      管理者として続ける; the file is unchanged; gui-settings-denied.png
  6. as administrator pressed: oqsdm-cli.exe runs at once under Wine (no UAC)
                      and fails the same way; the dialog reports its exit code
                      and that the file does not hold the choice, never silence;
                      gui-settings-elevated.png
  7. keyboard, close  mnemonics unique, Tab order; Esc closes; the main window's
                      lamp is back to 未確認 (its answer is out of date)

    test_gui_settings.py --build-dir B --oqsdm B/oqsdm.exe --driver B/tests/gui/oqsdm-gui-driver.exe

Standard library only. Set OQSDM_IT_KEEP=1 to keep the temporary folders.
"""

import contextlib
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import test_gui as G  # noqa: E402  (GuiTest: the prefix, the driver, the steps' helpers; main)
from test_gui import harness, check, log, ID  # noqa: E402
from test_gui_versions import MSG, fmt  # noqa: E402  (the catalogue)

INI_WIN = "C:\\" + "\\".join(harness.INI_REL)
PROVIDERS = ["NTTPCコミュニケーションズ", "富士通", "NTT東日本", "NTT西日本", "中部テレコミュニケーション", "QTnet",
             "NTTデータ中国", "三菱電機インフォメーションネットワーク", "その他"]
KINDS = ["IPsec+IKE", "IP-VPN"]
P_NTTDATA, K_IPSEC, K_IPVPN = 6, 0, 1


def strip_mnemonic(s):
    return re.sub(r"\(&.\)|&", "", s)


class SettingsTest(G.GuiTest):
    LAST_SHOT = "gui-settings-last-failure"
    LAST_SHOT_DIALOGS = ("settings", "main")

    def __init__(self, opts):
        super().__init__(opts)
        self.ini = None
        self.original = None

    # --- plumbing

    def s(self, *args, **kw):
        """A driver command on the settings dialog."""
        return self.driver("--dlg", "settings", *args, **kw)

    def text(self, idc):
        return self.s("get-text", ID[idc])

    def wait_text(self, idc, pred, what, timeout_s=20):
        return self.wait_for("settings", idc, pred, what, timeout_s)

    def wait_idle(self, timeout_s=30):
        """Until the job is back: the combo boxes enabled again."""
        self.s("wait-enabled", ID["IDC_SET_PROVIDER"], 1, int(timeout_s * 1000), timeout=timeout_s + 30)

    def open_dialog(self):
        self.driver("post-click", ID["IDC_BTN_SETTINGS"])  # modal: a sent click would return at its end
        self.wait_dialog_fits("settings")
        self.wait_idle()

    def items(self, idc):
        return self.s("cb-items", ID[idc]).split("\n")

    def red(self, idc):
        n, area = (int(x) for x in self.s("count-color", ID[idc], *G.COLORS["FAIL"]).split())
        return n, area

    def read_ini(self):
        with open(self.ini, "rb") as f:
            return f.read()

    # --- the steps

    def case_no_ini(self):
        app = self.launch()
        self.driver("--timeout", 30000, "wait-window")
        check(self.driver("is-enabled", ID["IDC_BTN_SETTINGS"]) == "1", "設定の変更 is enabled")
        self.open_dialog()
        message = self.text("IDC_SET_MESSAGE")
        check(message == fmt("ERR_INI_MISSING", INI_WIN), "the guide's remedy for a missing INI: " + message)
        check(self.s("is-enabled", ID["IDC_SET_SAVE"]) == "0", "nothing to save without the INI")
        red, area = self.red("IDC_SET_MESSAGE")
        check(red > 0, "the error is in red: %d of %d px" % (red, area))
        self.screenshot("gui-settings-missing", dlg="settings")
        self.s("key", "escape")
        self.s("--timeout", 5000, "wait-gone")
        check(self.driver("get-text", ID["IDC_STATUS"]) == G.T_UNCHECKED, "nothing changed: the lamp as it was")
        return app

    def case_values(self):
        self.ini = os.path.join(self.prefix.c_drive, *harness.INI_REL)
        os.makedirs(os.path.dirname(self.ini), exist_ok=True)
        self.original = ("; 配信アプリケーションの設定 (the distribution app's own part)\r\n[OQSDistroApp]\r\n"
                         "LogLevel=2\r\n\r\n[oqsdm]\r\nServerUrl=%s\r\nDestination = base\r\nProvider=ntt-east\r\n"
                         "ConnectionKind=ipvpn\r\nCaFile=%s\r\n\r\n[Other]\r\nKey=value\r\n"
                         % (self.nginx.url("/ping"), harness.CA_WINPATH)).encode("utf-8")
        with open(self.ini, "wb") as f:
            f.write(self.original)
        self.open_dialog()
        self.s("controls")  # the layout as Wine made it, for the log
        check(self.text("IDC_SET_FILE") == fmt("SETTINGS_FILE", INI_WIN), "the file's path is shown")
        check(self.text("IDC_SET_MESSAGE") == "", "no message")
        labels = [strip_mnemonic(self.text(i)) for i in ("IDC_SET_DEST_BASE", "IDC_SET_DEST_CLOUD")]
        check(labels == ["配信拠点(推奨)", "クラウド"], "the guide's labels: %r" % labels)
        check(self.s("is-checked", ID["IDC_SET_DEST_BASE"]) == "1" and
              self.s("is-checked", ID["IDC_SET_DEST_CLOUD"]) == "0", "配信拠点 as the file holds it")
        providers = self.items("IDC_SET_PROVIDER")
        check(providers == [("* " if p == "NTT東日本" else "  ") + p for p in PROVIDERS],
              "the nine providers in the data file's order, NTT東日本 selected: %r" % providers)
        kinds = self.items("IDC_SET_KIND")
        check(kinds == ["  IPsec+IKE", "* IP-VPN"], "the two kinds, IP-VPN selected: %r" % kinds)
        check(self.text("IDC_SET_RECOMMEND") == fmt("SETTINGS_RECOMMENDED", "配信拠点"), "the guide's recommendation")
        check(self.text("IDC_SET_WARNING") == "", "no warning: the file agrees with the guide")
        n, _ = self.red("IDC_SET_WARNING")
        check(n == 0, "no red where no warning is")
        check(self.s("focus").split()[0] == str(ID["IDC_SET_DEST_BASE"]), "the keyboard is on the chosen destination")

    def case_warning(self):
        self.s("cb-select", ID["IDC_SET_PROVIDER"], P_NTTDATA)
        self.s("cb-select", ID["IDC_SET_KIND"], K_IPSEC)
        self.wait_text("IDC_SET_RECOMMEND", lambda t: t == fmt("SETTINGS_RECOMMENDED", "クラウド"),
                       "NTTデータ中国 + IPsec+IKE: the guide recommends クラウド at once")
        warning = self.text("IDC_SET_WARNING")
        check(warning == fmt("SETTINGS_WARN_DESTINATION", "NTTデータ中国", "クラウド", "配信拠点"),
              "the warning: " + warning)
        n, area = self.red("IDC_SET_WARNING")
        check(n > 0, "the warning is red: %d of %d px" % (n, area))
        check(self.read_ini() == self.original, "choosing writes nothing")
        self.screenshot("gui-settings-warning", dlg="settings")

    def case_save(self):
        self.s("click", ID["IDC_SET_DEST_CLOUD"])
        self.wait_text("IDC_SET_WARNING", lambda t: t == "", "クラウド agrees with the guide: the warning is gone")
        self.s("set-focus", ID["IDC_SET_DEST_CLOUD"])
        self.s("key", "return")  # Enter is 保存
        bak = INI_WIN + ".bak"
        self.wait_text("IDC_SET_MESSAGE", lambda t: t == fmt("SETTINGS_WRITTEN", bak), "saved, the previous file named")
        self.wait_idle()
        want = (self.original.replace(b"Destination = base", b"Destination = cloud")
                .replace(b"Provider=ntt-east", b"Provider=nttdata-chugoku")
                .replace(b"ConnectionKind=ipvpn", b"ConnectionKind=ipsec"))
        got = self.read_ini()
        check(got == want, "only Destination, Provider and ConnectionKind changed, in place:\n%r" % got)
        with open(self.ini + ".bak", "rb") as f:
            check(f.read() == self.original, "the .bak holds the previous file")
        n, _ = self.red("IDC_SET_MESSAGE")
        check(n == 0, "success is not written in red")
        check(self.s("is-visible", ID["IDC_SET_ELEVATE"]) == "0", "no administrator offer")
        self.screenshot("gui-settings", dlg="settings")
        return got

    def case_refused(self, saved):
        harness.run_tool([self.o.wine, "cmd", "/c", "attrib", "+r", INI_WIN], env=self.prefix.env(), timeout=60,
                         what="attrib +r")
        check(not os.access(self.ini, os.W_OK) or os.stat(self.ini).st_mode & 0o222 == 0,
              "the INI is read-only now")
        self.s("cb-select", ID["IDC_SET_KIND"], K_IPVPN)
        self.s("click", ID["IDC_SET_SAVE"])
        message = self.wait_text("IDC_SET_MESSAGE", lambda t: t.endswith(MSG["SDLG_DENIED"]), "refused, and said so")
        first = message.split("\n")[0]
        check(first.startswith(fmt("ERR_INI_ACCESS_DENIED", INI_WIN, "\x00").split("\x00")[0]),
              "in plain words, naming the file: " + first)
        self.wait_idle()
        n, area = self.red("IDC_SET_MESSAGE")
        check(n > 0, "in red: %d of %d px" % (n, area))
        check(self.s("is-visible", ID["IDC_SET_ELEVATE"]) == "1" and self.s("is-enabled", ID["IDC_SET_ELEVATE"]) == "1",
              "管理者として続ける is offered")
        check(strip_mnemonic(self.text("IDC_SET_ELEVATE")) == "管理者として続ける", "by its name")
        check(self.s("focus").split()[0] == str(ID["IDC_SET_ELEVATE"]), "and has the keyboard")
        check(self.read_ini() == saved, "the file is unchanged")
        self.screenshot("gui-settings-denied", dlg="settings")

    def case_elevated(self, saved):
        self.s("click", ID["IDC_SET_ELEVATE"])
        # Under Wine "runas" starts oqsdm-cli.exe at once, without a prompt;
        # it meets the same read-only file and exits 2 (access_denied).
        message = self.wait_text("IDC_SET_MESSAGE", lambda t: t == fmt("SDLG_ELEVATED_FAILED", "2"),
                                 "the elevated oqsdm-cli's real result is reported", timeout_s=60)
        self.wait_idle()
        n, _ = self.red("IDC_SET_MESSAGE")
        check(n > 0, "as a failure, in red")
        check(self.read_ini() == saved, "the file is unchanged")
        check(self.s("is-visible", ID["IDC_SET_ELEVATE"]) == "1", "the offer stays, to try again")
        self.screenshot("gui-settings-elevated", dlg="settings")
        log("elevated: " + message)

    def case_keyboard_and_close(self, app):
        self.check_mnemonics("settings", ("IDC_SET_DEST_BASE", "IDC_SET_DEST_CLOUD", "IDC_SET_PROVIDER_LABEL",
                                          "IDC_SET_KIND_LABEL", "IDC_SET_SAVE", "IDC_SET_ELEVATE", "IDCANCEL"))
        order = ["IDC_SET_KIND", "IDC_SET_SAVE", "IDC_SET_ELEVATE", "IDCANCEL"]
        seen = self.tab_order("settings", "IDC_SET_PROVIDER", len(order) + 1)
        check(seen[:-1] == [ID[n] for n in order] and seen[-1] in (ID["IDC_SET_DEST_BASE"], ID["IDC_SET_DEST_CLOUD"]),
              "Tab order: kind, save, administrator, close, then the destination: %r" % seen)
        self.s("key", "escape")
        self.s("--timeout", 5000, "wait-gone")
        check(self.driver("get-text", ID["IDC_STATUS"]) == G.T_UNCHECKED, "the lamp is 未確認 after a save")
        check(self.driver("get-text", ID["IDC_MESSAGE"]) == MSG["HINT_CHANGED"], "and says to check again")
        self.close_cleanly(app)

    def teardown(self):
        if self.ini and self.prefix is not None:
            with contextlib.suppress(Exception):
                os.chmod(self.ini, 0o644)  # so the folder can be removed by anyone
        super().teardown()

    def run(self):
        self.setup()
        app = self.case_no_ini()
        self.case_values()
        self.case_warning()
        saved = self.case_save()
        self.case_refused(saved)
        self.case_elevated(saved)
        self.case_keyboard_and_close(app)


if __name__ == "__main__":
    sys.exit(G.main(SettingsTest, __doc__))
