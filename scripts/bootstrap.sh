#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test oqsdm.
#
# Both README commands (demo.sh, test.sh) start here, so a minimal Debian
# (debootstrap minbase) needs nothing installed by hand. Everything comes
# from Debian's own mirror; nothing is downloaded from anywhere else.
# Idempotent: packages already present are not reinstalled, and apt-get
# update runs only when something is missing.
set -euo pipefail

PKGS=(
  # build
  build-essential cmake ninja-build git python3 pkg-config ca-certificates
  openssl dpkg-dev clang libclang-rt-14-dev
  # native libraries (the Windows build makes its own from source packages)
  libcurl4-openssl-dev libxml2-dev libcjson-dev
  # Windows cross build and its runtime
  gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 binutils-mingw-w64-x86-64
  mingw-w64-tools libz-mingw-w64-dev wine wine64
  # GUI under a virtual display, screenshots, Japanese glyphs
  xvfb xauth x11-utils imagemagick fonts-noto-cjk fonts-wine
  # the installer, code signing, and the glibc locale sources the installer test
  # compiles ja_JP.UTF-8 from (Wine names files and picks the UI language by it)
  nsis osslsigncode locales
  # real servers for the tests
  nginx tinyproxy curl iproute2 iptables procps
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# nginx and tinyproxy are started by the tests on loopback ports of their
# own; the packages' system services are not wanted (and on a machine with
# systemd they would hold port 80 and 8888).
for svc in nginx tinyproxy; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    systemctl stop "$svc" || true
  fi
done
exit 0
