#!/usr/bin/env bash
# `npm run bundle`: one archive to install WireGUI where no registry is reachable:
# dist/wiregui-bundle.tar with images.tar (`docker save` of every image compose.yml runs), compose.yml,
# deploy/Caddyfile, env.example and INSTALL.txt. Builds the WireGUI images first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/compose/lib.sh

bash scripts/compose/build-images.sh
images=("${WIREGUI_IMAGES[@]}" postgres:15 victoriametrics/victoria-metrics:v1.79.5 caddy:2)
work=$(mktemp -d /tmp/wiregui-bundle.XXXXXX)
trap 'rm -rf "$work"' EXIT
root="$work/wiregui-bundle"
mkdir -p "$root/deploy" dist
log "Saving ${images[*]}"
docker save -o "$root/images.tar" "${images[@]}"
cp compose.yml "$root/"
cp deploy/Caddyfile "$root/deploy/"
cp deploy/env.example deploy/INSTALL.txt "$root/"
tar -C "$work" -cf dist/wiregui-bundle.tar wiregui-bundle
log "Wrote dist/wiregui-bundle.tar ($(du -m dist/wiregui-bundle.tar | cut -f 1) MB): see INSTALL.txt inside"
