# Sourced by scripts/test (and usable by hand: `source scripts/test-servers.sh; start_test_servers`).
#
# Starts, in a private temporary folder, everything the tests talk to:
#   - a plain PostgreSQL 15 cluster (no TLS), loopback only, a free port, a random password;
#   - a second cluster with TLS on, using a certificate authority and server certificate made
#     with openssl for this run (the certificate names `localhost`, not 127.0.0.1);
#   - PgBouncer in transaction pooling mode in front of the plain cluster;
#   - a third, plain cluster that the reconnect tests restart (so no other test loses its server).
# Exports their URLs as PERSIST_TEST_DATABASE_URL, PERSIST_TEST_TLS_URL (+ PERSIST_TEST_TLS_CA) and
# PERSIST_TEST_PGBOUNCER_URL, PERSIST_TEST_RESTART_URL (+ PERSIST_TEST_RESTART_DATA). `stop_test_servers` stops them and removes the folder.

find_pg_bin() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
  fi
  for dir in /usr/lib/postgresql/*/bin /usr/local/pgsql/bin /opt/homebrew/bin /usr/local/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
  done
  return 1
}

install_missing() {
  local missing=()
  find_pg_bin >/dev/null || missing+=(postgresql-15)
  command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  # The migration tests run `persist migrate --sql` scripts with the sqlite3 shell (and psql).
  command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
  # Headless Chromium renders the SVG charts in the tests (python3 reads its screenshots).
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  # wrk drives `persist serve` with hundreds of keep-alive connections in the load tests.
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  # python-dotenv is the oracle the .env reader is tested against; schemathesis fuzzes `persist
  # serve` against its OpenAPI document (both from PyPI).
  python3 -c 'import dotenv' 2>/dev/null || python3 -m pip install -q python-dotenv >&2 || true
  command -v st >/dev/null 2>&1 || python3 -m pip install -q schemathesis==4.32.5 >&2 || true
  [ ${#missing[@]} -eq 0 ] && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "scripts/test: installing ${missing[*]} with apt-get" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "scripts/test: missing ${missing[*]}; install PostgreSQL 15 server, PgBouncer, OpenSSL, SQLite's shell, Chromium, wrk and Python 3 (Debian: apt-get install postgresql-15 pgbouncer openssl sqlite3 chromium wrk python3)" >&2
    return 1
  fi
}

# A port below Linux's ephemeral range (32768-60999), so no outgoing connection holds it.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "scripts/test: no free port found" >&2
  return 1
}

# Runs a command as the server's OS user: PostgreSQL and PgBouncer refuse to run as root.
as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_cluster() { # name [extra server options...]; sets CLUSTER_PORT
  local name="$1" attempt; shift
  as_server "$PG_BIN/initdb" -D "$TEST_SERVERS/$name" -U persist --pwfile="$TEST_SERVERS/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C >"$TEST_SERVERS/$name-initdb.log" 2>&1 \
    || { cat "$TEST_SERVERS/$name-initdb.log" >&2; return 1; }
  # A free-looking port can still be taken in the meantime: try a few.
  for attempt in 1 2 3 4 5; do
    CLUSTER_PORT="$(free_port)" || return 1
    if as_server "$PG_BIN/pg_ctl" -D "$TEST_SERVERS/$name" -l "$TEST_SERVERS/$name.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $CLUSTER_PORT -k $TEST_SERVERS -c max_connections=400 -c fsync=off $*" start >/dev/null; then
      return 0
    fi
  done
  cat "$TEST_SERVERS/$name.log" >&2
  return 1
}

make_certificates() {
  local dir="$TEST_SERVERS/certs"
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=persist test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$dir/server.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
    -extfile "$dir/server.ext" -out "$dir/server.crt" >/dev/null 2>&1
  chmod 600 "$dir/server.key"
  [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
  chmod 644 "$dir/ca.crt"
}

start_pgbouncer() { # listen-port server-port
  local bin
  bin="$(command -v pgbouncer || echo /usr/sbin/pgbouncer)"
  printf '"persist" "%s"\n' "$PASSWORD" > "$TEST_SERVERS/userlist.txt"
  cat > "$TEST_SERVERS/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$2
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $1
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $TEST_SERVERS/userlist.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
; A failed server login (the server momentarily full) blocks the pool for this many seconds.
server_login_retry = 1
; Idle server connections go back soon, so pools of finished tests do not fill the server.
server_idle_timeout = 15
ignore_startup_parameters = extra_float_digits,options
logfile = $TEST_SERVERS/pgbouncer.log
pidfile = $TEST_SERVERS/pgbouncer.pid
INI
  [ "$(id -u)" = 0 ] && chown postgres "$TEST_SERVERS/userlist.txt" "$TEST_SERVERS/pgbouncer.ini"
  # runuser's session starts with 1,024 descriptors; every test database is a pool of up to 20 server
  # connections, so under the parallel pass PgBouncer ran out, stopped accepting and clients timed out.
  as_server sh -c 'ulimit -n "$(ulimit -Hn)"; exec "$0" -d "$1"' "$bin" "$TEST_SERVERS/pgbouncer.ini" || { cat "$TEST_SERVERS/pgbouncer.log" >&2; return 1; }
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "scripts/test: PgBouncer did not start" >&2
  cat "$TEST_SERVERS/pgbouncer.log" >&2
  return 1
}

start_test_servers() {
  install_missing || return 1
  PG_BIN="$(find_pg_bin)" || return 1
  TEST_SERVERS="$(mktemp -d "${TMPDIR:-/tmp}/persist-servers.XXXXXX")"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$TEST_SERVERS" postgres
    chown postgres "$TEST_SERVERS"
  fi
  PASSWORD="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$PASSWORD" > "$TEST_SERVERS/pwfile"
  chmod 600 "$TEST_SERVERS/pwfile"
  [ "$(id -u)" = 0 ] && chown postgres "$TEST_SERVERS/pwfile"

  local plain_port tls_port bouncer_port restart_port
  start_cluster plain || return 1
  plain_port="$CLUSTER_PORT"
  make_certificates || return 1
  start_cluster tls "-c ssl=on -c ssl_cert_file=$TEST_SERVERS/certs/server.crt -c ssl_key_file=$TEST_SERVERS/certs/server.key" || return 1
  tls_port="$CLUSTER_PORT"
  bouncer_port="$(free_port)" && start_pgbouncer "$bouncer_port" "$plain_port" || return 1
  start_cluster restart || return 1
  restart_port="$CLUSTER_PORT"
  rm -f "$TEST_SERVERS/pwfile"

  # The first pass runs every test at once on a machine of two cores (load around 30): a new
  # connection, a PgBouncer pool's first server login included, may take longer than the default 10 s
  # (seen: 3 s locally, over 10 s in CI), and a pool waits for the connection it is making.
  export PERSIST_TEST_DATABASE_URL="postgresql://persist:$PASSWORD@127.0.0.1:$plain_port/postgres?sslmode=disable&connect_timeout=30&pool_timeout=30"
  export PERSIST_TEST_TLS_URL="postgresql://persist:$PASSWORD@localhost:$tls_port/postgres"
  export PERSIST_TEST_TLS_CA="$TEST_SERVERS/certs/ca.crt"
  export PERSIST_TEST_PGBOUNCER_URL="postgresql://persist:$PASSWORD@127.0.0.1:$bouncer_port/postgres?sslmode=disable&connect_timeout=30&pool_timeout=30"
  export PERSIST_TEST_RESTART_URL="postgresql://persist:$PASSWORD@127.0.0.1:$restart_port/postgres?sslmode=disable"
  export PERSIST_TEST_RESTART_DATA="$TEST_SERVERS/restart"
  export PERSIST_TEST_PG_CTL="$PG_BIN/pg_ctl"
  export PERSIST_TEST_REQUIRE_POSTGRES=1
  echo "scripts/test: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') plain on :$plain_port, TLS on :$tls_port, PgBouncer on :$bouncer_port" >&2
}

# Prints what the servers logged beyond the expected (a test's deliberate errors and kills), so a
# failed run shows why a connection was refused.
print_server_trouble() {
  [ -n "${TEST_SERVERS:-}" ] || return 0
  local expected="terminating connection due to administrator command|got packet 'E' from server when not linked|server conn crashed|password authentication failed|does not exist"
  echo "scripts/test: unexpected lines in the servers' logs (last 40 of each):" >&2
  grep -E "FATAL|PANIC|too many" "$TEST_SERVERS/plain.log" 2>/dev/null | grep -vE "$expected" | tail -40 >&2 || true
  grep -iE "ERROR|WARNING|too many|accept|max_client_conn|login failed|server login" "$TEST_SERVERS/pgbouncer.log" 2>/dev/null \
    | grep -vE "$expected" | tail -40 >&2 || true
  echo "scripts/test: PgBouncer's last statistics:" >&2
  grep -E "stats:" "$TEST_SERVERS/pgbouncer.log" 2>/dev/null | tail -5 >&2 || true
}

stop_test_servers() {
  [ -n "${TEST_SERVERS:-}" ] || return 0
  [ -f "$TEST_SERVERS/pgbouncer.pid" ] && kill "$(cat "$TEST_SERVERS/pgbouncer.pid")" 2>/dev/null
  for name in plain tls restart; do
    [ -d "$TEST_SERVERS/$name" ] && as_server "$PG_BIN/pg_ctl" -D "$TEST_SERVERS/$name" -m immediate stop >/dev/null 2>&1
  done
  rm -rf "$TEST_SERVERS"
}
