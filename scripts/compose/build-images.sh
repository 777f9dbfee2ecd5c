#!/usr/bin/env bash
# Builds wiregui/wiregui (the web app, setup) and wiregui/wiregui-collector (WireGuard, collector,
# mock clients) from the Dockerfile, on top of the base images this machine makes itself.
# `docker build --network host`: on these machines only the host's network reaches the registries.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/compose/lib.sh

ensure_docker
bash scripts/compose/base-images.sh
log "Building ${WIREGUI_IMAGES[*]} from the Dockerfile"
docker build --quiet --network host --target collector -t wiregui/wiregui-collector:latest . >/dev/null
docker build --quiet --network host --target runtime -t wiregui/wiregui:latest . >/dev/null
