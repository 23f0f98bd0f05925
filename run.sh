#!/usr/bin/env bash
# Runs the main job on a fresh machine: restores, builds and starts the service with its embedded
# defaults (config/networks/daegu-250.json). Extra arguments go to the service.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore Traffic.sln --verbosity quiet
exec dotnet run --project src/Traffic.Service -c Release --no-restore -- "$@"
