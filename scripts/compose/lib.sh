# Shared by the compose scripts: the project they run and the docker-compose command for it.
# Everything lives in one compose project (wiregui-compose) with its settings in .compose/.env, so
# compose:down removes exactly what compose:up made.
source scripts/lib.sh

# The offline bundle's test points these at the unpacked bundle (scripts/bundle-test.sh).
COMPOSE_STATE=${COMPOSE_STATE:-.compose}
COMPOSE_PROJECT=${COMPOSE_PROJECT:-wiregui-compose}
WIREGUI_IMAGES=(wiregui/wiregui:latest wiregui/wiregui-collector:latest)

compose() {
  docker-compose --file "${COMPOSE_FILE:-compose.yml}" --project-name "$COMPOSE_PROJECT" --env-file "$COMPOSE_STATE/.env" --profile integration "$@"
}

# Everything labelled with the project's name, whichever checkout started it.
compose_remove_project() {
  local filter="label=com.docker.compose.project=$COMPOSE_PROJECT"
  docker ps -aq --filter "$filter" | xargs -r docker rm -f >/dev/null
  docker network ls -q --filter "$filter" | xargs -r docker network rm >/dev/null
  docker volume ls -q --filter "$filter" | xargs -r docker volume rm >/dev/null
}

# Docker keeps its networks apart with iptables rules (DOCKER-ISOLATION-STAGE-*: no traffic from one
# bridge network to another, an internal network only within itself). These machines run dockerd
# with --iptables=false (platform notes), so the same separation is written here for this
# project's bridges only, in a table of our own: a stand-in for what Docker does on a real host.
compose_isolation_up() {
  local rules="" bridge
  for network in $(docker network ls -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT"); do
    bridge="br-${network:0:12}"
    rules+="    iifname \"$bridge\" oifname \"br-*\" oifname != \"$bridge\" drop"$'\n'
  done
  nft -f - <<NFT
table inet wiregui_compose
delete table inet wiregui_compose
table inet wiregui_compose {
  chain forward {
    type filter hook forward priority filter; policy accept;
$rules  }
}
NFT
}

compose_isolation_down() {
  nft delete table inet wiregui_compose 2>/dev/null || true
}
