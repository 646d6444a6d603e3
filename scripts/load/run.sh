#!/usr/bin/env bash
# Load run: GET /api/v1/workspaces/{id} on the demo campaign, 32 connections
# for 10 s with wrk, on SQLite and on PostgreSQL, next to a bare net/http
# handler measured in the same run. Also the cold start and peak memory of
# `duet serve --demo` (GNU time -v) and the idle resident size.
# Usage: scripts/load/run.sh   (after `make build`; needs wrk and GNU time)
set -euo pipefail
cd "$(dirname "$0")/../.."
PGURL=${DUET_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# json KEY... prints the value at that path of the JSON on stdin.
json() { python3 -c 'import sys, json
v = json.load(sys.stdin)
for k in sys.argv[1:]: v = v[int(k)] if isinstance(v, list) else v[k]
print(v)' "$@"; }

wait_up() { for _ in $(seq 1 200); do curl -sf "$1/healthz" >/dev/null && return; sleep 0.05; done; echo "not up: $1" >&2; exit 1; }

go build -o "$work/bare" scripts/load/bare.go
"$work/bare" -addr 127.0.0.1:18090 & sleep 0.5
echo "== bare net/http handler"
wrk -t2 -c32 -d10s --latency http://127.0.0.1:18090/ | grep -E 'Requests/sec|  50%|  99%'
kill %1

run() { # engine, flags...
	local engine=$1; shift
	local port=$((18080 + RANDOM % 100)) base
	base=http://127.0.0.1:$port
	local t0; t0=$(date +%s.%N)
	/usr/bin/time -v -o "$work/time-$engine" bin/duet serve --addr 127.0.0.1:$port --demo "$@" >"$work/out-$engine" 2>"$work/err-$engine" &
	local pid=$!
	wait_up "$base"
	local t1; t1=$(date +%s.%N)
	local child; child=$(pgrep -P $pid duet || echo $pid)
	sleep 2
	echo "== $engine: ready in $(echo "$t1 - $t0" | bc) s; idle RSS $(awk '/VmRSS/{print $2" "$3}' /proc/$child/status)"
	local email pw
	read -r email pw _ < <(grep 'jordan@' "$work/out-$engine")
	local token
	token=$(curl -sf "$base/api/v1/tokens" -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$pw\"}" | json token)
	local ws
	ws=$(curl -sf "$base/api/v1/workspaces" -H "Authorization: Bearer $token" | json workspaces 0 id)
	echo "   GET /api/v1/workspaces/$ws as the demo partner ($(curl -sf "$base/api/v1/workspaces/$ws" -H "Authorization: Bearer $token" | wc -c) bytes)"
	wrk -t2 -c32 -d10s --latency -H "Authorization: Bearer $token" "$base/api/v1/workspaces/$ws" | grep -E 'Requests/sec|  50%|  99%|Non-2xx'
	echo "   the same with Accept-Encoding: gzip"
	wrk -t2 -c32 -d10s --latency -H "Authorization: Bearer $token" -H "Accept-Encoding: gzip" "$base/api/v1/workspaces/$ws" | grep -E 'Requests/sec|  50%|  99%|Non-2xx'
	kill -TERM $child; wait $pid || true
	grep -E 'Maximum resident|Elapsed' "$work/time-$engine" | sed 's/^\s*/   /'
}

run sqlite --data "$work/data"
psql "$PGURL" -q -v ON_ERROR_STOP=1 -c 'DROP SCHEMA IF EXISTS loadrun CASCADE; CREATE SCHEMA loadrun' >/dev/null 2>&1
run postgres --database-url "${PGURL}&search_path=loadrun"
psql "$PGURL" -q -v ON_ERROR_STOP=1 -c 'DROP SCHEMA loadrun CASCADE' >/dev/null 2>&1
