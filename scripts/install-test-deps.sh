#!/usr/bin/env bash
# Installs what the tests need beyond cargo: xmllint (Debian libxml2-utils) and the Python packages in
# scripts/requirements-test.txt. Idempotent: does nothing for what is already present.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v xmllint >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "installing libxml2-utils (xmllint)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libxml2-utils >/dev/null
fi

if ! python3 - "$here/requirements-test.txt" <<'PY' >/dev/null 2>&1
import sys, importlib.metadata as md
for line in open(sys.argv[1]):
    line = line.split('#')[0].strip()
    if not line:
        continue
    name, ver = line.split('==')
    if md.version(name) != ver:
        sys.exit(1)
PY
then
  echo "installing Python test packages"
  python3 -m pip install --quiet --disable-pip-version-check -r "$here/requirements-test.txt"
fi
