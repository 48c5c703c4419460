#!/usr/bin/env bash
# Runs the assistant: action server, Rasa server (REST, socket.io, Alexa) and the clinic page.
# With --shell: the action server and `rasa shell` in this terminal.
# Settings (env): RASA_PORT (5005), ACTIONS_PORT (5055), WEB_PORT (8080), WEB_ORIGIN (http://localhost:$WEB_PORT).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
WEB_PORT=${WEB_PORT:-8080}
WEB_ORIGIN=${WEB_ORIGIN:-http://localhost:$WEB_PORT}
export WEB_ORIGIN PYTHONPATH=$PWD
MODEL=models/stretch-coach.tar.gz
mkdir -p .rasa

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

$BIN/rasa run actions -p "$ACTIONS_PORT" &
pids+=($!)

if [[ "${1:-}" == "--shell" ]]; then
  $BIN/rasa shell --model "$MODEL" --endpoints endpoints.yml
  exit
fi

if [[ -f web/serve.py ]]; then
  $BIN/python web/serve.py --port "$WEB_PORT" --rasa-url "http://localhost:$RASA_PORT" &
  pids+=($!)
  echo "Clinic page: http://localhost:$WEB_PORT"
fi

$BIN/rasa run --enable-api -p "$RASA_PORT" --model "$MODEL" --endpoints endpoints.yml \
  --credentials credentials.yml --cors "$WEB_ORIGIN" &
pids+=($!)
wait -n "${pids[@]}"
