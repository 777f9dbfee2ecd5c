#!/usr/bin/env bash
# Runs every check, cheap to slow: typecheck, lint, unit, integration (real PostgreSQL), build,
# e2e (Playwright + Debian's Chromium against the built app), then the Docker images and compose.yml
# built and run for real. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# simplesamlphp and PHP: the e2e SAML IdP (e2e/idp/simplesamlphp). mini-httpd and php8.2-cgi satisfy its
# "httpd" and "php" dependencies without apache2; mini-httpd never starts by itself.
# docker.io, docker-compose and mmdebstrap: the compose layer (scripts/compose-test.sh).
apt_install postgresql-client chromium wireguard-tools psmisc wireguard-go iproute2 iputils-ping nftables victoria-metrics \
  simplesamlphp php-cli php8.2-cgi php-xml php-mbstring mini-httpd docker.io docker-compose mmdebstrap
ensure_postgres
ensure_node_modules

reports=.test-reports
rm -rf "$reports" test-results e2e/.auth
mkdir -p "$reports"
# A Playwright server left by an interrupted run (ours: `next start` on the e2e port) would block the port.
e2e_port=${E2E_PORT:-3100}
for pid in $(fuser "$e2e_port/tcp" 2>/dev/null); do
  if [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$PWD" ]; then kill "$pid" 2>/dev/null || true; fi
done

# The e2e build gets its own folder, so a running `npm run stack:up` app keeps serving its own.
export NEXT_DIST_DIR=.next-e2e

# Every step runs even after a failure, and the closing summary line is always printed.
failed_steps=()
step() {
  local name=$1
  shift
  log "$name"
  "$@" || failed_steps+=("$name")
}

step "Typecheck" npm run --silent typecheck
step "Lint" npm run --silent lint
step "Unit tests" npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json"
step "Integration tests (PostgreSQL, WireGuard namespaces)" npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$reports/integration.json"
step "Build" npx next build
if [[ " ${failed_steps[*]} " == *" Build "* ]]; then
  log "End-to-end tests skipped: the build failed"
else
  PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" step "End-to-end tests (Chromium)" npx playwright test --reporter=list,json
fi

# Last, the slowest layer: the Docker images and compose.yml as operators run them.
step "Compose deployment (Docker)" bash scripts/compose-test.sh "$reports"

node scripts/test-summary.mjs "$reports" "${failed_steps[@]}"
