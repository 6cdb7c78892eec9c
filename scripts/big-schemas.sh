#!/usr/bin/env bash
# Big schemas (issue 9): writes generated inputs to a temporary directory and times
# `xsd2rs generate --all-globals` on each with /usr/bin/time -v (wall time, peak RSS):
#   elements      N global elements, each with an anonymous complex type (2 elements, 1 attribute)
#   enumeration   one simple type with N enumeration values
#   chains        N/8 extension chains of 8 types (one field each)
#   chain-limit   one extension chain of MAX_DERIVATION_DEPTH + 2 types (refused with an error)
# Usage: scripts/big-schemas.sh [ELEMENTS] [ENUM_VALUES] [CHAIN_TYPES]   (default 40000 100000 16000)
set -euo pipefail
cd "$(dirname "$0")/.."
elements="${1:-40000}"
values="${2:-100000}"
chain_types="${3:-16000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
head='<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">'

{
  echo "$head"
  for ((i = 0; i < elements; i++)); do
    echo "<xs:element name=\"E$i\"><xs:complexType><xs:sequence><xs:element name=\"A\" type=\"xs:string\"/><xs:element name=\"B\" type=\"xs:int\" minOccurs=\"0\"/></xs:sequence><xs:attribute name=\"c\" type=\"xs:date\"/></xs:complexType></xs:element>"
  done
  echo '</xs:schema>'
} >"$dir/elements.xsd"

{
  echo "$head"
  echo '<xs:element name="e" type="t:E"/><xs:simpleType name="E"><xs:restriction base="xs:string">'
  for ((i = 0; i < values; i++)); do
    echo "<xs:enumeration value=\"Value$i\"/>"
  done
  echo '</xs:restriction></xs:simpleType></xs:schema>'
} >"$dir/enumeration.xsd"

chain() { # first-type count → a chain of types T<first>..T<first+count-1>
  local first="$1" count="$2" i
  echo "<xs:complexType name=\"T$first\"><xs:sequence><xs:element name=\"F$first\" type=\"xs:string\"/></xs:sequence></xs:complexType>"
  for ((i = first + 1; i < first + count; i++)); do
    echo "<xs:complexType name=\"T$i\"><xs:complexContent><xs:extension base=\"t:T$((i - 1))\"><xs:sequence><xs:element name=\"F$i\" type=\"xs:string\"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>"
  done
  echo "<xs:element name=\"Top$first\" type=\"t:T$((first + count - 1))\"/>"
}

{
  echo "$head"
  for ((c = 0; c < chain_types; c += 8)); do chain "$c" 8; done
  echo '</xs:schema>'
} >"$dir/chains.xsd"

{
  echo "$head"
  chain 0 66
  echo '</xs:schema>'
} >"$dir/chain-limit.xsd"

cargo build --release -p xsd2rs --quiet
bin=target/release/xsd2rs
printf '| input | input size | CPU time | wall time | peak RSS | output | exit |\n|---|---|---|---|---|---|---|\n'
for name in elements enumeration chains chain-limit; do
  in="$dir/$name.xsd"
  out="$dir/out-$name"
  set +e
  /usr/bin/time -v "$bin" generate "$in" -o "$out" --all-globals >"$dir/$name.log" 2>&1
  code=$?
  set -e
  wall=$(grep 'Elapsed (wall clock)' "$dir/$name.log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$dir/$name.log" | awk '{print $NF}')
  cpu=$(awk '/User time|System time/ {t += $NF} END {printf "%.2f s", t}' "$dir/$name.log")
  size=$(du -k "$in" | cut -f1)
  lines=$( [ -f "$out/mod.rs" ] && wc -l <"$out/mod.rs" || echo 0)
  printf '| %s | %s KiB | %s | %s | %s MiB | %s lines | %s |\n' \
    "$name" "$size" "$cpu" "$wall" "$((rss / 1024))" "$lines" "$code"
  if [ "$code" -ne 0 ]; then grep -m2 'error' "$dir/$name.log" | sed 's/^/    /' || true; fi
done
