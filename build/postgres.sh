#!/usr/bin/env bash
# Shared by run.sh and test.sh: find or install PostgreSQL and run a local cluster from the system binaries.
# postgres refuses to run as root, so as root the cluster belongs to the 'postgres' system user.

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z "$dir" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
      echo "PostgreSQL is not installed; run as root or: sudo apt-get install -y postgresql" >&2
      return 1
    fi
    echo "Installing PostgreSQL with apt-get..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

# as_pg_owner CMD...: run a command as the cluster owner (postgres when we are root, else ourselves)
as_pg_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_pg_user() {
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
}

# pg_cluster_dir WANTED: WANTED if the cluster owner can reach it, else a folder it can reach (printed)
pg_cluster_dir() {
  local wanted=$1
  mkdir -p "$wanted"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$wanted"
    if ! runuser -u postgres -- test -w "$wanted"; then
      local fallback="/var/lib/interview/$(echo -n "$wanted" | sha1sum | cut -c1-12)"
      echo "note: user postgres cannot reach $wanted; keeping the cluster in $fallback" >&2
      mkdir -p "$fallback" && chown postgres: "$fallback"
      wanted=$fallback
    fi
  fi
  echo "$wanted"
}

# start_cluster DIR PORT [extra postgres options]: initialise once, start unless running, create database 'interview'
start_cluster() {
  local dir=$1 port=$2 extra=${3:-}
  local bin; bin=$(pg_bin_dir) || return 1
  ensure_pg_user
  dir=$(pg_cluster_dir "$dir")
  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    as_pg_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  if ! as_pg_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_pg_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' $extra" start >/dev/null \
      || { tail -n 20 "$dir/server.log" >&2; return 1; }
  fi
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname = 'interview'" postgres | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres interview
  fi
  PG_CLUSTER_DIR=$dir
  PG_BIN=$bin
}

stop_cluster() {
  local dir=$1
  [[ -n "${PG_BIN:-}" && -d "$dir/data" ]] && as_pg_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# throwaway_cluster NAME [postgres options]: unless INTERVIEW_DB is set, a cluster in a temporary folder on a free
# port, stopped and removed when the script exits; exports INTERVIEW_DB either way.
throwaway_cluster() {
  [[ -n "${INTERVIEW_DB:-}" ]] && return 0
  local port; port=$(free_port)
  THROWAWAY_PG_DIR=$(mktemp -d "/tmp/interview-$1-pg.XXXXXX")
  chmod 755 "$THROWAWAY_PG_DIR"
  trap 'stop_cluster "$PG_CLUSTER_DIR"; rm -rf "$THROWAWAY_PG_DIR"' EXIT
  start_cluster "$THROWAWAY_PG_DIR" "$port" "${2:-}"
  export INTERVIEW_DB="Host=127.0.0.1;Port=$port;Database=interview;Username=postgres"
}
