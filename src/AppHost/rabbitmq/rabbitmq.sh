#!/usr/bin/env bash
# Runs the locally installed RabbitMQ (Debian's rabbitmq-server) for the app host when no container runtime is available.
#   rabbitmq.sh PORT DATA_DIR   run the broker on 127.0.0.1:PORT in the foreground until SIGTERM/SIGINT
# Its Erlang distribution and port mapper use PORT+1 and PORT+2, so several brokers can run side by side; as root, the
# broker runs as the 'rabbitmq' user.
set -euo pipefail

port=$1 data=$2
server=/usr/lib/rabbitmq/bin/rabbitmq-server
[ -x "$server" ] || { echo "RabbitMQ is not installed: apt-get install -y rabbitmq-server" >&2; exit 1; }

mkdir -p "$data"
as_broker=()
if [ "$(id -u)" = 0 ]; then
  chown -R rabbitmq:rabbitmq "$data"
  as_broker=(runuser -u rabbitmq --)
fi

export HOME=$data RABBITMQ_NODE_PORT=$port RABBITMQ_DIST_PORT=$((port + 1)) ERL_EPMD_PORT=$((port + 2))
export RABBITMQ_NODENAME="studentbase-$port@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE=$data/mnesia RABBITMQ_LOG_BASE=$data/log RABBITMQ_CONFIG_FILE=$data/none

"${as_broker[@]}" env HOME="$HOME" RABBITMQ_NODE_PORT="$RABBITMQ_NODE_PORT" RABBITMQ_DIST_PORT="$RABBITMQ_DIST_PORT" \
  ERL_EPMD_PORT="$ERL_EPMD_PORT" RABBITMQ_NODENAME="$RABBITMQ_NODENAME" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
  ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_MNESIA_BASE="$RABBITMQ_MNESIA_BASE" RABBITMQ_LOG_BASE="$RABBITMQ_LOG_BASE" \
  RABBITMQ_CONFIG_FILE="$RABBITMQ_CONFIG_FILE" "$server" &
broker=$!

# The broker's Erlang VM and its port mapper (a daemon of its own) stop with this script.
stop() {
  pkill -TERM -f "$RABBITMQ_NODENAME" 2>/dev/null || true
  wait "$broker" 2>/dev/null || true
  epmd -kill >/dev/null 2>&1 || true
}
trap stop TERM INT EXIT
wait "$broker"
