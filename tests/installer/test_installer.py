#!/usr/bin/env python3
"""test_installer.py: oqsdm's NSIS installer and uninstaller under Wine.

One Wine prefix (from the integration tests' template) goes through a
terminal's life, each step checked from the outside (files, the registry as
`wine reg export` writes it, .lnk files parsed here, the INI's bytes) and
from the inside (oqsdm-installer-probe.exe asks Windows' own APIs):

  1. bad options     /DESTINATION=moon, a misspelt option, a provider the
                     data file does not know, /SERVERURL=http:// (no host):
                     exit 3, nothing installed
  2. install         Japanese UI, /S with every preset: exit 0; files,
                     Apps & features values, the shortcuts (public desktop,
                     Start menu) and their target, the INI holds the presets,
                     the state folder and what was asked of icacls, the
                     version resources (programs and installer), the
                     manifests' version, the icons, oqsdm-cli --version
  3. start           the shortcut's target, run: oqsdm's window appears,
                     from the installed exe, with its icons (the X window's
                     _NET_WM_ICON: Wine 8 does not pass WM_GETICON between
                     processes); WM_CLOSE ends it
  4. upgrade         a setting changed in between, a foreign section and the
                     log kept; a bad option on the upgrade changes nothing,
                     nor does /D= naming another folder (exit 3);
                     then a second installer with a higher version (the same
                     script through makensis -DOQSDM_VERSION=...): exit 0,
                     the INI byte for byte, the log, the new DisplayVersion
  4b. in use        the installer again while oqsdm-cli.exe runs: exit 2,
                     no file rewritten
  5. uninstall       English UI, `uninstall.exe /S _?=<dir>` (in place, so its
                     exit code is real): 0; programs, key and the Japanese
                     shortcuts gone; the INI and the state stay
  6. reinstall       English UI, /CONNECTION=ipvpn, icacls failing: exit 5,
                     the program installed anyway, only ConnectionKind changed
  7. purge           plain `uninstall.exe /S /PURGE` (it returns at once and
                     finishes in a copy of itself: waited for with
                     `wineserver -w`): everything gone, the INI too, as this
                     installer had created it

Japanese UI: Wine takes the UI language from LC_ALL, and names files in the
locale's code set, so a ja_JP.UTF-8 locale is compiled into the test's
folder with localedef (package `locales`) and given through LOCPATH.

    test_installer.py --build-dir B --installer I --config C --nsi N --makensis M
                      --version V --publisher P --probe PROBE --fake-icacls F [--wine W]

Set OQSDM_IT_KEEP=1 to keep the temporary folders.
"""

import argparse
import contextlib
import os
import re
import shutil
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SOURCE, "tests", "integration"))
sys.path.insert(0, os.path.join(SOURCE, "cmake"))
import harness  # noqa: E402
from harness import Failure, check, log  # noqa: E402
from gen_messages import load as load_messages  # noqa: E402

MSG = {m[0]: {"ja": m[1], "en": m[2]} for m in load_messages(os.path.join(SOURCE, "res", "messages.tsv"))}

UNINST_KEY = r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows\CurrentVersion\Uninstall\oqsdm"
INSTDIR_WIN = r"C:\Program Files\oqsdm"
INSTDIR_REL = ("Program Files", "oqsdm")
PROGRAM_FILES = ("oqsdm.exe", "oqsdm-cli.exe", "oqsdm-data.json", "uninstall.exe")
DESKTOP_REL = ("users", "Public", "Desktop")
START_MENU_REL = ("ProgramData", "Microsoft", "Windows", "Start Menu", "Programs")
STATE_REL = ("ProgramData", "OQS", "OQSDistroApp", "oqsdm")
STATE_WIN = r"C:\ProgramData\OQS\OQSDistroApp\oqsdm"
MARKER = "installer-created-ini.txt"
ICACLS_LOG_REL = ("oqsdm-test", "icacls.log")
ICON_SIZES = (256, 64, 48, 40, 32, 24, 20, 16)
EXIT_BAD_OPTION, EXIT_PREPARE_FAILED = 3, 5

PRESETS = {"/DESTINATION": "cloud", "/PROVIDER": "nttdata-chugoku", "/CONNECTION": "ipsec",
           "/SERVERURL": "https://dist.oqs.example/ping"}
PRESET_KEYS = {"Destination": "cloud", "Provider": "nttdata-chugoku", "ConnectionKind": "ipsec",
               "ServerUrl": "https://dist.oqs.example/ping"}

