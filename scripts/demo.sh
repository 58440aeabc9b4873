#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and shows oqsdm working.
#
#   ./scripts/demo.sh
#
# Installs what is missing, builds the Windows programs, starts a local
# distribution server (nginx, HTTPS with a CA made on the spot) and the
# 配信拠点 proxy (tinyproxy) on loopback ports, and opens oqsdm's dialog under
# Wine with the proxy set in the Wine registry. With a display you use the
# dialog yourself (close it to stop the servers); without one it runs on a
# private Xvfb, presses 「配信サーバーへの接続確認」, and prints the path of a
# screenshot PNG.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/env.sh

cmake --preset win64 >/dev/null
cmake --build --preset win64
exec python3 scripts/demo.py --build-dir build/win64
