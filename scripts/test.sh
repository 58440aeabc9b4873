#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every test of oqsdm.
#
#   ./scripts/test.sh
#
# Installs what is missing (scripts/bootstrap.sh), builds the Windows
# libraries from Debian's source packages once (scripts/build-win-deps.sh,
# cached outside the tree), builds every preset, and runs every ctest suite:
#   native-asan  unit tests and the native integration tests, under ASan+UBSan
#   native       the optimised build (oqsdm-cli, benchmarks) and its tests
#   fuzz         each libFuzzer target briefly over its seed corpus
#   win64        the Windows binaries under Wine: integration and the GUI
# and then the benchmarks once (they print ratios, they assert nothing).
# Exit status is non-zero if any build or test failed.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

. scripts/env.sh

PRESETS=(native-asan native fuzz win64)
for p in "${PRESETS[@]}"; do
  echo "== build $p"
  cmake --preset "$p" >/dev/null
  cmake --build --preset "$p"
done

passed=0 failed=0 bad_presets=()
for p in "${PRESETS[@]}"; do
  echo "== test $p"
  log=$(mktemp)
  set +e
  ctest --preset "$p" -j2 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n1 || true)
  if [ -n "$line" ]; then
    total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
    nfail=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
    passed=$((passed + total - nfail))
    failed=$((failed + nfail))
  elif [ "$rc" -ne 0 ]; then
    failed=$((failed + 1))
  fi
  [ "$rc" -eq 0 ] || bad_presets+=("$p")
  rm -f "$log"
done

# Benchmarks assert nothing, but they run here so they cannot rot.
echo "== bench (native)"
cmake --build --preset native --target bench || bad_presets+=("bench")

echo "== all presets: $(( $(date +%s) - start )) s"
[ ${#bad_presets[@]} -eq 0 ] || echo "failed presets: ${bad_presets[*]}"
echo "$passed passed, $failed failed"
[ ${#bad_presets[@]} -eq 0 ] && [ "$failed" -eq 0 ]
