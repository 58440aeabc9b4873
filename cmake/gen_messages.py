#!/usr/bin/env python3
"""Generate the message tables from res/messages.tsv, the one catalogue.

Outputs (all into the build tree, never into src/):
  msg_ids.h      - #define OQSDM_MSG_<ID> <number>, shared by C code and the .rc
  messages.rc    - the STRINGTABLE, Japanese then English, UTF-8 with
                   #pragma code_page(65001) so windres reads it as UTF-8
  msg_table.c    - the same strings as a C table for the native build,
                   written with \\x escapes so no C source holds non-ASCII
  msg_names.c    - id names to numbers, for both builds: the data file names
                   messages (a card reader vendor's steps) by id

With --nsis SRC OUT it writes instead one NSIS include for the installer
(installer/oqsdm.nsi): a LangString, Japanese and English, for PRODUCT_NAME
(the shortcut's name) and every INSTALLER_* message, where {N} becomes the
register $RN, filled in by the script before it uses the string; and the
same texts as compile-time !defines OQSDM_MSG_JA_<ID> / OQSDM_MSG_EN_<ID>
for the version resource (VIAddVersionKey). UTF-8 with BOM, so makensis
reads it as UTF-8 whatever its -INPUTCHARSET.

The catalogue is checked here, at build time, so a translation with a
missing or extra {N} argument fails the build instead of a user's screen.
"""
import re
import sys

FIRST_ID = 1000
ARG_RE = re.compile(r"\{(\d)\}")


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(n, "\\" + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def load(path):
    msgs, seen = [], set()
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 3:
                sys.exit(f"{path}:{lineno}: expected ID<TAB>ja<TAB>en, got {len(cols)} columns")
            mid, ja, en = cols
            if not re.fullmatch(r"[A-Z][A-Z0-9_]*", mid):
                sys.exit(f"{path}:{lineno}: bad id {mid!r}")
            if mid in seen:
                sys.exit(f"{path}:{lineno}: duplicate id {mid}")
            seen.add(mid)
            ja, en = unescape(ja), unescape(en)
            if set(ARG_RE.findall(ja)) != set(ARG_RE.findall(en)):
                sys.exit(f"{path}:{lineno}: {mid}: Japanese and English use different arguments")
            if not ja or not en:
                sys.exit(f"{path}:{lineno}: {mid}: empty text")
            msgs.append((mid, ja, en))
    return msgs


def c_escape(s):
    out = []
    for b in s.encode("utf-8"):
        ch = chr(b)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif 0x20 <= b < 0x7F and ch != "?":
            out.append(ch)
        else:
            out.append("\\%03o" % b)  # octal: cannot swallow following hex digits
    return "".join(out)


def rc_escape(s):
    # windres: "" is a quote, \n a newline; everything else literal UTF-8.
    return s.replace("\\", "\\\\").replace('"', '""').replace("\n", "\\n").replace("\t", "\\t")


NSIS_IDS = re.compile(r"PRODUCT_NAME|INSTALLER_[A-Z0-9_]+")


def nsis_escape(s):
    # In an NSIS "string": $$ is a dollar, $\" a quote, $\r$\n a line break.
    s = s.replace("$", "$$").replace('"', '$\\"').replace("\n", "$\\r$\\n").replace("\t", "$\\t")
    return ARG_RE.sub(lambda m: "$R" + m.group(1), s)


def write_nsis(src, out):
    msgs = [m for m in load(src) if NSIS_IDS.fullmatch(m[0])]
    with open(out, "w", encoding="utf-8-sig", newline="\n") as f:
        f.write("; Generated from res/messages.tsv by cmake/gen_messages.py --nsis. Do not edit.\n")
        f.write("; Include after the MUI_LANGUAGE lines (LANG_JAPANESE, LANG_ENGLISH).\n")
        for mid, ja, en in msgs:
            f.write(f'LangString {mid} ${{LANG_JAPANESE}} "{nsis_escape(ja)}"\n')
            f.write(f'LangString {mid} ${{LANG_ENGLISH}} "{nsis_escape(en)}"\n')
            if not ARG_RE.search(ja):
                f.write(f'!define OQSDM_MSG_JA_{mid} "{nsis_escape(ja)}"\n')
                f.write(f'!define OQSDM_MSG_EN_{mid} "{nsis_escape(en)}"\n')


def main():
    if sys.argv[1:2] == ["--nsis"]:
        write_nsis(sys.argv[2], sys.argv[3])
        return
    src, ids_h, rc, table_c, names_c = sys.argv[1:6]
    msgs = load(src)
    with open(ids_h, "w", encoding="ascii", newline="\n") as f:
        f.write("/* Generated from res/messages.tsv by cmake/gen_messages.py. Do not edit. */\n")
        f.write("#ifndef OQSDM_MSG_IDS_H\n#define OQSDM_MSG_IDS_H\n")
        for i, (mid, _, _) in enumerate(msgs):
            f.write(f"#define OQSDM_MSG_{mid} {FIRST_ID + i}\n")
        f.write(f"#define OQSDM_MSG_FIRST {FIRST_ID}\n#define OQSDM_MSG_COUNT {len(msgs)}\n#endif\n")
    with open(rc, "w", encoding="utf-8", newline="\n") as f:
        f.write("// Generated from res/messages.tsv by cmake/gen_messages.py. Do not edit.\n")
        f.write("#pragma code_page(65001)\n")
        for lang, sub, col in (("LANG_JAPANESE", "SUBLANG_DEFAULT", 1), ("LANG_ENGLISH", "SUBLANG_ENGLISH_US", 2)):
            f.write(f"LANGUAGE {lang}, {sub}\nSTRINGTABLE\nBEGIN\n")
            for i, m in enumerate(msgs):
                f.write(f'  {FIRST_ID + i}, "{rc_escape(m[col])}"\n')
            f.write("END\n\n")
    with open(table_c, "w", encoding="ascii", newline="\n") as f:
        f.write("/* Generated from res/messages.tsv by cmake/gen_messages.py. Do not edit. */\n")
        f.write('#include "msg_table.h"\n\n')
        f.write("const char *const oqsdm_msg_table[][2] = {\n")
        for mid, ja, en in msgs:
            f.write(f'  /* {mid} */ {{"{c_escape(ja)}", "{c_escape(en)}"}},\n')
        f.write("};\n")
        f.write("const int oqsdm_msg_table_count = (int)(sizeof oqsdm_msg_table / sizeof oqsdm_msg_table[0]);\n")
    with open(names_c, "w", encoding="ascii", newline="\n") as f:
        f.write("/* Generated from res/messages.tsv by cmake/gen_messages.py. Do not edit. */\n")
        f.write('#include "oqsdm/msg.h"\n\n#include <string.h>\n\n')
        f.write("static const char *const names[] = {\n")
        for mid, _, _ in msgs:
            f.write(f'  "{mid}",\n')
        f.write("};\n\n")
        f.write("int oqsdm_msg_id(const char *name)\n{\n")
        f.write("    for (int i = 0; name && i < (int)(sizeof names / sizeof names[0]); i++)\n")
        f.write("        if (strcmp(names[i], name) == 0)\n")
        f.write(f"            return {FIRST_ID} + i;\n")
        f.write("    return -1;\n}\n")


if __name__ == "__main__":
    main()
