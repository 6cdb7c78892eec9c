# Shortcuts; the README's two commands work without `just` too.

# Regenerate the committed bindings in generated/ from schemas/ (the main job).
generate:
    cargo run --release -p xsd2rs -- generate

# Fail (and print a diff) when generated/ is stale.
check:
    cargo run --release -p xsd2rs -- check

# Print the resolved model of the project's schemas.
dump:
    cargo run --release -p xsd2rs -- dump

# Install what the tests need beyond cargo, then run every test.
test:
    bash scripts/test-all.sh

# Everything CI runs (fmt, tests, clippy, docs).
ci:
    bash .ci/run

# Criterion benchmarks (decode/encode throughput against baselines).
bench:
    cargo bench -p tests

# The W3C XML Schema test suite (XSD 1.0: Sun, Microsoft, Boeing), full run; writes README's table.
# Add --update-known to rewrite conformance/known-failures.txt, --only TEXT to run some groups.
conformance *ARGS:
    cargo run -p conformance -- --write-readme {{ARGS}}

# The CI subset of the conformance run (scripts/test-all.sh runs it).
conformance-ci:
    cargo run -p conformance --locked -- --subset 10 --check

# Long fuzzing soak (libFuzzer via cargo-fuzz, nightly): every target at once (nice -n 19) for SECONDS each.
# The bounded run (fixed seed, a few seconds per target) is part of `just test`.
fuzz seconds="60" *targets="":
    bash scripts/fuzz.sh {{seconds}} {{targets}}
