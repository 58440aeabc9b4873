#!/usr/bin/env python3
"""check_manual.py: the manual shows only screens the GUI tests really made.

    check_manual.py --manual docs/manual-ja.md --screenshots build/win64/screenshots

Every image docs/manual-ja.md uses must be (1) in docs/images/, and (2) one
the GUI tests of this run saved (so no picture is drawn by hand or left
over from a dialog that no longer exists), with the same size as this
run's (a dialog whose layout changed needs scripts/update-manual-images.sh).
Every link to a section of the manual must name a heading that exists.
"""

import argparse
import os
import re
import struct
import sys


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("%s is not a PNG" % path)
    return struct.unpack(">II", head[16:24])


def anchor(heading):
    """GitHub's anchor for a heading: lower case, spaces to '-', punctuation dropped."""
    h = heading.strip().lower()
    h = re.sub(r"[^\w\- ]", "", h)
    return h.replace(" ", "-")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--manual", required=True)
    ap.add_argument("--screenshots", required=True)
    o = ap.parse_args()
    text = open(o.manual, encoding="utf-8").read()
    base = os.path.dirname(os.path.abspath(o.manual))
    problems = []
    images = sorted(set(re.findall(r"!\[[^\]]*\]\((images/[^)]+\.png)\)", text)))
    if not images:
        problems.append("the manual shows no screenshot")
    for rel in images:
        committed = os.path.join(base, rel)
        made = os.path.join(o.screenshots, os.path.basename(rel))
        if not os.path.isfile(committed):
            problems.append("%s is not in docs/ (run scripts/update-manual-images.sh)" % rel)
            continue
        if not os.path.isfile(made):
            problems.append("%s: no GUI test made %s in this run" % (rel, os.path.basename(rel)))
            continue
        if png_size(committed) != png_size(made):
            problems.append("%s is %dx%d, this run's screen is %dx%d: run scripts/update-manual-images.sh"
                            % ((rel,) + png_size(committed) + png_size(made)))
    headings = {anchor(h) for h in re.findall(r"(?m)^#{1,6} (.+)$", text)}
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        if target not in headings:
            problems.append("link to a missing section: #%s" % target)
    for p in problems:
        print("manual: " + p, file=sys.stderr)
    print("manual: %d screenshots checked, %d problems" % (len(images), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
