#!/usr/bin/env bash
# Builds the Windows x64 static libraries oqsdm links: libcurl (Schannel, HTTP
# only), libxml2 (no iconv) and cJSON, and prints the install prefix.
#
# Why this way: Debian ships no MinGW builds of these, and only Debian's mirror
# is reachable. So they are built from Debian's own source packages
# (apt-get source + dpkg-source -x, which applies Debian's security patches)
# with mingw-w64 and cmake/toolchain-mingw64.cmake. The result is cached
# outside the source tree and reused, so a warm run returns in milliseconds.
#
#   DEPS=$(scripts/build-win-deps.sh)    # stdout: only the prefix, last line
#   cmake --preset win64 -DOQSDM_WIN_DEPS="$DEPS"   (or export OQSDM_WIN_DEPS)
#
# Cache: ${OQSDM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/oqsdm}/win-deps-<key>,
# <key> = hash of the three source versions, the mingw gcc version, the
# mingw-w64 headers/CRT version and the contents of this script and the
# toolchain file. A prefix exists only once complete (staged, stamped, then
# renamed into place); concurrent runs are serialised by a lock file.
#
# What a consumer CMakeLists uses (toolchain file + OQSDM_WIN_DEPS set):
#   find_package(CURL CONFIG REQUIRED)     -> CURL::libcurl
#       carries CURL_STATICLIB and links winmm ws2_32 advapi32 crypt32 bcrypt
#       by itself (Schannel loads secur32.dll at run time).
#   find_package(LibXml2 CONFIG REQUIRED)  -> LibXml2::LibXml2
#       carries LIBXML_STATIC, include dir <prefix>/include/libxml2, ws2_32.
#       Prefer CONFIG: without it CMake's FindLibXml2 module makes a target
#       with LIBXML_STATIC (read from libxml-2.0.pc, whose prefix is made
#       absolute below for that) but without ws2_32. (Config variables:
#       LIBXML2_INCLUDE_DIRS, LIBXML2_LIBRARIES, LIBXML2_DEFINITIONS.)
#   find_package(cJSON CONFIG REQUIRED)    -> target `cjson` (lib/libcjson.a),
#       CJSON_INCLUDE_DIRS = <prefix>/include; include as <cjson/cJSON.h>.
#       Built with CJSON_HIDE_SYMBOLS (no dllexport); consumers may define
#       CJSON_HIDE_SYMBOLS too (on x64 it changes nothing else).
#   Threads: libxml2 2.9.14's CMake has no switch for native threads and
#       prefers winpthreads whenever pthread.h exists (mingw-w64 ships one),
#       which made its static lib need -lpthread. Here FindThreads' pthread
#       probes and HAVE_PTHREAD_H are pre-set to OFF, so libxml2 (and curl's
#       threaded resolver) use Win32 threads, as libxml2's own autotools build
#       does on MinGW: nothing in the prefix references winpthreads. The
#       exported configs still find_dependency(Threads), which may add a
#       harmless unused -lpthread to the link line.
#   Without CMake: -I<prefix>/include -I<prefix>/include/libxml2
#       -DCURL_STATICLIB -DLIBXML_STATIC, then -L<prefix>/lib -lcurl -lxml2
#       -lcjson -lws2_32 -lwinmm -lcrypt32 -lbcrypt -ladvapi32 (enough; extra
#       -lsecur32 -lwldap32 -lnormaliz -liphlpapi -lpthread do no harm: no
#       LDAP, no IDN here). pkg-config files are in <prefix>/lib/pkgconfig.
#
# Environment: OQSDM_CACHE (cache root), OQSDM_KEEP_BUILD=1 (keep the work
# directory of a failed run, until the next run). Needs the packages of
# scripts/bootstrap.sh (mingw-w64, cmake, ninja-build, dpkg-dev); may add
# deb-src entries to the apt sources and run apt-get update (root or sudo).
set -euo pipefail

