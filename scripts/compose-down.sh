#!/usr/bin/env bash
# Removes what compose:up started: the project's containers, networks and volumes, and the Docker
# engine if compose:up started it. --purge also removes the WireGuard images, the local base images
# (label org.wiregui.local-base) and .compose/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/compose/lib.sh

if docker info >/dev/null 2>&1; then
  if [ -f "$COMPOSE_STATE/.env" ]; then
    compose down --volumes --remove-orphans 2>&1 | grep -v -e "^Stopping" -e "^Removing" -e "not found" || true
    log "Containers, networks and volumes of $COMPOSE_PROJECT removed"
  fi
  if [ "${1:-}" = --purge ]; then
    docker image rm -f "${WIREGUI_IMAGES[@]}" >/dev/null 2>&1 || true
    # Children before parents: an image with images built on it cannot go, so each round removes
    # what it can (the builds' untagged layers, then the base images from the top down).
    for _ in 1 2 3 4; do
      docker image prune -f >/dev/null
      docker image ls -q --filter label=org.wiregui.local-base=1 | sort -u | xargs -r docker image rm -f >/dev/null 2>&1 || true
    done
    log "Images removed"
  fi
fi
compose_isolation_down
stop_pidfile "$COMPOSE_STATE/dockerd.pid"
[ "${1:-}" = --purge ] && rm -rf "$COMPOSE_STATE"
exit 0