def bump(version):
    """0.1.0 -> 0.1.1: the same version with its last number one higher."""
    parts = [int(p) for p in version.split(".")]
    parts[-1] += 1
    return ".".join(str(p) for p in parts)


def quad(version):
    return ".".join((version.split(".") + ["0", "0", "0"])[:4])


# ----------------------------------------------------------- .lnk files

def parse_lnk(data):
    """The parts of a Shell Link (MS-SHLLINK) this test needs: the target's
    local path (LinkInfo), the string data and the icon index."""
    if len(data) < 0x4C or struct.unpack_from("<I", data, 0)[0] != 0x4C:
        raise Failure("not a shell link")
    flags = struct.unpack_from("<I", data, 0x14)[0]
    icon_index = struct.unpack_from("<i", data, 0x38)[0]
    pos = 0x4C
    if flags & 0x01:  # HasLinkTargetIDList
        pos += 2 + struct.unpack_from("<H", data, pos)[0]
    target = None
    if flags & 0x02:  # HasLinkInfo
        size, header, li_flags, _vol, base, _net, suffix = struct.unpack_from("<7I", data, pos)
        if header >= 0x24:
            base_u, suffix_u = struct.unpack_from("<2I", data, pos + 28)
            end = data.index(b"\0\0", pos + base_u)
            end += (end - (pos + base_u)) % 2
            target = data[pos + base_u:end].decode("utf-16-le")
        elif li_flags & 1:
            end = data.index(b"\0", pos + base)
            target = data[pos + base:end].decode("cp1252")
            s_end = data.index(b"\0", pos + suffix)
            target += data[pos + suffix:s_end].decode("cp1252")
        pos += size
    strings = {}
    unicode = bool(flags & 0x80)
    for bit, name in ((0x04, "name"), (0x08, "relative_path"), (0x10, "working_dir"),
                      (0x20, "arguments"), (0x40, "icon_location")):
        if flags & bit:
            count = struct.unpack_from("<H", data, pos)[0]
            pos += 2
            n = count * (2 if unicode else 1)
            raw = data[pos:pos + n]
            pos += n
            strings[name] = (raw.decode("utf-16-le") if unicode else raw.decode("cp1252")).rstrip("\0")
    return {"target": target, "icon_index": icon_index, **strings}


# ------------------------------------------------------------- .reg files

