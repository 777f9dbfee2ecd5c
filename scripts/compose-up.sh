#!/usr/bin/env bash
# Builds the images from the real Dockerfile and starts the real compose.yml with its integration
# profile (`npm run compose:up`), with HTTPS from Caddy's local CA on https://localhost:8443 and
# WireGuard on UDP 51820. Settings and secrets are made once in .compose/.env. Docker's layer cache
# and the base images (scripts/compose/base-images.sh) make a second run fast.
#
# The only difference from an operator's `docker-compose up -d`: the images are built with
# `docker build --network host` (on these machines only the host's network reaches the registries),
# then started with --no-build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/compose/lib.sh

started=$(date +%s)
# --no-build: the images are there already (loaded from the offline bundle).
if [ "${1:-}" = --no-build ]; then ensure_docker; else bash scripts/compose/build-images.sh; fi
built=$(date +%s)

if [ -f "$COMPOSE_STATE/.env" ]; then
  # Ours from an interrupted run: containers and networks go, the volumes stay with their .env.
  compose down --remove-orphans >/dev/null 2>&1 || true
else
  # New secrets cannot open old volumes: anything left under this project's name goes, volumes too.
  compose_remove_project
  mkdir -p "$COMPOSE_STATE"
  auth_secret=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')
  encryption_key=$(docker run --rm -e AUTH_SECRET="$auth_secret" wiregui/wiregui:latest node --import tsx cli/wiregui.ts print-encryption-key)
  # Docker's bridges here are in 198.18.128.0/17 (ensure_docker): the edge network takes a /28 below.
  (
    umask 077
    cat >"$COMPOSE_STATE/.env" <<ENV
POSTGRES_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')
AUTH_SECRET=$auth_secret
WIREGUI_ENCRYPTION_KEY=$encryption_key
EXTERNAL_URL=https://localhost:8443
WIREGUI_HTTPS_PORT=8443
WIREGUI_TLS=internal
WIREGUI_ADMIN_EMAIL=admin@wiregui.local
WG_ENDPOINT=localhost:51820
WIREGUI_EDGE_SUBNET=198.18.99.0/28
ENV
  )
fi

log "Starting ${COMPOSE_FILE:-compose.yml} (project $COMPOSE_PROJECT, profile integration)"
compose up -d --no-build --quiet-pull 2>&1 | grep -v -e '^Creating' -e '^Starting' || true
compose_isolation_up
for _ in $(seq 1 60); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q web)" 2>/dev/null)" = healthy ] && break
  sleep 2
done
[ "$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q web)" 2>/dev/null)" = healthy ] || { compose ps; compose logs --tail 30 web setup; die "the web container is not healthy"; }

now=$(date +%s)
log "Up in $((now - started)) s (images built in $((built - started)) s): $(grep '^EXTERNAL_URL=' "$COMPOSE_STATE/.env" | cut -d = -f 2-)"
for image in "${WIREGUI_IMAGES[@]}"; do
  echo "  $image: $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1 / 1e6}')"
done
# setup prints the generated password once: keep it for compose:verify and the operator.
if [ ! -s "$COMPOSE_STATE/admin-password" ]; then
  (
    umask 077
    compose logs --no-color setup >"$COMPOSE_STATE/setup-first-run.log"
    grep -o 'admin@wiregui.local  [^ ]*' "$COMPOSE_STATE/setup-first-run.log" | head -n 1 | awk '{print $2}' >"$COMPOSE_STATE/admin-password"
  )
fi
echo "  Sign in as admin@wiregui.local with the password in $COMPOSE_STATE/admin-password (setup printed it once)"
