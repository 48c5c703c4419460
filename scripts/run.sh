#!/usr/bin/env bash
# Runs the assistant: action server, Rasa server (REST, socket.io, Alexa, Twilio Voice) and the clinic page.
# With --shell: the action server and `rasa shell` in this terminal.
#
# Settings (env):
#   RASA_PORT (5005), WEB_PORT (8080), WEB_ORIGIN (http://localhost:$WEB_PORT): every origin whose pages show
#       the chat, comma-separated (the page's first, then each clinic site that embeds it with embed.js)
#   RASA_PUBLIC_URL (http://localhost:$RASA_PORT): where browsers reach Rasa's socket.io (the proxy's URL)
#   RASA_HOST (127.0.0.1): where Rasa listens. Keep loopback and put a TLS reverse proxy in front
#       (docs/security.md); 0.0.0.0 only on a network where plain HTTP is acceptable.
#   RASA_AUTH_TOKEN: turns Rasa's HTTP API on (trackers, events, model), only for requests with
#       ?token=<it>. Unset (the default): the API is off and only the channels are served.
#   SESSION_SECRET: signs the page's chat sessions (shared by the page server and Rasa); generated
#       per start when unset, so chat sessions then last until the next start.
#   PROGRESS_KEY: the key of the pseudonymous person ids in the progress tables (storage/progress.py);
#       when unset, a random one kept in .rasa/progress.key beside the store (created once).
#   TWILIO_AUTH_TOKEN, TWILIO_WEBHOOK_URL, ALEXA_SKILL_IDS: the voice channels (refused when unset).
#   RATE_LIMIT_PER_SENDER (60/60), RATE_LIMIT_PER_CLIENT (600/60): messages per seconds (channels/guard/rate_limits.py).
#   ACTION_PORT (5055), ENDPOINTS (endpoints.yml): the action server's port and the endpoints file, whose
#       action_endpoint url must name that port (the tests run make run's script on ports of their own).
# The action server listens on 127.0.0.1:$ACTION_PORT only (where endpoints.yml points); it is never exposed.
# A server that stops is started again (below); the script exits only when told to (Ctrl-C, SIGTERM).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
RASA_PORT=${RASA_PORT:-5005}
RASA_HOST=${RASA_HOST:-127.0.0.1}
WEB_PORT=${WEB_PORT:-8080}
ACTION_PORT=${ACTION_PORT:-5055}
ENDPOINTS=${ENDPOINTS:-endpoints.yml}
WEB_ORIGIN=${WEB_ORIGIN:-http://localhost:$WEB_PORT}
POSE_IMAGE_BASE_URL=${POSE_IMAGE_BASE_URL:-${WEB_ORIGIN%%,*}/poses/}
# WEB_ORIGIN may list several origins (the page's and each site that embeds the chat): one --cors each.
IFS=',' read -ra cors_origins <<< "$WEB_ORIGIN"
SESSION_SECRET=${SESSION_SECRET:-$($BIN/python -c 'import secrets; print(secrets.token_hex(32))')}
# Larger requests are refused by Sanic itself (HTTP 413) before any handler reads them.
SANIC_REQUEST_MAX_SIZE=${SANIC_REQUEST_MAX_SIZE:-1048576}
export WEB_ORIGIN POSE_IMAGE_BASE_URL SESSION_SECRET SANIC_REQUEST_MAX_SIZE PYTHONPATH=$PWD
MODEL=models/stretch-coach.tar.gz
mkdir -p .rasa

# Supervision: a server that stops (a crash, a kill, the OOM killer) is started again, after 1 s, then
# 2, 4 ... up to 30 s while it keeps stopping within a minute of its start; the others carry on
# meanwhile. While the action server is down or frozen, every turn still gets a reply with the clinic's
# number and keeps its place (channels/guard/; endpoints.yml's timeout bounds the wait). Ctrl-C or
# SIGTERM stops everything.
declare -A pid_of=() started_at=() delay_of=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pid_of[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

api=()
if [[ -n "${RASA_AUTH_TOKEN:-}" ]]; then
  api=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
fi

# rasa-sdk 3.6 has no --interface flag: its Sanic server binds to $SANIC_HOST (rasa_sdk/endpoint.py).
# Both servers start through server_tuning (Rasa's command line behind the project's overrides, README "Performance").
start_server() {
  case "$1" in
    actions) ENDPOINTS="$ENDPOINTS" SANIC_HOST=127.0.0.1 $BIN/python -m server_tuning run actions --actions actions -p "$ACTION_PORT" & ;;
    page) $BIN/python -m web.serve --port "$WEB_PORT" --rasa-url "${RASA_PUBLIC_URL:-http://localhost:$RASA_PORT}" & ;;
    rasa)
      $BIN/python -m server_tuning run "${api[@]}" -i "$RASA_HOST" -p "$RASA_PORT" --model "$MODEL" \
        --endpoints "$ENDPOINTS" --credentials credentials.yml --cors "${cors_origins[@]}" &
      ;;
  esac
  pid_of[$1]=$!
  started_at[$1]=$SECONDS
}

start_server actions

if [[ "${1:-}" == "--shell" ]]; then
  RASA_HOST=127.0.0.1 start_server rasa
  trap 'kill "${pid_of[@]}" 2>/dev/null' EXIT
  until curl -fs "http://127.0.0.1:$RASA_PORT/" >/dev/null 2>&1; do
    kill -0 "${pid_of[rasa]}" 2>/dev/null || { echo "run.sh: the Rasa server did not start" >&2; exit 1; }
    sleep 1
  done
  $BIN/python -m channels.shell --url "http://127.0.0.1:$RASA_PORT"
  exit
fi

if [[ -f web/serve.py ]]; then
  start_server page
  echo "Clinic page: http://localhost:$WEB_PORT"
fi
[[ -n "${RASA_AUTH_TOKEN:-}" ]] && echo "Rasa HTTP API on, for requests with ?token=\$RASA_AUTH_TOKEN"
start_server rasa

while :; do
  stopped=""
  wait -n -p stopped "${pid_of[@]}" || true
  for name in "${!pid_of[@]}"; do
    [[ "${pid_of[$name]}" == "$stopped" ]] || continue
    ran=$((SECONDS - started_at[$name]))
    delay=${delay_of[$name]:-1}
    ((ran >= 60)) && delay=1
    echo "run.sh: the $name server stopped after ${ran} s; starting it again in ${delay} s (the others carry on)" >&2
    sleep "$delay" &
    wait $! || true
    delay_of[$name]=$((delay * 2 > 30 ? 30 : delay * 2))
    start_server "$name"
  done
done
