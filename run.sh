#!/usr/bin/env bash
# Runs the main job on a fresh machine: restores, builds and starts the service with its embedded
# defaults (embedded MQTT broker on 1883, config/networks/daegu-250.json, HTTP on 127.0.0.1:5080)
# until Ctrl-C. Extra arguments go to the `traffic` command (e.g. `./run.sh validate FILE`).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore Traffic.sln --verbosity quiet
dotnet build src/Traffic.Service -c Release --no-restore --verbosity quiet -nologo
# exec the program itself (not `dotnet run`), so Ctrl-C, SIGINT and SIGTERM reach the service directly.
exec dotnet src/Traffic.Service/bin/Release/net10.0/traffic.dll "$@"
