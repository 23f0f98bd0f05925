#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, then runs every test in the solution.
# Prints a closing line "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== restore"
dotnet restore Traffic.sln --verbosity quiet
echo "== build"
dotnet build Traffic.sln --no-restore -c Release --verbosity quiet -nologo
echo "== test"
log=$(mktemp)
set +e
dotnet test Traffic.sln --no-build -c Release --verbosity quiet -nologo 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed"
if [ "$rc" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
