#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, then runs every test in the solution.
# Prints a closing line "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export SUMO_HOME=${SUMO_HOME:-/usr/share/sumo}

echo "== system packages"
# Real counterparts the integration tests use: Mosquitto (tests/Traffic.Mqtt.Tests, the service
# tests) and SUMO with netgenerate (tests/Traffic.Sumo.Tests); g++ builds the in-process SUMO shim
# against SUMO's libsumocpp.so (simulation/Traffic.Sumo/Native). One apt-get for whatever is missing.
missing=()
command -v sumo >/dev/null 2>&1 || missing+=(sumo)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v netgenerate >/dev/null 2>&1 || missing+=(sumo-tools)
{ command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ]; } || missing+=(mosquitto)
command -v mosquitto_sub >/dev/null 2>&1 || missing+=(mosquitto-clients)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  echo "installing: ${missing[*]}"
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    # apt may be busy (another install, unattended upgrades): wait and retry.
    if $sudo_cmd apt-get update -qq && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
      break
    fi
    echo "apt-get busy or failed (attempt $attempt), retrying in 10 s"
    sleep 10
  done
fi
sumo --version | sed -n 1p   # sed reads everything: no SIGPIPE under pipefail
echo "mosquitto: $( (command -v mosquitto || echo /usr/sbin/mosquitto) )"

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
