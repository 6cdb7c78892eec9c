#!/usr/bin/env bash
# Long fuzzing soak with libFuzzer (cargo-fuzz, nightly): every target of fuzz/ for SECONDS
# seconds each (default 60), seeded from the project's fixtures, each input limited to 2 s
# and 2 GB. Crashes land in fuzz/artifacts/<target>/; minimize one with
#   cargo +nightly fuzz tmin <target> <artifact>
# and add the result to tests/fuzz-regressions/<target>/ (the bounded run replays it).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(messages_oof messages_mtrk envelopes dispatcher values schema)
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

seed() { # target → fills fuzz/seeds/<target>
  local t="$1" dir="fuzz/seeds/$1"
  rm -rf "$dir" && mkdir -p "$dir"
  case "$t" in
    schema)
      cp schemas/*.xsd schemas/*.wsdl "$dir"/
      for f in xsd2rs/tests/fixtures/constructs/*/*.xsd; do
        cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
      done ;;
    values)
      local i=0
      while IFS= read -r line; do printf '%b' "$line" >"$dir/v$i"; i=$((i + 1)); done <<'SEEDS'
2026-11-20T10:00:00Z\n2026-11-20T12:00:00+02:00
P1Y2M3DT4H5M6.789S\n-P1M
-PT0S\nP0D
12:00:00.000001-14:00\n23:59:60
--12-31Z\n---01
123456789012345678901234567890.000001\n-0.0
18446744073709551615\n256
INF\nNaN
0FB7\nSGVsbG8=
en-US\nxs:string
SEEDS
      ;;
    *)
      for f in tests/fixtures/envelopes/*/*; do
        cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
      done ;;
  esac
}

for t in "${targets[@]}"; do
  seed "$t"
  mkdir -p "fuzz/corpus/$t"
  echo "== $t: ${secs}s"
  (cd fuzz && cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -timeout=2 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1) 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss|==|INFO: Running|SUMMARY|thread '|panicked|Done)" || true
done
