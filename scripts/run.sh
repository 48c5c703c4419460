#!/usr/bin/env bash
# Runs the assistant: action server, Rasa server (REST, socket.io, Alexa) and the clinic page.
# With --shell: the action server and `rasa shell` in this terminal.
# Settings (env): RASA_PORT (5005), WEB_PORT (8080), WEB_ORIGIN (http://localhost:$WEB_PORT).
# The action server listens on 5055, where endpoints.yml points.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
RASA_PORT=${RASA_PORT:-5005}
WEB_PORT=${WEB_PORT:-8080}
WEB_ORIGIN=${WEB_ORIGIN:-http://localhost:$WEB_PORT}
POSE_IMAGE_BASE_URL=${POSE_IMAGE_BASE_URL:-$WEB_ORIGIN/poses/}
export WEB_ORIGIN POSE_IMAGE_BASE_URL PYTHONPATH=$PWD
MODEL=models/stretch-coach.tar.gz
mkdir -p .rasa

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

$BIN/rasa run actions --actions actions -p 5055 &
pids+=($!)

if [[ "${1:-}" == "--shell" ]]; then
  $BIN/rasa shell --model "$MODEL" --endpoints endpoints.yml
  exit
fi

if [[ -f web/serve.py ]]; then
  $BIN/python -m web.serve --port "$WEB_PORT" --rasa-url "http://localhost:$RASA_PORT" &
  pids+=($!)
  echo "Clinic page: http://localhost:$WEB_PORT"
fi

$BIN/rasa run --enable-api -p "$RASA_PORT" --model "$MODEL" --endpoints endpoints.yml \
  --credentials credentials.yml --cors "$WEB_ORIGIN" &
pids+=($!)
wait -n "${pids[@]}"