SELF="$(readlink -f "${BASH_SOURCE[0]}")"
ROOT="$(cd "$(dirname "$SELF")/.." && pwd)"
TOOLCHAIN="$ROOT/cmake/toolchain-mingw64.cmake"
TRIPLE=x86_64-w64-mingw32
SRC_PKGS=(curl libxml2 cjson)
# Native -dev packages built from those same source packages (same order).
DEV_PKGS=(libcurl4-openssl-dev libxml2-dev libcjson-dev)

log() { echo "build-win-deps: $*" >&2; }
die() { log "error: $*"; exit 1; }

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

cache_root() {
  local home="${HOME:-}"
  [ -n "$home" ] || home="$(getent passwd "$(id -u)" | cut -d: -f6)"
  echo "${OQSDM_CACHE:-${XDG_CACHE_HOME:-$home/.cache}/oqsdm}"
}

# key_text CURL_VER LIBXML2_VER CJSON_VER: everything the build depends on.
# Versions are compared without epoch (the .dsc file names carry none).
key_text() {
  local gccv mingwv
  gccv="$("$TRIPLE-gcc" -dumpversion)"
  mingwv="$(dpkg-query -W -f='${Version}' mingw-w64-x86-64-dev 2>/dev/null || echo unknown)"
  printf 'curl=%s\nlibxml2=%s\ncjson=%s\ngcc=%s\nmingw-w64-x86-64-dev=%s\nscript=%s\ntoolchain=%s\n' \
    "${1#*:}" "${2#*:}" "${3#*:}" "$gccv" "$mingwv" \
    "$(sha256sum <"$SELF" | cut -c1-64)" "$(sha256sum <"$TOOLCHAIN" | cut -c1-64)"
}
key_of() { sha256sum | cut -c1-16; }

# If the prefix for this key is complete, print it and exit.
use_if_done() {
  local prefix="$1"
  if [ -f "$prefix/oqsdm-win-deps.stamp" ]; then
    log "up to date: $prefix"
    echo "$prefix" >&3
    exit 0
  fi
}

# Versions for the fast path come from dpkg-query of the installed native
# -dev packages, not from apt: bootstrap.sh installs them from the same mirror,
# and a binary package of a source package carries that source's version
# (${source:Version}), so they name exactly the sources apt-get source
# fetches, at ~10 ms and without apt's lists (apt-cache showsrc needs
# deb-src lists; apt-cache policy/apt-get take 0.3-0.5 s each). The slow path
# then asks apt which source versions it really has (pinned to these when the
# mirror still has them) and re-derives the key from those, so a stale or
# missing -dev package costs one apt call, never a wrong cache hit.
installed_versions() {
  local v out=()
  for p in "${DEV_PKGS[@]}"; do
    v="$(dpkg-query -W -f='${db:Status-Abbrev}|${source:Version}' "$p" 2>/dev/null)" || return 1
    case "$v" in ii*) out+=("${v#*|}") ;; *) return 1 ;; esac
  done
  echo "${out[@]}"
}

# --- apt sources: make sure deb-src is there ---------------------------------

# add_deb_src_deb822 FILE: append deb-src to every "Types:" line lacking it.
add_deb_src_deb822() {
  local f="$1"
  [ -f "$f" ] || return 0
  grep -qE '^Types:' "$f" || return 0
  if grep -E '^Types:' "$f" | grep -qvw 'deb-src'; then
    log "adding deb-src to the Types: lines of $f"
    $SUDO sed -i -E '/^Types:/{/[[:space:]]deb-src([[:space:]]|$)/!s/[[:space:]]*$/ deb-src/}' "$f"
  fi
}

