#!/usr/bin/env bash
# Checks the running local stack: every mock client has a recent handshake with the server, its
# traffic grows, and its stats reach PostgreSQL and VictoriaMetrics. Exits non-zero with the reasons otherwise. `--timeout SECONDS` (default 30) waits
# that long for a stack that is still coming up.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

[ "$(id -u)" -eq 0 ] || die "stack:verify reads WireGuard interfaces in the stack's namespaces: run it as root"
[ -f .stack/wiregui.env ] || die "no .stack/wiregui.env: start the stack first (npm run stack:up)"
set -a
source .stack/wiregui.env
set +a
exec node --import tsx scripts/stack-verify.ts "$@"