def parse_reg_export(path):
    """Values of the one key in a `reg export` file (UTF-16 with BOM):
    name -> str, or int for dwords."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-16")
    values = {}
    for line in text.splitlines():
        m = re.match(r'^"((?:[^"\\]|\\.)*)"=(.*)$', line)
        if not m:
            continue
        name, raw = m.group(1).replace('\\"', '"').replace("\\\\", "\\"), m.group(2)
        if raw.startswith('"') and raw.endswith('"'):
            values[name] = raw[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        elif raw.startswith("dword:"):
            values[name] = int(raw[len("dword:"):], 16)
        else:
            values[name] = raw
    return values


def ini_values(data, section="oqsdm"):
    text = data.decode("utf-8-sig")
    out, current = {}, None
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("[") and s.endswith("]"):
            current = s[1:-1].strip().lower()
        elif current == section and "=" in s and not s.startswith(";"):
            k, _, v = s.partition("=")
            out[k.strip()] = v.strip()
    return out


# --------------------------------------------------------------- helpers

TILE_RGB = (0x1E, 0x5F, 0xAF)  # the tile of res/oqsdm-icon.mvg


def x_window_icons(display, wm_class):
    """The icons Wine gave the X window of a program (_NET_WM_ICON: what a
    window manager shows), from WM_SETICON; without it Wine puts its own
    logo there. Wine 8 cannot send WM_GETICON to another process, so this is
    how the test sees them. Returns (width, height, share of pixels in the
    tile's blue) for each of the top-level windows of class `wm_class`."""
    env = dict(os.environ, DISPLAY=display)
    tree = harness.run_tool(["xwininfo", "-root", "-children"], env=env, what="xwininfo").stdout.decode()
    icons = []
    for line in tree.splitlines():
        m = re.match(r'\s+(0x[0-9a-f]+) "[^"]*": \("%s" ' % re.escape(wm_class), line)
        if not m:
            continue
        r = harness.run_tool(["xprop", "-id", m.group(1), "-notype", "-f", "_NET_WM_ICON", "32c", "=$0+",
                              "_NET_WM_ICON"], env=env, what="xprop").stdout.decode()
        if "=" not in r:
            continue
        vals = [int(v) for v in r.split("=", 1)[1].split(",")]
        i = 0
        while i + 2 <= len(vals):
            w, h = vals[i], vals[i + 1]
            px = vals[i + 2:i + 2 + w * h]
            i += 2 + w * h
            blue = sum(1 for v in px if (v >> 24) > 200 and all(
                abs(((v >> shift) & 255) - c) < 24 for shift, c in zip((16, 8, 0), TILE_RGB)))
            icons.append((w, h, blue / max(1, len(px))))
    return icons


def make_ja_locale(directory):
    """ja_JP.UTF-8 compiled into `directory` (for LOCPATH): the host need
    not have it, only glibc's locale sources (package locales)."""
    if not os.path.isfile("/usr/share/i18n/locales/ja_JP") or not shutil.which("localedef"):
        raise harness.HarnessError("localedef or /usr/share/i18n/locales/ja_JP is missing "
                                   "(Debian: apt-get install locales, see scripts/bootstrap.sh)")
    os.makedirs(directory, exist_ok=True)
    harness.run_tool(["localedef", "-i", "ja_JP", "-f", "UTF-8", os.path.join(directory, "ja_JP.UTF-8")],
                     what="localedef ja_JP.UTF-8", ok_codes=(0, 1))  # 1: warnings only
    if not os.path.isdir(os.path.join(directory, "ja_JP.UTF-8")):
        raise harness.HarnessError("localedef made no ja_JP.UTF-8")


class Prefix(harness.WinePrefix):
    """The integration tests' prefix, with a display, the recording icacls
    and a way to let the wineserver end (for `wineserver -w`)."""

    def __init__(self, template_tar, wine, display, fake_icacls):
        self.display = display
        self.fake_icacls = fake_icacls
        super().__init__(template_tar, wine)

    def env(self, extra=None):
        e = super().env(extra)
        e["DISPLAY"] = self.display
        e["WINEDLLOVERRIDES"] = "winemenubuilder.exe=d;icacls.exe=n"
        return e

    def install_fake_icacls(self):
        shutil.copyfile(self.fake_icacls, os.path.join(self.c_drive, "windows", "system32", "icacls.exe"))

    def stop_server(self):
        """Ends the persistent wineserver (nothing of ours runs then), so the
        next `wine` starts one that ends with its last process."""
        harness.run_captured([self.wineserver, "-k"], env=self.env(), timeout=30)
        harness.stop_process_group(self.server, grace=10)
        self.server = None

    def wait_server(self, timeout=120):
        harness.run_tool([self.wineserver, "-w"], env=self.env(), timeout=timeout, what="wineserver -w")

    def close(self):
        # also a transient wineserver, if a step after stop_server() failed
        with contextlib.suppress(Exception):
            harness.run_captured([self.wineserver, "-k"], env=self.env(), timeout=30)
        super().close()


# -------------------------------------------------------------- the test

class InstallerTest:
    def __init__(self, o):
        self.o = o
        self.work = None
        self.xvfb = None
        self.prefix = None
        self.apps = []

    # --- plumbing

    def env(self, lang):
        if lang == "ja":
            return self.prefix.env({"LC_ALL": "ja_JP.UTF-8", "LOCPATH": self.locales})
        return self.prefix.env()

    def wine(self, *args, lang="en", extra_env=None, timeout=120):
        env = self.env(lang)
        if extra_env:
            env.update(extra_env)
        argv = [self.o.wine] + [str(a) for a in args]
        try:
            r = harness.run_captured(argv, env=env, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Failure("%s did not finish within %s s" % (" ".join(argv), timeout)) from None
        log("wine %s -> %d (%.1f s)" % (" ".join(os.path.basename(a) if os.path.isabs(a) else a for a in argv[1:]),
                                        r.returncode, r.wall_s))
        return r

    def probe(self, *args, lang="en", expect=0, timeout=60):
        r = self.wine(self.o.probe, *args, lang=lang, timeout=timeout)
        out = r.stdout.decode("utf-8", errors="replace")
        if expect is not None and r.returncode != expect:
            raise Failure("probe %s exited %d: %s %s" % (" ".join(args), r.returncode, out,
                                                          r.stderr.decode(errors="replace")))
        return out

    def c(self, *rel):
        return os.path.join(self.prefix.c_drive, *rel)

    def install(self, installer, *options, lang="ja", extra_env=None):
        return self.wine(installer, "/S", *options, lang=lang, extra_env=extra_env).returncode

    def uninst_values(self):
        path = self.c("oqsdm-test", "uninst.reg")
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)
        r = self.wine("reg", "export", UNINST_KEY.replace("HKEY_LOCAL_MACHINE", "HKLM"),
                      r"C:\oqsdm-test\uninst.reg", "/y")
        if r.returncode != 0:
            return None
        return parse_reg_export(path)

    def shortcuts(self, lang):
        name = MSG["PRODUCT_NAME"][lang] + ".lnk"
        return [self.c(*DESKTOP_REL, name), self.c(*START_MENU_REL, name)]

    def ini_path(self):
        return self.c(*harness.INI_REL)

    def read_ini(self):
        with open(self.ini_path(), "rb") as f:
            return f.read()

    def icacls_calls(self):
        try:
            with open(self.c(*ICACLS_LOG_REL), encoding="utf-8") as f:
                return [line.rstrip("\r\n") for line in f if line.strip()]
        except FileNotFoundError:
            return []

    def check_nothing_installed(self, what):
        check(not os.path.exists(self.c(*INSTDIR_REL)), what + ": no program folder")
        check(self.uninst_values() is None, what + ": no Uninstall key")
        for lang in ("ja", "en"):
            for p in self.shortcuts(lang):
                check(not os.path.exists(p), what + ": no shortcut " + os.path.relpath(p, self.prefix.c_drive))
        check(not os.path.exists(self.c("ProgramData", "OQS")), what + r": no C:\ProgramData\OQS")
        check(not self.icacls_calls(), what + ": icacls never ran")

    # --- the steps

    def setup(self):
        self.work = harness.make_temp_dir("oqsdm-installer-")
        self.locales = os.path.join(self.work, "locales")
        make_ja_locale(self.locales)
        self.xvfb = harness.Xvfb(self.work).start()  # for the one step that opens oqsdm's window
        tar = harness.WinePrefix.ensure(self.o.build_dir, self.o.wine)
        self.prefix = Prefix(tar, self.o.wine, self.xvfb.display, self.o.fake_icacls)
        self.prefix.install_fake_icacls()
        os.makedirs(self.c("oqsdm-test"), exist_ok=True)
        log("Wine prefix %s, Xvfb %s" % (self.prefix.dir, self.xvfb.display))
        # The upgrade: the same script and programs, a higher version.
        self.v2 = bump(self.o.version)
        self.installer2 = os.path.join(self.work, "oqsdm-setup-%s.exe" % self.v2)
        harness.run_tool([self.o.makensis, "-V2", "-WX", "-INPUTCHARSET", "UTF8",
                          "-DOQSDM_CONFIG=" + self.o.config, "-DOQSDM_VERSION=" + self.v2,
                          "-DOQSDM_VERSION_QUAD=" + quad(self.v2), "-DOQSDM_OUTFILE=" + self.installer2,
                          "-DOQSDM_COMPRESSOR=zlib",
                          self.o.nsi], timeout=180, what="makensis (version %s)" % self.v2)
        log("second installer: %s" % self.installer2)

    def case_bad_options(self):
        inst = self.o.installer
        check(self.install(inst, "/DESTINATION=moon", lang="en") == EXIT_BAD_OPTION,
              "/DESTINATION=moon: exit %d" % EXIT_BAD_OPTION)
        check(self.install(inst, "/DESTINATON=cloud", lang="en") == EXIT_BAD_OPTION,
              "a misspelt option (/DESTINATON=): exit %d" % EXIT_BAD_OPTION)
        check(self.install(inst, "/DESTINATION=cloud", "/PROVIDER=no-such-provider", lang="en") == EXIT_BAD_OPTION,
              "/PROVIDER=no-such-provider (checked by oqsdm-cli against the data file): exit %d" % EXIT_BAD_OPTION)
        check(self.install(inst, "/SERVERURL=http://", lang="en") == EXIT_BAD_OPTION,
              "/SERVERURL=http:// (a scheme without a host): exit %d" % EXIT_BAD_OPTION)
        self.check_nothing_installed("after the bad options")

    def case_install(self):
        opts = ["%s=%s" % kv for kv in PRESETS.items()]
        rc = self.install(self.o.installer, *opts, lang="ja")
        check(rc == 0, "silent install with every preset (Japanese UI): exit %d" % rc)

        instdir = self.c(*INSTDIR_REL)
        check(sorted(os.listdir(instdir)) == sorted(PROGRAM_FILES),
              "program folder holds exactly %s" % ", ".join(PROGRAM_FILES))
        for name in ("oqsdm.exe", "oqsdm-cli.exe", "oqsdm-data.json"):
            with open(os.path.join(instdir, name), "rb") as a, open(os.path.join(self.o.build_dir, name), "rb") as b:
                check(a.read() == b.read(), "%s is the build's" % name)

        v = self.uninst_values()
        check(v is not None, "the Uninstall key exists")
        want = {
            "DisplayName": MSG["INSTALLER_NAME"]["ja"],
            "DisplayVersion": self.o.version,
            "Publisher": self.o.publisher,
            "InstallLocation": INSTDIR_WIN,
            "DisplayIcon": INSTDIR_WIN + r"\oqsdm.exe,0",
            "UninstallString": '"%s\\uninstall.exe"' % INSTDIR_WIN,
            "QuietUninstallString": '"%s\\uninstall.exe" /S' % INSTDIR_WIN,
            "NoModify": 1,
            "NoRepair": 1,
        }
        for k, w in want.items():
            check(v.get(k) == w, "Uninstall %s = %r (is %r)" % (k, w, v.get(k)))
        size_kib = sum(os.path.getsize(os.path.join(instdir, n)) for n in PROGRAM_FILES) / 1024
        check(isinstance(v.get("EstimatedSize"), int) and abs(v["EstimatedSize"] - size_kib) <= 16,
              "Uninstall EstimatedSize %s KiB (files: %.0f KiB)" % (v.get("EstimatedSize"), size_kib))

        exe = INSTDIR_WIN + r"\oqsdm.exe"
        for p in self.shortcuts("ja"):
            check(os.path.isfile(p), "shortcut " + os.path.relpath(p, self.prefix.c_drive))
            with open(p, "rb") as f:
                lnk = parse_lnk(f.read())
            check(lnk["target"] == exe, "its target is %s (is %r)" % (exe, lnk["target"]))
            check(lnk.get("icon_location") == exe and lnk["icon_index"] == 0,
                  "its icon is %s,0 (is %r,%d)" % (exe, lnk.get("icon_location"), lnk["icon_index"]))
            check(lnk.get("name") == MSG["INSTALLER_NAME"]["ja"], "its description is INSTALLER_NAME")
        self.lnk_target = lnk["target"]

        ini = ini_values(self.read_ini())
        for k, w in PRESET_KEYS.items():
            check(ini.get(k) == w, "INI [oqsdm] %s=%s (is %r)" % (k, w, ini.get(k)))

        check(os.path.isdir(self.c(*STATE_REL)), r"state folder C:\%s" % "\\".join(STATE_REL))
        check(os.path.isfile(self.c(*STATE_REL, MARKER)), "the marker: this installer created the INI")
        calls = self.icacls_calls()
        check(len(calls) == 1 and STATE_WIN in calls[0] and "/grant *S-1-5-32-545:(OI)(CI)M" in calls[0],
              "icacls asked once to let BUILTIN\\Users modify the state folder: %r" % calls)

    def case_resources(self):
        exe = INSTDIR_WIN + r"\oqsdm.exe"
        cli = INSTDIR_WIN + r"\oqsdm-cli.exe"
        for path, desc, name in ((exe, "APP_TITLE", "oqsdm.exe"), (cli, "VERSION_CLI_DESCRIPTION", "oqsdm-cli.exe")):
            out = self.probe("version", path).splitlines()
            check("fixed " + quad(self.o.version) in out and "product " + quad(self.o.version) in out,
                  "%s FILEVERSION/PRODUCTVERSION %s" % (name, quad(self.o.version)))
            for block, lang in (("041104b0", "ja"), ("040904b0", "en")):
                for key, w in (("ProductVersion", self.o.version), ("FileVersion", self.o.version),
                               ("FileDescription", MSG[desc][lang]), ("OriginalFilename", name),
                               ("ProductName", MSG["PRODUCT_NAME"][lang]), ("CompanyName", self.o.publisher)):
                    line = "%s %s=%s" % (block, key, w)
                    check(line in out, "%s: %s" % (name, line))
            manifest = self.probe("manifest", path)
            check(re.search(r'<assemblyIdentity[^>]*name="oqsdm"[^>]*version="%s"' % re.escape(quad(self.o.version)),
                            manifest) is not None,
                  "%s: the manifest's assemblyIdentity version is %s" % (name, quad(self.o.version)))
            icons = self.probe("icons", path).splitlines()
            check(icons and icons[0] == "group 1", "%s: IDI_OQSDM is its first icon group (shortcuts use ,0)" % name)
            images = sorted(icons[1:])
            want = sorted("image %dx%d 32" % (s, s) for s in ICON_SIZES)
            check(images == want, "%s: icon images %s" % (name, ", ".join(str(s) for s in ICON_SIZES)))
        # NSIS writes one version resource a language (code page 932 and
        # 1252 blocks); Windows reads the one of its UI language.
        host_installer = r"Z:" + self.o.installer.replace("/", "\\")
        for lang, block in (("ja", "041103a4"), ("en", "040904e4")):
            out = self.probe("version", host_installer, lang=lang).splitlines()
            check("product " + quad(self.o.version) in out and "%s ProductVersion=%s" % (block, self.o.version) in out
                  and "%s FileDescription=%s" % (block, MSG["INSTALLER_FILE_DESCRIPTION"][lang]) in out,
                  "the installer's VERSIONINFO (%s UI): %s, %s" % (lang, self.o.version,
                                                                  MSG["INSTALLER_FILE_DESCRIPTION"][lang]))
        r = self.wine(cli, "--version")
        got = r.stdout.decode(errors="replace").strip()
        check(r.returncode == 0 and got == "oqsdm-cli " + self.o.version, "oqsdm-cli --version: %r" % got)

    def case_start(self):
        logf = open(os.path.join(self.work, "oqsdm.log"), "ab")
        try:
            app = subprocess.Popen([self.o.wine, self.lnk_target], env=self.env("ja"), stdin=subprocess.DEVNULL,
                                   stdout=logf, stderr=subprocess.STDOUT, start_new_session=True,
                                   preexec_fn=harness._die_with_parent)
        finally:
            logf.close()
        self.apps.append(app)
        out = self.probe("window", 30000, lang="ja", timeout=60).splitlines()
        image = next((line[len("image "):] for line in out if line.startswith("image ")), "")
        check(image.lower() == self.lnk_target.lower(),
              "oqsdm's window belongs to the shortcut's target %s (is %r)" % (self.lnk_target, image))
        icons = x_window_icons(self.xvfb.display, "oqsdm.exe")
        sizes = sorted(w for w, _, _ in icons)
        check(sizes == [16, 32], "the window's X icons (_NET_WM_ICON) are 16 and 32 px: %s" % sizes)
        for w, h, blue in icons:
            check(blue >= 0.25, "the %dx%d one is oqsdm's (%.0f%% of it the tile's blue; Wine's own: none)"
                  % (w, h, blue * 100))
        check(app.poll() is None, "oqsdm.exe is still running")
        self.probe("close", 10000, lang="ja")
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            raise Failure("oqsdm.exe did not end after WM_CLOSE") from None
        check(app.returncode == 0, "oqsdm.exe ends with 0 after WM_CLOSE")

    def case_upgrade(self):
        # In between, somebody changed a setting, another program keeps its
        # own section in the file, and oqsdm logged a check.
        ini = self.read_ini().decode("utf-8-sig")
        changed = re.sub(r"(?im)^ServerUrl=.*$", "ServerUrl=https://changed.oqs.example/ping", ini)
        check(changed != ini, "ServerUrl changed by hand")
        changed = "; a comment of the distribution app\r\n" + changed + "\r\n[OQSDistroApp]\r\nInterval=60\r\n"
        with open(self.ini_path(), "wb") as f:
            f.write(changed.encode("utf-8"))
        before = self.read_ini()
        state_log = self.c(*STATE_REL, "oqsdm.log")
        with open(state_log, "wb") as f:
            f.write(b"2025-01-01T00:00:00\tconnection\tok\tok\tkept\r\n")

        rc = self.install(self.installer2, "/DESTINATION=nowhere", lang="ja")
        check(rc == EXIT_BAD_OPTION, "upgrade with a bad option: exit %d" % rc)
        check(self.uninst_values().get("DisplayVersion") == self.o.version, "... the installed version stays")
        check(self.read_ini() == before, "... the INI is untouched")

        # /D= with another folder: the old one would be left behind, known to
        # nobody (no Uninstall key, no shortcut pointing there).
        rc = self.install(self.installer2, r"/D=C:\oqsdm-elsewhere", lang="ja")
        check(rc == EXIT_BAD_OPTION, "upgrade with /D= naming another folder: exit %d" % rc)
        check(not os.path.exists(self.c("oqsdm-elsewhere")), "... nothing in that folder")
        v = self.uninst_values()
        check(v.get("DisplayVersion") == self.o.version and v.get("InstallLocation") == INSTDIR_WIN,
              "... the installed version and its folder stay")
        check(self.read_ini() == before, "... the INI is untouched")

        rc = self.install(self.installer2, lang="ja")
        check(rc == 0, "silent upgrade to %s: exit %d" % (self.v2, rc))
        check(self.uninst_values().get("DisplayVersion") == self.v2, "DisplayVersion is %s" % self.v2)
        check(self.read_ini() == before, "the INI is byte for byte what it was (the changed ServerUrl kept)")
        check(os.path.isfile(state_log) and b"kept" in open(state_log, "rb").read(), "the state (oqsdm.log) kept")
        for p in self.shortcuts("ja"):
            check(os.path.isfile(p), "shortcut still there: " + os.path.relpath(p, self.prefix.c_drive))
        self.ini_after_upgrade = before

    def case_in_use(self):
        # A vendor's script runs oqsdm-cli.exe (here: a check held by a
        # server that never answers) while the installer runs again: nothing
        # may be replaced, not even oqsdm.exe, which is written first.
        busy_ini = self.c("oqsdm-test", "busy.ini")
        with harness.SilentServer() as server:
            with open(busy_ini, "wb") as f:
                f.write(b"[oqsdm]\r\nDestination=cloud\r\nServerUrl=http://localhost:%d/\r\n"
                        b"TimeoutMs=60000\r\n" % server.port)
            cli = subprocess.Popen([self.o.wine, INSTDIR_WIN + r"\oqsdm-cli.exe", "--config", r"C:\oqsdm-test\busy.ini",
                                    "check-connection"], env=self.env("en"), stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                                   preexec_fn=harness._die_with_parent)
            self.apps.append(cli)
            deadline = time.monotonic() + 30
            while server.accepted == 0 and time.monotonic() < deadline and cli.poll() is None:
                time.sleep(0.1)
            check(server.accepted > 0, "oqsdm-cli.exe is running (its check waits for the server)")
            gui = self.c(*INSTDIR_REL, "oqsdm.exe")
            before = os.stat(gui).st_ctime_ns
            rc = self.install(self.installer2, lang="ja")
            check(rc == 2, "reinstall while oqsdm-cli.exe runs: exit 2 (is %d)" % rc)
            check(os.stat(gui).st_ctime_ns == before, "... oqsdm.exe was not rewritten (no half-done upgrade)")
            check(self.uninst_values().get("DisplayVersion") == self.v2, "... the Uninstall key stays")
            harness.stop_process_group(cli, grace=5)
        os.remove(busy_ini)

    def case_uninstall_in_place(self):
        # English UI: the shortcuts' Japanese names come from the registry.
        cmd = '"%s\\uninstall.exe" /S _?=%s' % (INSTDIR_WIN, INSTDIR_WIN)
        r = self.wine(self.o.probe, "run", cmd, lang="en")
        check(r.returncode == 0, "uninstall.exe /S _?=<dir> (in place, English UI): exit %d" % r.returncode)
        instdir = self.c(*INSTDIR_REL)
        left = sorted(os.listdir(instdir)) if os.path.isdir(instdir) else []
        check(left in ([], ["uninstall.exe"]),
              "the programs are gone (left: %s; a running uninstaller cannot delete itself)" % left)
        check(self.uninst_values() is None, "the Uninstall key is gone")
        for p in self.shortcuts("ja"):
            check(not os.path.exists(p), "shortcut gone: " + os.path.relpath(p, self.prefix.c_drive))
        check(self.read_ini() == self.ini_after_upgrade, "the INI stays, unchanged")
        check(os.path.isfile(self.c(*STATE_REL, "oqsdm.log")), "the state stays")
        shutil.rmtree(instdir, ignore_errors=True)  # what the copy in %TEMP% would have done

    def case_reinstall(self):
        before = ini_values(self.ini_after_upgrade)
        rc = self.install(self.installer2, "/CONNECTION=ipvpn", lang="en",
                          extra_env={"OQSDM_FAKE_ICACLS_EXIT": "5"})
        check(rc == EXIT_PREPARE_FAILED, "reinstall (English UI) while icacls fails: exit %d" % rc)
        check(self.uninst_values() is not None and os.path.isfile(self.c(*INSTDIR_REL, "oqsdm.exe")),
              "... the program is installed anyway")
        for p in self.shortcuts("en"):
            check(os.path.isfile(p), "English shortcut " + os.path.relpath(p, self.prefix.c_drive))
        after = ini_values(self.read_ini())
        check(after.get("ConnectionKind") == "ipvpn", "/CONNECTION=ipvpn reached the INI")
        check({k: v for k, v in after.items() if k != "ConnectionKind"}
              == {k: v for k, v in before.items() if k != "ConnectionKind"},
              "every other key stays (ServerUrl=%s)" % after.get("ServerUrl"))
        check("[OQSDistroApp]" in self.read_ini().decode("utf-8-sig"), "the foreign section stays")

    def purge(self):
        self.prefix.stop_server()
        r = self.wine(INSTDIR_WIN + r"\uninstall.exe", "/S", "/PURGE", lang="en")
        check(r.returncode == 0, "uninstall.exe /S /PURGE returns 0 at once (%.1f s)" % r.wall_s)
        t = time.monotonic()
        self.prefix.wait_server()
        log("wineserver -w: %.1f s until the uninstaller's copy was done" % (time.monotonic() - t))
        check(not os.path.exists(self.c(*INSTDIR_REL)), "the program folder is gone, uninstall.exe too")
        check(self.uninst_values() is None, "the Uninstall key is gone")
        for lang in ("ja", "en"):
            for p in self.shortcuts(lang):
                check(not os.path.exists(p), "no shortcut " + os.path.relpath(p, self.prefix.c_drive))
        check(not os.path.exists(self.c(*STATE_REL)), "/PURGE deleted the state folder")

    def case_purge(self):
        # The INI this installer created now also holds the distribution
        # app's own section: it is that app's file, and /PURGE keeps it.
        ini = self.read_ini()
        check(b"[OQSDistroApp]" in ini, "the INI holds another program's section before /PURGE")
        self.purge()
        check(os.path.isfile(self.ini_path()) and self.read_ini() == ini,
              "/PURGE kept, byte for byte, an INI that holds other settings than oqsdm's")
        # An INI with nothing but oqsdm's section, created by this installer, goes.
        os.remove(self.ini_path())
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.ini_path() + ".bak")
        rc = self.install(self.installer2, "/PROVIDER=qtnet", lang="en")
        check(rc == 0 and os.path.isfile(self.ini_path()), "installed again, creating the INI: exit %d" % rc)
        self.purge()
        check(not os.path.exists(self.ini_path()) and not os.path.exists(self.ini_path() + ".bak"),
              "/PURGE deleted the INI (and its .bak) that this installer had created")
        check(not os.path.exists(self.c("ProgramData", "OQS")), r"C:\ProgramData\OQS is gone (it was empty)")

    def run(self):
        self.setup()
        self.case_bad_options()
        self.case_install()
        self.case_resources()
        self.case_start()
        self.case_upgrade()
        self.case_in_use()
        self.case_uninstall_in_place()
        self.case_reinstall()
        self.case_purge()

    def teardown(self):
        harness.stop_quietly(*self.apps, self.prefix, self.xvfb)
        harness.remove_tree(self.work)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for a in ("--build-dir", "--installer", "--config", "--nsi", "--makensis", "--version", "--publisher",
              "--probe", "--fake-icacls"):
        ap.add_argument(a, required=True)
    ap.add_argument("--wine", default="wine")
    o = ap.parse_args()
    for a in ("build_dir", "installer", "config", "nsi", "probe", "fake_icacls"):
        setattr(o, a, os.path.abspath(getattr(o, a)))
    for f in (o.installer, o.config, o.nsi, o.probe, o.fake_icacls):
        if not os.path.isfile(f):
            print("missing: " + f, file=sys.stderr)
            return 2
    return harness.script_main(InstallerTest(o))


if __name__ == "__main__":
    sys.exit(main())
