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
  echo "  client_max_body_size 4m; client_body_buffer_size 4m;"
  echo "  proxy_request_buffering off; proxy_buffering off;"
  echo "  upstream rasa { least_conn;"
  for p in "${rasa_ports[@]}"; do echo "    server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"; done
  echo "  }"
  echo "  upstream actions { least_conn;"
  for p in "${action_ports[@]}"; do echo "    server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"; done
  echo "  }"
  # A request that reached a Rasa process that then died is not retried (it may have been
  # handled); one refused before it was sent goes to the next process.
  echo "  server { listen 127.0.0.1:$rasa_port;"
  echo "    location / { proxy_pass http://rasa; proxy_read_timeout 60s;"
  echo "      proxy_next_upstream error; } }"
  echo "  server { listen 127.0.0.1:$action_port;"
  echo "    location / { proxy_pass http://actions; proxy_read_timeout 60s; } }"
  echo "}"
} > "$prefix/nginx.conf"
