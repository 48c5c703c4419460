#!/usr/bin/env bash
# Runs the assistant: action server, Rasa server (REST, socket.io, Alexa, Twilio Voice) and the clinic page.
# With --shell: the action server and `rasa shell` in this terminal.
#
# Settings (env):
#   RASA_PORT (5005), WEB_PORT (8080), WEB_ORIGIN (http://localhost:$WEB_PORT)
#   RASA_PUBLIC_URL (http://localhost:$RASA_PORT): where browsers reach Rasa's socket.io (the proxy's URL)
#   RASA_HOST (127.0.0.1): where Rasa listens. Keep loopback and put a TLS reverse proxy in front
#       (docs/security.md); 0.0.0.0 only on a network where plain HTTP is acceptable.
#   RASA_AUTH_TOKEN: turns Rasa's HTTP API on (trackers, events, model), only for requests with
#       ?token=<it>. Unset (the default): the API is off and only the channels are served.
#   SESSION_SECRET: signs the page's chat sessions (shared by the page server and Rasa); generated
#       per start when unset, so chat sessions then last until the next start.
#   TWILIO_AUTH_TOKEN, TWILIO_WEBHOOK_URL, ALEXA_SKILL_IDS: the voice channels (refused when unset).
#   RATE_LIMIT_PER_SENDER (60/60), RATE_LIMIT_PER_CLIENT (600/60): messages per seconds (channels/guard.py).
# The action server listens on 127.0.0.1:5055 only (where endpoints.yml points); it is never exposed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
RASA_PORT=${RASA_PORT:-5005}
RASA_HOST=${RASA_HOST:-127.0.0.1}
WEB_PORT=${WEB_PORT:-8080}
WEB_ORIGIN=${WEB_ORIGIN:-http://localhost:$WEB_PORT}
POSE_IMAGE_BASE_URL=${POSE_IMAGE_BASE_URL:-$WEB_ORIGIN/poses/}
SESSION_SECRET=${SESSION_SECRET:-$($BIN/python -c 'import secrets; print(secrets.token_hex(32))')}
# Larger requests are refused by Sanic itself (HTTP 413) before any handler reads them.
SANIC_REQUEST_MAX_SIZE=${SANIC_REQUEST_MAX_SIZE:-1048576}
export WEB_ORIGIN POSE_IMAGE_BASE_URL SESSION_SECRET SANIC_REQUEST_MAX_SIZE PYTHONPATH=$PWD
MODEL=models/stretch-coach.tar.gz
mkdir -p .rasa

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# rasa-sdk 3.6 has no --interface flag: its Sanic server binds to $SANIC_HOST (rasa_sdk/endpoint.py).
# Both servers start through server_tuning (Rasa's command line behind the project's overrides, README "Performance").
SANIC_HOST=127.0.0.1 $BIN/python -m server_tuning run actions --actions actions -p 5055 &
pids+=($!)

if [[ "${1:-}" == "--shell" ]]; then
  $BIN/rasa shell -i 127.0.0.1 --model "$MODEL" --endpoints endpoints.yml
  exit
fi

if [[ -f web/serve.py ]]; then
  $BIN/python -m web.serve --port "$WEB_PORT" --rasa-url "${RASA_PUBLIC_URL:-http://localhost:$RASA_PORT}" &
  pids+=($!)
  echo "Clinic page: http://localhost:$WEB_PORT"
fi

api=()
if [[ -n "${RASA_AUTH_TOKEN:-}" ]]; then
  api=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
  echo "Rasa HTTP API on, for requests with ?token=\$RASA_AUTH_TOKEN"
fi
$BIN/python -m server_tuning run "${api[@]}" -i "$RASA_HOST" -p "$RASA_PORT" --model "$MODEL" --endpoints endpoints.yml \
  --credentials credentials.yml --cors "$WEB_ORIGIN" &
pids+=($!)
wait -n "${pids[@]}"
