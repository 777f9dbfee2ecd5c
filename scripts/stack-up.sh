#!/usr/bin/env bash
# Runs WireGUI locally: PostgreSQL, the first-run setup, and the web app, then prints the URL and
# the admin sign-in. Safe to re-run: it stops the app it started before and keeps the database.
# State lives in .stack/ (settings with a generated AUTH_SECRET, the admin password, logs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

state=.stack
port=${WIREGUI_PORT:-3000}
host=${WIREGUI_HOST:-127.0.0.1}
admin_email=${WIREGUI_ADMIN_EMAIL:-admin@wiregui.local}

apt_install postgresql-client
ensure_postgres
ensure_node_modules
mkdir -p "$state" && chmod 700 "$state"
stop_pidfile "$state/web.pid"

if [ ! -f "$state/wiregui.env" ]; then
  log "Writing $state/wiregui.env"
  umask 077
  cat > "$state/wiregui.env" <<ENV
DATABASE_URL=${DATABASE_URL:-postgresql://postgres:postgres@127.0.0.1:5432/wiregui}
AUTH_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=' | head -c 48)
EXTERNAL_URL=http://$host:$port
ENV
fi
set -a
source "$state/wiregui.env"
set +a

db_name=$(node -e 'console.log(new URL(process.env.DATABASE_URL).pathname.slice(1))')
admin_db_url=$(node -e 'const u = new URL(process.env.DATABASE_URL); u.pathname = "/postgres"; console.log(u.toString())')
if [ "$(psql "$admin_db_url" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$db_name'")" != 1 ]; then
  log "Creating database $db_name"
  psql "$admin_db_url" -qc "CREATE DATABASE \"$db_name\""
fi

log "Setup (safe to repeat)"
setup_output=$(node --import tsx cli/wiregui.ts setup --no-interactive --admin-email "$admin_email" --generate-password)
echo "$setup_output" | grep -v "^    $admin_email " || true
generated=$(echo "$setup_output" | awk -v email="$admin_email" '$1 == email { print $2 }')
if [ -n "$generated" ]; then
  (umask 077; printf '%s %s\n' "$admin_email" "$generated" > "$state/admin-credentials")
fi

log "Building the web app"
npx next build > "$state/build.log" 2>&1 || { tail -n 40 "$state/build.log"; die "next build failed (full log: $state/build.log)"; }

log "Starting the web app on http://$host:$port"
setsid npx next start -H "$host" -p "$port" > "$state/web.log" 2>&1 < /dev/null &
echo $! > "$state/web.pid"
for _ in $(seq 1 60); do
  curl -fsS "http://$host:$port/api/health" >/dev/null 2>&1 && break
  kill -0 "$(cat "$state/web.pid")" 2>/dev/null || { tail -n 20 "$state/web.log"; die "the web app exited (log: $state/web.log)"; }
  sleep 1
done
curl -fsS "http://$host:$port/api/health" >/dev/null || die "the web app did not become healthy (log: $state/web.log)"

echo
echo "WireGUI is running at $EXTERNAL_URL"
if [ -f "$state/admin-credentials" ]; then
  read -r cred_email cred_password < "$state/admin-credentials"
  echo "Admin sign-in: $cred_email / $cred_password   (also in $state/admin-credentials)"
else
  echo "Admin sign-in: $admin_email (password set earlier; reset it with: npm run reset-admin-password)"
fi
echo "Logs: $state/web.log    Stop: npm run stack:down"
