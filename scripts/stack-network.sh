# shellcheck shell=bash
# The local stack's network, sourced by stack-up.sh and stack-down.sh (after lib.sh). Every name
# starts with "wgui" and is listed here, so cleanup removes exactly what the stack creates.
#
#   wgui-srv   bridge wguibr0 198.18.0.1/24 (the "internet"), WireGuard wguis0 (wireguard-go,
#              brought up by the collector), forwarding on, the collector process
#   wgui-cN    veth wguiv-cN 198.18.0.1N/24 (its other end wguiv-sN on the bridge), WireGuard
#              wguicN configured from the device's config, a ping loop
# 198.18.0.0/15 is reserved for benchmarking and only exists inside these namespaces.

STACK_SERVER_NS=wgui-srv
STACK_SERVER_IF=wguis0
STACK_BRIDGE=wguibr0
STACK_LAN_PREFIX=198.18.0
STACK_SERVER_LAN_IP=$STACK_LAN_PREFIX.1
STACK_CLIENT_IDS=(1 2 3)

stack_client_ns() { echo "wgui-c$1"; }
stack_client_if() { echo "wguic$1"; }

stack_namespaces() {
  echo "$STACK_SERVER_NS"
  for i in "${STACK_CLIENT_IDS[@]}"; do stack_client_ns "$i"; done
}

has_namespace() { ip netns list | awk -v ns="$1" '$1 == ns { found = 1 } END { exit !found }'; }

# Stops the stack's network processes (from their pid files), then removes its namespaces with
# whatever still runs inside them (wireguard-go daemons), and wireguard-go sockets left behind.
stack_network_down() {
  local state=$1 ns pids iface
  for pidfile in "$state"/ping-*.pid "$state/collector.pid" "$state/pg-bridge.pid"; do stop_pidfile "$pidfile"; done
  for ns in $(stack_namespaces); do
    has_namespace "$ns" || continue
    [ "$(id -u)" -eq 0 ] || die "namespace $ns exists: run as root to remove it"
    pids=$(ip netns pids "$ns" || true)
    if [ -n "$pids" ]; then
      # shellcheck disable=SC2086 # one pid per word
      kill $pids 2>/dev/null || true
      for _ in $(seq 1 20); do [ -z "$(ip netns pids "$ns")" ] && break; sleep 0.25; done
      pids=$(ip netns pids "$ns" || true)
      # shellcheck disable=SC2086
      [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
    fi
    ip netns delete "$ns"
  done
  for iface in "$STACK_SERVER_IF" $(for i in "${STACK_CLIENT_IDS[@]}"; do stack_client_if "$i"; done); do
    rm -f "/var/run/wireguard/$iface.sock"
  done
}

stack_network_up() {
  local i ns
  ip netns add "$STACK_SERVER_NS"
  ip -n "$STACK_SERVER_NS" link set lo up
  ip -n "$STACK_SERVER_NS" link add "$STACK_BRIDGE" type bridge
  ip -n "$STACK_SERVER_NS" address add "$STACK_SERVER_LAN_IP/24" dev "$STACK_BRIDGE"
  ip -n "$STACK_SERVER_NS" link set "$STACK_BRIDGE" up
  # A VPN gateway forwards between its peers: this is how the clients reach each other.
  ip netns exec "$STACK_SERVER_NS" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
  for i in "${STACK_CLIENT_IDS[@]}"; do
    ns=$(stack_client_ns "$i")
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    # Both ends are created in their namespaces: nothing appears in the host's namespace.
    ip link add "wguiv-c$i" netns "$ns" type veth peer name "wguiv-s$i" netns "$STACK_SERVER_NS"
    ip -n "$STACK_SERVER_NS" link set "wguiv-s$i" master "$STACK_BRIDGE" up
    ip -n "$ns" address add "$STACK_LAN_PREFIX.1$i/24" dev "wguiv-c$i"
    ip -n "$ns" link set "wguiv-c$i" up
  done
}

# True once the collector has brought the server's WireGuard interface up.
is_server_interface_up() {
  [[ "$(ip -n "$STACK_SERVER_NS" -j link show dev "$STACK_SERVER_IF" 2>/dev/null)" == *'"UP"'* ]]
}
