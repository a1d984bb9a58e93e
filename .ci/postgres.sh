# Sourced by .ci/run: a throwaway PostgreSQL cluster for the *-pg test projects.
# Installs Debian's postgresql where absent, initialises a cluster in a temporary directory
# (initdb refuses root, so as root it runs as the `postgres` user), starts it on a free
# loopback port and exports TEST_DATABASE_URL. Stopped on exit.

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
  done | sort -V | tail -n 1
}

start_test_postgres() {
  local bindir
  bindir="$(pg_bindir)"
  if [ -z "$bindir" ]; then
    apt_install postgresql
    bindir="$(pg_bindir)"
  fi
  if [ -z "$bindir" ]; then
    echo "ci: PostgreSQL could not be installed" >&2
    return 1
  fi

  PG_CI_DIR="$(mktemp -d /tmp/starboard-ci-pg.XXXXXX)"
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  local as_owner=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_CI_DIR"
    as_owner=(runuser -u postgres --)
  fi
  PG_CI_CTL=("${as_owner[@]}" "$bindir/pg_ctl" -D "$PG_CI_DIR/data")
  "${as_owner[@]}" "$bindir/initdb" -D "$PG_CI_DIR/data" -A trust -U postgres -E UTF8 --no-sync >"$PG_CI_DIR/initdb.log" 2>&1 ||
    { cat "$PG_CI_DIR/initdb.log" >&2; return 1; }
  # Durability settings off: the cluster is thrown away after the run.
  "${PG_CI_CTL[@]}" -w -l "$PG_CI_DIR/server.log" \
    -o "-p $port -k $PG_CI_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$PG_CI_DIR/server.log" >&2; return 1; }
  trap 'stop_test_postgres' EXIT
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "ci: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port for the *-pg test projects"
}

stop_test_postgres() {
  [ -n "${PG_CI_DIR:-}" ] || return 0
  "${PG_CI_CTL[@]}" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_CI_DIR"
}
