#!/usr/bin/env bash
# Proves the offline bundle: with the images removed, the bundle's own `docker load` and
# `docker-compose up --no-build` (its compose.yml, from the unpacked folder) bring WireGUI up, and
# compose:verify's quick steps pass against it (HTTPS sign-in, handshakes, metrics). The containers
# have no network beyond their own bridges here (dockerd without NAT). Usage: bundle-test.sh REPORT
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/compose/lib.sh
report=${1:?usage: bundle-test.sh REPORT}
echo '{"numPassedTests":0,"numFailedTests":1,"numPendingTests":0}' >"$report"

bash scripts/bundle.sh || exit 1
# The running project would hold the ports; its volumes go too.
[ -f "$COMPOSE_STATE/.env" ] && compose down --volumes --remove-orphans >/dev/null 2>&1
log "Removing the images, then loading them from the bundle only"
docker image rm -f "${WIREGUI_IMAGES[@]}" postgres:15 victoriametrics/victoria-metrics:v1.79.5 caddy:2 >/dev/null
unpacked=$(mktemp -d /tmp/wiregui-bundle-test.XXXXXX)
tar -C "$unpacked" -xf dist/wiregui-bundle.tar
dir="$unpacked/wiregui-bundle"
docker load -q -i "$dir/images.tar" | sed 's/^/  /'
cp "$COMPOSE_STATE/.env" "$dir/.env"

export COMPOSE_FILE="$dir/compose.yml" COMPOSE_STATE="$dir" COMPOSE_PROJECT=wiregui-bundle
status=0
if bash scripts/compose-up.sh --no-build; then
  node --import tsx scripts/compose-verify.ts --quick --dir "$dir" --state "$dir" --project wiregui-bundle --report "$report" || status=1
else
  status=1
fi
compose down --volumes --remove-orphans >/dev/null 2>&1 || status=1
rm -rf "$unpacked"
exit $status
