#!/bin/bash
# Reads under writes: 32 HTTP clients (search + entity profiles, every request computed) for
# 20 s against `veille serve`, while three articles are posted to /api/ingest (at 4, 9 and
# 14 s), each followed by a refresh of the whole knowledge base. Prints the ingest times and
# the readers' latencies (compare `max` with and without the ingests).
#
#   scripts/load-during-ingest.sh KB_DIR [VEILLE_BINARY] [PORT]
#
# KB_DIR is copied first (the posted articles never reach it). Build the load generator
# with `cargo build --release -p api --example load`.
set -euo pipefail
KB=${1:?usage: $0 KB_DIR [VEILLE_BINARY] [PORT]}
BIN=${2:-target/release/veille}
PORT=${3:-18700}
LOAD=${LOAD:-target/release/examples/load}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
cp -r "$KB" "$WORK/kb"
"$BIN" serve --db "$WORK/kb" --addr "127.0.0.1:$PORT" --write-token bench-token --cache-entries 0 \
    >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/api/search?q=a" && break
    sleep 0.3
done
(
    for k in 1 2 3; do
        sleep $([ "$k" = 1 ] && echo 4 || echo 5)
        curl -s -o /dev/null -w "ingest $k: %{http_code} in %{time_total} s\n" \
            -H 'Authorization: Bearer bench-token' -H 'Content-Type: application/json' \
            -d "{\"id\":\"bench-post-$k\",\"text\":\"Le président Tokaïev a reçu à Astana le $k décembre les dirigeants de l'OTSC. Selon Moscou, $k 000 soldats ont été perdus.\"}" \
            "http://127.0.0.1:$PORT/api/ingest"
    done
) &
POSTS=$!
"$LOAD" --url "http://127.0.0.1:$PORT" --seconds 20 2>&1 | tail -3
wait $POSTS
