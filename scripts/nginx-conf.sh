#!/usr/bin/env bash
# Writes the local load balancer's nginx.conf: PREFIX RASA_PORT ACTION_PORT "rasa ports" "action ports"
set -euo pipefail
prefix=$1 rasa_port=$2 action_port=$3
read -ra rasa_ports <<< "$4"
read -ra action_ports <<< "$5"
mkdir -p "$prefix/logs" "$prefix/tmp"
{
  echo "worker_processes 1;"
  echo "pid $prefix/nginx.pid;"
  echo "error_log $prefix/logs/error.log warn;"
  echo "events { worker_connections 1024; }"
  echo "http {"
  echo "  access_log off;"
  for d in client_body proxy fastcgi uwsgi scgi; do echo "  ${d}_temp_path $prefix/tmp/$d;"; done
  # Bodies and answers stay in memory (Rasa sends whole trackers to the action server):
  # nothing of a conversation is written to nginx's temp files.
  echo "  client_max_body_size 4m; client_body_buffer_size 4m; client_body_in_single_buffer on;"
  echo "  proxy_buffering off;"
  # Each conversation goes to one Rasa process (its sender id, read from the body: REST's
  # "sender", Twilio's From, Telegram's chat id), so that process's kept tracker and
  # cached predictions serve its next turn; no id means round robin. If that process is
  # down, the next one takes the conversation: the tracker store and the Redis lock keep
  # it whole. The body is read whole before choosing (request buffering, in memory).
  echo '  map $request_body $conversation {'
  echo '    "~\"sender\"\s*:\s*\"(?<key>[^\"]{1,200})\"" $key;'
  echo '    "~(?:^|&)From=(?<key>[^&]{1,100})" $key;'
  echo '    "~\"chat\"\s*:\s*\{\s*\"id\"\s*:\s*(?<key>-?\d{1,20})" $key;'
  echo '    default "";'
  echo '  }'
  # RASA_BALANCE=least_conn spreads turns evenly instead (a conversation then moves between
  # processes, and each turn reads its tracker back from the database).
  if [ "${RASA_BALANCE:-sticky}" = least_conn ]; then
    echo "  upstream rasa { least_conn;"
  else
    echo '  upstream rasa { hash $conversation consistent;'
  fi
  for p in "${rasa_ports[@]}"; do echo "    server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"; done
  echo "  }"
  echo "  upstream actions { least_conn;"
  for p in "${action_ports[@]}"; do echo "    server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"; done
  echo "  }"
  # A request that reached a Rasa process that then died is not retried (it may have been
  # handled); one refused before it was sent goes to the next process.
  echo "  server { listen 127.0.0.1:$rasa_port;"
  # X-Upstream (loopback only) says which process answered: the tests use it.
  echo "    location / { proxy_pass http://rasa; proxy_read_timeout 60s;"
  echo '      add_header X-Upstream $upstream_addr always;'
  echo "      proxy_next_upstream error; } }"
  echo "  server { listen 127.0.0.1:$action_port;"
  echo "    location / { proxy_pass http://actions; proxy_read_timeout 60s; } }"
  echo "}"
} > "$prefix/nginx.conf"
