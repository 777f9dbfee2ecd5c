#!/usr/bin/env bash
# A mock client's traffic: pings the given addresses (the server's tunnel addresses, a host behind it) every 3 s, forever.
# Prints only missed replies, so the log stays small while all is well.
set -u
[ $# -gt 0 ] || { echo "usage: $0 ADDRESS..." >&2; exit 2; }
while true; do
  for address in "$@"; do
    ping -c 1 -W 1 -q "$address" >/dev/null 2>&1 || echo "$(date -Is) no reply from $address"
  done
  sleep 3
done