# add_deb_src_list FILE: for each one-line "deb ..." entry without a matching
# "deb-src ..." one, add that deb-src line right after it.
add_deb_src_list() {
  local f="$1" tmp rc
  [ -f "$f" ] || return 0
  grep -qE '^[[:space:]]*deb[[:space:]]' "$f" || return 0
  tmp="$(mktemp)"
  awk '
    { lines[NR] = $0 }
    /^[[:space:]]*deb-src[[:space:]]/ { r = $0; sub(/^[[:space:]]*deb-src[[:space:]]+/, "", r); have[r] = 1 }
    END {
      for (i = 1; i <= NR; i++) {
        print lines[i]
        l = lines[i]
        if (l ~ /^[[:space:]]*deb[[:space:]]/) {
          r = l; sub(/^[[:space:]]*deb[[:space:]]+/, "", r)
          if (!(r in have)) { print "deb-src " r; have[r] = 1; added++ }
        }
      }
      exit (added ? 0 : 3)
    }' "$f" >"$tmp" && rc=0 || rc=$?
  if [ "$rc" -eq 0 ]; then
    log "adding deb-src lines to $f"
    $SUDO cp "$tmp" "$f"
  elif [ "$rc" -ne 3 ]; then
    rm -f "$tmp"; die "could not edit $f"
  fi
  rm -f "$tmp"
}

ensure_deb_src() {
  local SL SP
  # Honour apt's own configuration (and APT_CONFIG) for where the lists are.
  eval "$(apt-config shell SL Dir::Etc::sourcelist/f SP Dir::Etc::sourceparts/d)"
  if [ ! -f "$SL" ] && [ ! -f "$SP/debian.sources" ]; then
    die "neither $SL nor ${SP}debian.sources exists: no Debian mirror to take sources from"
  fi
  add_deb_src_deb822 "${SP%/}/debian.sources"
  add_deb_src_list "$SL"
  log "apt-get update"
  $SUDO apt-get update -qq >&2
}

