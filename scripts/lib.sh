# Shared by the stack and test scripts: install and start what WireGUI needs on a Debian machine.
# Every function is idempotent and only touches what it names.

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Next.js telemetry would try to reach the internet.
export NEXT_TELEMETRY_DISABLED=1

PG_URL_BASE=${TEST_DATABASE_URL:-postgresql://postgres:postgres@127.0.0.1:5432/postgres}

apt_updated=
apt_install() {
  local missing=()
  for pkg in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing Debian packages: ${missing[*]} (run as root to install them)"
  log "Installing ${missing[*]}"
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# PostgreSQL: use the running server on 127.0.0.1:5432, or install/start Debian's.
ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$version" ] || die "PostgreSQL is installed but has no cluster in /etc/postgresql"
    log "Starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL did not start on 127.0.0.1:5432"
  fi
  # A fresh Debian cluster wants a password over TCP; give the postgres role the one our URLs use.
  if ! psql "$PG_URL_BASE" -qAtc 'SELECT 1' >/dev/null 2>&1; then
    log "Setting the postgres role's password for local TCP connections"
    su postgres -c "psql -qc \"ALTER ROLE postgres PASSWORD 'postgres'\"" >/dev/null
    psql "$PG_URL_BASE" -qAtc 'SELECT 1' >/dev/null || die "cannot connect to $PG_URL_BASE"
  fi
}

ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "Installing npm packages (npm ci)"
    npm ci --no-audit --no-fund
  fi
  log "Generating the Prisma client"
  npx prisma generate >/dev/null
}

# Stops a process we started earlier, recorded in a pid file, and nothing else: after a reboot the
# number may belong to another process, so it must still run from this checkout.
stop_pidfile() {
  local pidfile=$1
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$PWD" ]; then
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# Docker: Debian's engine and the Python docker-compose (the preinstalled client has no compose
# plugin). A daemon already answering is used as it is; otherwise one is started with docker's
# bridges inside 198.18.0.0/15 and the host's firewall left alone (platform notes), its pid in
# .compose/dockerd.pid so compose:down stops only a daemon it started.
# Debian's client matches Debian's engine (the preinstalled client 28 nags about BuildKit on every build).
[ -x /usr/bin/docker ] && docker() { /usr/bin/docker "$@"; }

ensure_docker() {
  apt_install docker.io docker-compose mmdebstrap
  docker info >/dev/null 2>&1 && return 0
  mkdir -p .compose
  log "Starting the Docker engine"
  setsid dockerd --storage-driver=overlay2 --bip=198.18.100.1/24 \
    --default-address-pool base=198.18.128.0/17,size=24 --iptables=false --ip6tables=false \
    >.compose/dockerd.log 2>&1 </dev/null &
  echo $! >.compose/dockerd.pid
  for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  die "the Docker engine did not start (see .compose/dockerd.log)"
}
