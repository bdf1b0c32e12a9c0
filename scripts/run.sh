#!/usr/bin/env bash
# Runs the whole stack on the local defaults: the Rasa server, the action server and the
# forums API (with the web chat). Sets up and trains first if needed. One Ctrl-C (or a
# SIGTERM) stops every part; if one part dies, the others are stopped too.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

if [ "${SKIP_SETUP:-0}" != 1 ]; then
  scripts/setup.sh
  scripts/train.sh
fi

# The production profile's servers must work before anything starts (bot/ops/preflight.py).
if [ "${PROFILE:-}" = production ]; then
  .venvs/bot/bin/python -m bot.ops.preflight || { echo "run: not starting" >&2; exit 1; }
fi

RASA_PROCESSES=${RASA_PROCESSES:-1}
ACTION_PROCESSES=${ACTION_PROCESSES:-1}
API_WORKERS=${API_WORKERS:-1}
BACKEND_PORT_BASE=${BACKEND_PORT_BASE:-$((RASA_PORT + 1000))}
# The action server (Sanic) closes an idle kept-alive connection after 5 s, but Rasa's
# client keeps it for 15 s and may send a turn down a socket that is closing: the action
# then fails ("Cannot write to closing transport"). The action server keeps it longer.
ACTIONS_KEEP_ALIVE=${SANIC_KEEP_ALIVE_TIMEOUT:-75}

pids=()
helpers=()
stopping=0
fifos=$(mktemp -d)

declare -A part_cmd part_pid

# Each part's output goes through a FIFO to a prefixer that is also this shell's child,
# so stopping reaps everything and leaves no orphan behind.
start() {  # name command...
  local name=$1; shift
  [ -p "$fifos/$name" ] || mkfifo "$fifos/$name"
  sed -u "s/^/[$name] /" < "$fifos/$name" &
  helpers+=($!)
  "$@" > "$fifos/$name" 2>&1 &
  pids+=($!)
  part_pid[$name]=$!
  part_cmd[$name]=$(printf '%q ' "$@")
}

descendants() {  # pid: every process it started, and theirs
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do echo "$child"; descendants "$child"; done
}

stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  echo "run: stopping all parts ($(date +%T))"
  # The parts' own worker processes too, found before the parts go: a worker left running
  # would keep its part's log pipe open and this script waiting.
  local all=("${pids[@]}") pid
  for pid in "${pids[@]}"; do all+=($(descendants "$pid")); done
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 100); do
    alive=0
    for pid in "${all[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  kill -KILL "${all[@]}" 2>/dev/null || true
  wait "${pids[@]}" "${helpers[@]}" 2>/dev/null || true
  rm -rf "$fifos"
  echo "run: stopped ($(date +%T))"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

wait_for() {  # name url
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$2" 2>/dev/null; then
      echo "run: $1 is listening on ${2%/*}"
      return 0
    fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "run: $1 did not start (a part exited)" >&2; stop_all; exit 1; }
    done
    sleep 0.5
  done
  echo "run: $1 did not answer at $2" >&2
  stop_all
  exit 1
}

rasa_cmd() {  # port (exec: the background subshell becomes Rasa, so signals reach it)
  exec .venvs/bot/bin/rasa run --model models/sendbot.tar.gz \
    --endpoints "${RASA_ENDPOINTS:-bot/endpoints.yml}" --credentials "${RASA_CREDENTIALS:-bot/credentials.yml}" \
    --enable-api --auth-token "$RASA_AUTH_TOKEN" --interface 127.0.0.1 --port "$1"
}

start api .venvs/api/bin/uvicorn api.main:app --host 127.0.0.1 --port "$API_PORT" \
  --workers "$API_WORKERS" --no-access-log
wait_for "Forums API" "http://127.0.0.1:$API_PORT/health"

if [ "$RASA_PROCESSES" = 1 ] && [ "$ACTION_PROCESSES" = 1 ]; then
  start actions env SANIC_KEEP_ALIVE_TIMEOUT="$ACTIONS_KEEP_ALIVE" \
    .venvs/bot/bin/rasa run actions --actions bot.actions --port "$ACTION_PORT"
  wait_for "Action server" "http://127.0.0.1:$ACTION_PORT/health"
  start rasa rasa_cmd "$RASA_PORT"
  wait_for "Rasa server" "http://127.0.0.1:$RASA_PORT/"
else
  # Several processes behind nginx: the public ports belong to the load balancer, the
  # processes listen on the ports after BACKEND_PORT_BASE. Rasa servers start one at a time
  # so only the first creates the tracker store's tables.
  rasa_ports=(); action_ports=()
  for i in $(seq 1 "$ACTION_PROCESSES"); do
    port=$((BACKEND_PORT_BASE + 50 + i)); action_ports+=("$port")
    start "actions-$i" env SANIC_KEEP_ALIVE_TIMEOUT="$ACTIONS_KEEP_ALIVE" \
      .venvs/bot/bin/rasa run actions --actions bot.actions --port "$port"
  done
  for port in "${action_ports[@]}"; do wait_for "Action server" "http://127.0.0.1:$port/health"; done
  for i in $(seq 1 "$RASA_PROCESSES"); do
    port=$((BACKEND_PORT_BASE + i)); rasa_ports+=("$port")
    start "rasa-$i" rasa_cmd "$port"
    wait_for "Rasa server $i" "http://127.0.0.1:$port/"
  done
  scripts/nginx-conf.sh "$VAR_DIR/nginx" "$RASA_PORT" "$ACTION_PORT" "${rasa_ports[*]}" "${action_ports[*]}"
  start balancer "$(command -v nginx || echo /usr/sbin/nginx)" -p "$VAR_DIR/nginx" -c "$VAR_DIR/nginx/nginx.conf" -g "daemon off;"
  wait_for "Load balancer (Rasa)" "http://127.0.0.1:$RASA_PORT/"
  wait_for "Load balancer (actions)" "http://127.0.0.1:$ACTION_PORT/health"
fi
# Retention: prunes conversation history older than RETENTION_DAYS (default 30) from the
# tracker store now and every RETENTION_INTERVAL_SECONDS (default an hour).
start retention .venvs/bot/bin/python -m bot.privacy.retention
# Outbound: "you said, we did" and quick-question invitations on SMS and Telegram, to people
# who opted in, paced, never in SMS quiet hours (channels/outbound.py). Idle without channels.
start outbound .venvs/bot/bin/python -m channels.outbound

cat <<MSG
run: ready.
  Web chat:      http://127.0.0.1:$API_PORT/chat
  REST channel:  curl -s http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"hi"}'
  Forums API:    http://127.0.0.1:$API_PORT/docs
  Press Ctrl-C once to stop everything.
MSG

# Single processes: if any part exits on its own, stop the rest rather than run half a stack.
# Several processes: the balancer routes around a dead Rasa or action server, and it is
# started again, as a process supervisor would.
set +e
while true; do
  wait -n "${pids[@]}"
  status=$?
  [ "$stopping" = 1 ] && break
  dead=""
  for name in "${!part_pid[@]}"; do
    kill -0 "${part_pid[$name]}" 2>/dev/null || dead="$dead $name"
  done
  for name in $dead; do
    case "$name" in
      rasa-*|actions-*)
        echo "run: $name exited (status $status); starting it again" >&2
        alive=()
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
        pids=("${alive[@]}")
        eval "start $name ${part_cmd[$name]}"
        ;;
      *)
        echo "run: $name exited (status $status); stopping the others" >&2
        stop_all
        exit 1
        ;;
    esac
  done
done
