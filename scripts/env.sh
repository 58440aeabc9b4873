# scripts/env.sh: the common start of demo.sh and test.sh, sourced by both
# from the repository root.
#
# Installs what the machine lacks, builds (or finds cached) the Windows
# libraries and exports their prefix as OQSDM_WIN_DEPS, and clears proxy
# variables a shell may hold (Wine copies them into WinHTTP's defaults, and
# the tests and the demo set their own proxy where they want one).
./scripts/bootstrap.sh
OQSDM_WIN_DEPS=$(./scripts/build-win-deps.sh)
export OQSDM_WIN_DEPS
unset http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY all_proxy ALL_PROXY

# A new dependency prefix (new Debian versions) invalidates find_package's
# cached paths in the win64 build.
_cache=build/win64/CMakeCache.txt
if [ -f "$_cache" ] && ! grep -qxF "OQSDM_WIN_DEPS:UNINITIALIZED=$OQSDM_WIN_DEPS" "$_cache" \
   && ! grep -qxF "OQSDM_WIN_DEPS:STRING=$OQSDM_WIN_DEPS" "$_cache"; then
  rm -f "$_cache"
fi
unset _cache
