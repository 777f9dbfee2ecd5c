#!/usr/bin/env bash
# Checks the running local stack: every mock client has a recent handshake with the server and its
# traffic grows. Exits non-zero with the reasons otherwise. `--timeout SECONDS` (default 30) waits
# that long for a stack that is still coming up.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

[ "$(id -u)" -eq 0 ] || die "stack:verify reads WireGuard interfaces in the stack's namespaces: run it as root"
exec node --import tsx scripts/stack-verify.ts "$@"
