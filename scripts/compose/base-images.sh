#!/usr/bin/env bash
# Makes the images compose.yml and the Dockerfile name but this machine cannot pull (no registry):
# a Debian bookworm root from Debian's packages (mmdebstrap), then node:20-bookworm-slim,
# postgres:15, victoriametrics/victoria-metrics:v1.79.5 and caddy:2 on top of it, tagged with those
# names so the real files run unchanged. An image that exists is kept (a machine builds each once);
# `--rebuild` makes them again. Each carries the label org.wiregui.local-base, which --purge uses.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh

label=org.wiregui.local-base=1
[ "${1:-}" = --rebuild ] && rebuild=1 || rebuild=

have_image() { [ -z "$rebuild" ] && docker image inspect "$1" >/dev/null 2>&1; }

work=$(mktemp -d /tmp/wiregui-base-images.XXXXXX)
trap 'rm -rf "$work"' EXIT

if ! have_image wiregui-local/debian:bookworm; then
  log "Base image: Debian bookworm from Debian's packages (mmdebstrap)"
  mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm "$work/rootfs.tar"
  docker import --change "LABEL $label" --change 'CMD ["bash"]' "$work/rootfs.tar" wiregui-local/debian:bookworm >/dev/null
  rm -f "$work/rootfs.tar"
fi

# build NAME DIR [FILE...]: builds scripts/compose/base/DIR with the host's FILEs added to its context.
build() {
  local name=$1 dir=$2
  shift 2
  have_image "$name" && return 0
  log "Base image: $name"
  local context="$work/$dir"
  cp -r "scripts/compose/base/$dir" "$context"
  for file in "$@"; do cp -a "$file" "$context/"; done
  docker build --quiet --network host --label "$label" -t "$name" "$context" >/dev/null
}

build node:20-bookworm-slim node "$(readlink -f "$(command -v node)")" /usr/lib/node_modules/npm /etc/ssl/certs/ca-certificates.crt
build postgres:15 postgres
build victoriametrics/victoria-metrics:v1.79.5 victoriametrics /usr/bin/victoria-metrics
build caddy:2 caddy
