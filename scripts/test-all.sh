#!/usr/bin/env bash
# The README's test command: installs what the tests need beyond cargo, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
cargo test --workspace --all-targets --locked
cargo test --workspace --doc --locked
