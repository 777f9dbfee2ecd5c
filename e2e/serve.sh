#!/usr/bin/env bash
# Playwright's web server: a fresh e2e database, the real setup command, then the built app.
set -euo pipefail
cd "$(dirname "$0")/.."
db_name=$(node -e 'console.log(new URL(process.env.DATABASE_URL).pathname.slice(1))')
admin_url=$(node -e 'const u = new URL(process.env.DATABASE_URL); u.pathname = "/postgres"; console.log(u.toString())')
psql "$admin_url" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)" -c "CREATE DATABASE \"$db_name\""
node --import tsx cli/wiregui.ts setup --no-interactive
exec npx next start -H 127.0.0.1 -p "$PORT"
