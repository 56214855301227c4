#!/usr/bin/env bash
# Runs the locally installed PostgreSQL for the app host when no container runtime is available.
#   postgres.sh init BIN_DIR DATA_DIR PORT DATABASE   initialise the cluster and database once (kept between runs)
#   postgres.sh run  BIN_DIR DATA_DIR PORT            run the server in the foreground until SIGTERM/SIGINT
# PostgreSQL refuses to run as root; as root, the server runs as the 'postgres' user.
set -euo pipefail

action=$1 bin=$2 data=$3 port=$4 database=${5:-}

server_user=()
if [ "$(id -u)" = 0 ]; then
  server_user=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

# As root, the data directory must be reachable by the postgres user. A checkout under a private home
# directory is not, so such a data directory moves to a fixed place outside it (the same one every run).
resolve_data_directory() {
  if [ "$(id -u)" != 0 ]; then
    mkdir -p "$data"
    return
  fi
  mkdir -p "$data"
  chown postgres:postgres "$data"
  chmod 700 "$data"
  if ! runuser -u postgres -- test -w "$data" 2>/dev/null; then
    local fallback
    fallback="/var/lib/studentbase/$(printf '%s' "$data" | sha1sum | cut -c1-12)/data"
    echo "The postgres user cannot reach $data; using $fallback instead." >&2
    data=$fallback
    mkdir -p "$data"
    chown -R postgres:postgres "$(dirname "$data")"
    chmod 700 "$data"
  fi
}

resolve_data_directory
server_options=(-p "$port" -c listen_addresses=127.0.0.1 -c unix_socket_directories=)

case "$action" in
  init)
    if [ -f "$data/PG_VERSION" ]; then
      echo "PostgreSQL data directory $data is ready."
      exit 0
    fi
    echo "Initialising a PostgreSQL cluster in $data ..."
    "${server_user[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
    "${server_user[@]}" "$bin/pg_ctl" -D "$data" -w -t 60 -l "$data/initialisation.log" -o "${server_options[*]}" start >/dev/null
    "${server_user[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database"
    "${server_user[@]}" "$bin/pg_ctl" -D "$data" -w -m fast stop >/dev/null
    echo "Created database '$database'."
    ;;
  run)
    "${server_user[@]}" "$bin/postgres" -D "$data" "${server_options[@]}" &
    server=$!
    # A fast shutdown (SIGINT) disconnects clients at once; the default (smart) one would wait for them.
    trap 'kill -INT "$server" 2>/dev/null' TERM INT
    status=0
    wait "$server" || status=$?
    wait "$server" 2>/dev/null || true
    exit "$status"
    ;;
  *)
    echo "usage: $0 init|run BIN_DIR DATA_DIR PORT [DATABASE]" >&2
    exit 64
    ;;
esac
