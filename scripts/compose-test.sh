#!/usr/bin/env bash
# npm test's compose layer: compose:up (images from the Dockerfile), compose:verify, the offline
# bundle, then compose:down, which always runs. Docker's layer cache and the base images stay, so
# the next run on this machine is fast. Usage: compose-test.sh REPORT_DIR
set -uo pipefail
cd "$(dirname "$0")/.."
reports=${1:?usage: compose-test.sh REPORT_DIR}
status=0
if bash scripts/compose-up.sh; then
  node --import tsx scripts/compose-verify.ts --report "$reports/compose.json" || status=1
  bash scripts/bundle-test.sh "$reports/bundle.json" || status=1
else
  echo '{"numPassedTests":0,"numFailedTests":1,"numPendingTests":0}' >"$reports/compose.json"
  status=1
fi
bash scripts/compose-down.sh || status=1
exit $status
