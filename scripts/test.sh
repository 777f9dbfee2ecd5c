#!/usr/bin/env bash
# Runs every check, cheap to slow: typecheck, lint, unit, integration (real PostgreSQL), build,
# e2e (Playwright + Debian's Chromium against the built app). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

apt_install postgresql-client chromium wireguard-tools psmisc
ensure_postgres
ensure_node_modules

reports=.test-reports
rm -rf "$reports" test-results e2e/.auth
mkdir -p "$reports"
# A Playwright server left by an interrupted run (ours: `next start` on the e2e port) would block the port.
e2e_port=${E2E_PORT:-3100}
for pid in $(fuser "$e2e_port/tcp" 2>/dev/null); do
  if tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'next'; then kill "$pid" 2>/dev/null || true; fi
done

log "Typecheck"
npm run --silent typecheck
log "Lint"
npm run --silent lint
log "Unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json"
log "Integration tests (PostgreSQL)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$reports/integration.json"
log "Build"
npx next build
log "End-to-end tests (Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" npx playwright test --reporter=list,json

node scripts/test-summary.mjs "$reports"