# resolve_versions [VER VER VER]: print "pkg version" for what apt-get source
# would fetch. Note: apt-get source silently takes another version when a
# pinned one is gone from the mirror, so the truth is the .dsc file name.
resolve_versions() {
  local want=("$@") args=() i out
  for i in 0 1 2; do
    if [ ${#want[@]} -eq 3 ]; then args+=("${SRC_PKGS[$i]}=${want[$i]}"); else args+=("${SRC_PKGS[$i]}"); fi
  done
  out="$(apt-get source --print-uris -qq "${args[@]}" 2>/dev/null)" || return 1
  for i in 0 1 2; do
    printf '%s\n' "$out" | awk -v p="${SRC_PKGS[$i]}" '
      { f = $2 } f ~ ("^" p "_.*\\.dsc$") { sub(/^[^_]*_/, "", f); sub(/\.dsc$/, "", f); print f; n++ }
      END { exit (n == 1 ? 0 : 1) }' || return 1
  done
}

# --- building -----------------------------------------------------------------

GEN=Ninja
command -v ninja >/dev/null 2>&1 || GEN="Unix Makefiles"
JOBS="$(nproc 2>/dev/null || echo 2)"

# FindThreads' pthread probes answered "no" in advance: Win32 threads only (see
# the top of this file).
NO_PTHREADS=(-DCMAKE_HAVE_LIBC_PTHREAD=OFF -DCMAKE_HAVE_PTHREADS_CREATE=OFF
             -DCMAKE_HAVE_PTHREAD_CREATE=OFF -DTHREADS_HAVE_PTHREAD_ARG=OFF)

# cmake_build NAME SRCDIR ARGS...: configure, build, install into $STAGE.
cmake_build() {
  local name="$1" src="$2"; shift 2
  local b="$WORK/build-$name" logf="$WORK/$name.log"
  log "$name: configure + build (log: $logf)"
  if ! {
    cmake -S "$src" -B "$b" -G "$GEN" \
      -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN" \
      -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_INSTALL_PREFIX="$PREFIX" \
      -DBUILD_SHARED_LIBS=OFF \
      "${NO_PTHREADS[@]}" "$@" &&
    cmake --build "$b" --parallel "$JOBS" &&
    DESTDIR="$STAGE" cmake --install "$b"
  } >"$logf" 2>&1; then
    tail -n 40 "$logf" >&2
    log "$name: FAILED (see above)"
    return 1
  fi
  log "$name: done"
}

build_curl() {
  # Debian's 90_gnutls/99_nss patches (last in its series, popped again by
  # debian/rules for the OpenSSL flavour) touch only Makefile.am and
  # libcurl.vers.in, which the CMake build does not read.
  cmake_build curl "$WORK/src/curl" \
    -DCURL_USE_SCHANNEL=ON -DCURL_USE_OPENSSL=OFF -DHTTP_ONLY=ON \
    -DBUILD_CURL_EXE=OFF -DCURL_USE_LIBSSH2=OFF -DCURL_USE_LIBSSH=OFF \
    -DUSE_LIBIDN2=OFF -DCURL_USE_LIBPSL=OFF -DCURL_ZLIB=OFF \
    -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF -DUSE_NGHTTP2=OFF \
    -DENABLE_MANUAL=OFF -DBUILD_TESTING=OFF
}

build_libxml2() {
  # libxml2 2.9.14 puts LIBXML_STATIC only on the INTERFACE of its target, so
  # its own objects were compiled dllexport and every .exe linking the static
  # lib exported ~1400 xml* symbols: define it for the library build too.
  cmake_build libxml2 "$WORK/src/libxml2" \
    -DCMAKE_C_FLAGS=-DLIBXML_STATIC \
    -DLIBXML2_WITH_ICONV=OFF -DLIBXML2_WITH_PYTHON=OFF -DLIBXML2_WITH_LZMA=OFF \
    -DLIBXML2_WITH_ZLIB=OFF -DLIBXML2_WITH_TESTS=OFF -DLIBXML2_WITH_PROGRAMS=OFF \
    -DLIBXML2_WITH_HTTP=OFF -DLIBXML2_WITH_FTP=OFF -DLIBXML2_WITH_ICU=OFF \
    -DLIBXML2_WITH_THREADS=ON -DHAVE_PTHREAD_H=OFF
}

build_cjson() {
  cmake_build cjson "$WORK/src/cjson" \
    -DENABLE_CJSON_TEST=OFF -DBUILD_SHARED_AND_STATIC_LIBS=OFF \
    -DENABLE_CUSTOM_COMPILER_FLAGS=OFF -DENABLE_CJSON_UTILS=OFF \
    -DENABLE_PUBLIC_SYMBOLS=OFF -DENABLE_HIDDEN_SYMBOLS=ON
}

main() {
  local CACHE vers="" key ver_lines
  # Progress goes to stderr; only the prefix goes to the real stdout (fd 3).
  exec 3>&1 1>&2
  CACHE="$(cache_root)"

  command -v "$TRIPLE-gcc" >/dev/null 2>&1 || die "$TRIPLE-gcc missing: run scripts/bootstrap.sh"
  [ -f "$TOOLCHAIN" ] || die "missing $TOOLCHAIN"

  # Fast path: no apt, no lock.
  if vers="$(installed_versions)"; then
    # shellcheck disable=SC2086
    key="$(key_text $vers | key_of)"
    use_if_done "$CACHE/win-deps-$key"
  fi

  for t in cmake dpkg-source apt-get; do
    command -v "$t" >/dev/null 2>&1 || die "$t missing: run scripts/bootstrap.sh"
  done
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.win-deps.lock"
  flock 9
  # Holding the lock, no other run is building: any work directory left is
  # from a run that was killed (or kept by OQSDM_KEEP_BUILD=1 last time).
  rm -rf "$CACHE"/.tmp-win-deps-*

  # Which source versions will we build? Pinned to the installed -dev ones
  # where the mirror has them.
  # shellcheck disable=SC2086
  if ! ver_lines="$(resolve_versions ${vers:-})"; then
    ensure_deb_src
    # shellcheck disable=SC2086
    ver_lines="$(resolve_versions ${vers:-})" || die "apt-get source cannot find ${SRC_PKGS[*]}"
  fi
  # shellcheck disable=SC2086
  set -- $ver_lines
  local V_CURL="$1" V_XML="$2" V_CJSON="$3" KEYTEXT
  KEYTEXT="$(key_text "$V_CURL" "$V_XML" "$V_CJSON")"
  key="$(printf '%s\n' "$KEYTEXT" | key_of)"
  PREFIX="$CACHE/win-deps-$key"
  use_if_done "$PREFIX"   # another run finished it, or the -dev packages are stale

  log "building into $PREFIX (curl $V_CURL, libxml2 $V_XML, cjson $V_CJSON, gcc $("$TRIPLE-gcc" -dumpversion))"
  local t0=$SECONDS
  # Work and staging directories sit in the cache, on the prefix's file
  # system, so the final mv is an atomic rename.
  WORK="$(mktemp -d "$CACHE/.tmp-win-deps-XXXXXX")"
  STAGE="$WORK/stage"
  trap 'if [ -n "${OQSDM_KEEP_BUILD:-}" ] && [ "${ok:-0}" != 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi' EXIT
  ok=0

  mkdir -p "$WORK/src"
  (
    cd "$WORK/src"
    log "apt-get source --download-only curl=$V_CURL libxml2=$V_XML cjson=$V_CJSON"
    apt-get source --download-only -qq -o APT::Sandbox::User=root \
      "curl=$V_CURL" "libxml2=$V_XML" "cjson=$V_CJSON" >/dev/null 2>"$WORK/apt-source.log" ||
      { cat "$WORK/apt-source.log" >&2; exit 1; }
    for p in curl libxml2 cjson; do
      case $p in curl) v=$V_CURL ;; libxml2) v=$V_XML ;; cjson) v=$V_CJSON ;; esac
      dsc="${p}_${v#*:}.dsc"
      [ -f "$dsc" ] || { log "apt-get source did not fetch $dsc"; exit 1; }
      dpkg-source -x "$dsc" "$p" >"$WORK/dpkg-source-$p.log" 2>&1 ||
        { cat "$WORK/dpkg-source-$p.log" >&2; exit 1; }
    done
  ) || die "fetching/unpacking sources failed"

  # curl's configure step (hundreds of serial checks) dominates; libxml2 and
  # cJSON build meanwhile in a second job, so both cores stay busy.
  build_curl & local pid_curl=$!
  { build_libxml2 && build_cjson; } & local pid_rest=$!
  local rc=0
  wait "$pid_curl" || rc=1
  wait "$pid_rest" || rc=1
  [ "$rc" -eq 0 ] || die "build failed"

  local staged="$STAGE$PREFIX"
  rm -rf "$staged/share/doc" "$staged/share/man"   # libxml2's 10 MB of HTML
  # FindLibXml2 takes LIBXML_STATIC from the .pc only when its libdir matches
  # the library's path literally, which ${pcfiledir}/../.. never does. The
  # prefix is not relocatable anyway (cJSON's config holds absolute paths).
  sed -i "s|^prefix=.*|prefix=$PREFIX|" "$staged/lib/pkgconfig/libxml-2.0.pc"
  for f in libcurl.a libxml2.a libcjson.a; do
    [ -f "$staged/lib/$f" ] || die "install is incomplete: no lib/$f"
  done
  if "$TRIPLE-nm" -A "$staged"/lib/*.a 2>/dev/null | grep -q ' U pthread_'; then
    die "a static library references winpthreads (see NO_PTHREADS)"
  fi
  if "$TRIPLE-objdump" -h "$staged"/lib/*.a 2>/dev/null | grep -q '\.drectve'; then
    die "a static library carries dllexport directives"
  fi

  printf '%s\n' "$KEYTEXT" >"$staged/oqsdm-win-deps.stamp"
  # The stamp is written before the rename: a prefix under its final name is
  # always complete. An old unstamped directory (cannot come from this
  # script, but be safe) is removed first; we hold the lock.
  [ -e "$PREFIX" ] && rm -rf "$PREFIX"
  mv -T "$staged" "$PREFIX"
  ok=1
  log "done in $((SECONDS - t0)) s: $PREFIX"
  echo "$PREFIX" >&3
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  main "$@"
fi
