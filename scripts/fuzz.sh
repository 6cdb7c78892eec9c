#!/usr/bin/env bash
# Long fuzzing soak with libFuzzer (cargo-fuzz on the nightly toolchain): every target of fuzz/
# (or the ones named) for SECONDS seconds each (default 60), all at once, each under `nice -n 19`
# so other work keeps priority. Seeds are copied from the project's fixtures; each input is
# limited to 2 s and 2 GB. A target that crashes is restarted until its time is up, so one
# finding does not end the soak. At the end a table gives per target the executions, runs,
# crashes and peak RSS, and the exit status is non-zero if anything crashed.
#
# Crashes land in fuzz/artifacts/<target>/ (logs in fuzz/logs/). Minimize one with
#   cargo +nightly fuzz tmin -s none <target> <artifact>
# and add the result to tests/fuzz-regressions/<target>/ (the bounded run of the test command
# replays it).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# Environment: FUZZ_SEQUENTIAL=1 runs the targets one after another; FUZZ_BUILD=0 runs the
# binaries already built (after a change, the build takes a while: release, one codegen unit).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
targets=("$@")
all=(messages_oof messages_mtrk envelopes dispatcher values schema)
if [ ${#targets[@]} -eq 0 ]; then
  targets=("${all[@]}")
fi
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "unknown target $t (targets: ${all[*]})" >&2; exit 2; }
done
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
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
  # Earlier findings are seeds too.
  if [ -d "tests/fuzz-regressions/$t" ]; then
    cp tests/fuzz-regressions/"$t"/* "$dir"/ 2>/dev/null || true
  fi
}

# One build of every target (no sanitizer: the code under test is safe Rust; overflow checks
# are on in fuzz/Cargo.toml's release profile).
if [ "${FUZZ_BUILD:-1}" != 0 ]; then
  (cd fuzz && nice -n 19 cargo +nightly fuzz build -s none)
fi
bin_dir="fuzz/target/x86_64-unknown-linux-gnu/release"

soak() { # target: runs it (restarting after a crash) until $secs have passed
  local t="$1" log="fuzz/logs/$1.log" start now left
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  : >"$log"
  start=$(date +%s)
  while :; do
    now=$(date +%s)
    left=$((secs - (now - start)))
    [ "$left" -gt 0 ] || break
    echo "== run: ${left}s left" >>"$log"
    (cd fuzz && nice -n 19 "../$bin_dir/$t" "corpus/$t" "seeds/$t" \
      -artifact_prefix="artifacts/$t/" -max_total_time="$left" -timeout=2 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1) >>"$log" 2>&1 || true
  done
}

mkdir -p fuzz/logs fuzz/artifacts
for t in "${targets[@]}"; do seed "$t"; done
touch fuzz/logs/.start
echo "fuzzing ${targets[*]} for ${secs}s each (logs in fuzz/logs/, started $(date -u +%H:%M:%S) UTC)"
pids=()
for t in "${targets[@]}"; do
  if [ "${FUZZ_SEQUENTIAL:-0}" = 1 ]; then soak "$t"; else soak "$t" & pids+=($!); fi
done
for p in "${pids[@]}"; do wait "$p"; done

printf '\n| target | executions | runs | crashes, timeouts, OOMs (new files in fuzz/artifacts/) | peak RSS |\n|---|---|---|---|---|\n'
for t in "${targets[@]}"; do
  log="fuzz/logs/$t.log"
  execs=$(awk '/^stat::number_of_executed_units:/ {s += $2} END {print s + 0}' "$log")
  runs=$(grep -c '^== run' "$log" || true)
  crashes=$(grep -c '^SUMMARY: libFuzzer' "$log" || true)
  rss=$(awk '/^stat::peak_rss_mb:/ {if ($2 > m) m = $2} END {print m + 0}' "$log")
  printf '| %s | %s | %s | %s | %s MB |\n' "$t" "$execs" "$runs" "$crashes" "$rss"
done
new=$(find fuzz/artifacts -type f -newer fuzz/logs/.start)
if [ -n "$new" ]; then
  echo "new artifacts:"
  echo "$new"
  grep -hE "panicked at|^thread '|^SUMMARY" fuzz/logs/*.log | sort | uniq -c | head -20
  exit 1
fi
