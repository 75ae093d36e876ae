#!/usr/bin/env bash
# Runs every ChainSeg test on a fresh Debian machine with the .NET 10 SDK: checks the prerequisites, restores,
# builds, runs all test projects, and ends with one line "N passed, N failed" (exit status non-zero on any failure).
# Nothing is installed: the tests need only the SDK, the NuGet packages it restores and the shared data beside the repo.
set -uo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

echo "== check"
command -v dotnet > /dev/null || fail "dotnet not found: install the .NET 10 SDK (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run ./test.sh again."
online_retail=../shared/data/uci-online-retail/online_retail.csv.gz
[ -f "$online_retail" ] || fail "missing $online_retail (from $(pwd)): the Online Retail tests read the UCI Online Retail data set (541,909 lines, https://archive.ics.uci.edu/dataset/352/online+retail) there; put the shared data folder beside the repository and run ./test.sh again."

echo "== restore"
if ! dotnet restore ChainSeg.slnx > "$work/restore.log" 2>&1; then
  grep -E "error" "$work/restore.log" | sort -u | tail -20
  fail "restore failed (NuGet packages could not be fetched; check the network or the NuGet source)"
fi

echo "== build"
if ! dotnet build ChainSeg.slnx -c Release --no-restore > "$work/build.log" 2>&1; then
  grep -E "error|Error" "$work/build.log" | sort -u | tail -40
  fail "build failed"
fi

echo "== test"
dotnet test ChainSeg.slnx -c Release --no-build > "$work/test.log" 2>&1
status=$?
grep -E "(Passed!|Failed!) " "$work/test.log" || true
if [ "$status" -ne 0 ]; then
  grep -E -A12 "^\s*Failed |Test Run Aborted|The active test run was aborted" "$work/test.log" | head -150 || true
fi

passed=0; failed=0; skipped=0
while read -r f p s; do
  failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done < <(grep -oE "Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$work/test.log" | sed -E 's/[^0-9]+/ /g')

# A skipped test is not a passed one; a crashed test host leaves no summary but a non-zero status.
failed=$((failed + skipped))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
