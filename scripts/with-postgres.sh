#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server, then stop the server and delete its data.
#
#   scripts/with-postgres.sh .venv/bin/pytest -x
#
# The server listens on a free port on 127.0.0.1 only, runs with fsync=off (test data is thrown
# away), and lives in a fresh directory under ${TMPDIR:-/tmp}. The command runs with
#   DB=postgres DB_HOST=127.0.0.1 DB_PORT=<port> DB_USER=postgres DB_NAME=gronnpraksis
# (and PGHOST/PGPORT/PGUSER for psql) exported; the database DB_NAME exists and is empty.
# The script exits with the command's exit status.
#
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user
# (runuser); as any other user it runs as that user. If the server binaries are missing and we
# are root, `apt-get install postgresql` brings them (Debian/Ubuntu).
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

say() { echo "with-postgres: $*" >&2; }
die() { say "$*"; exit 1; }

find_pg_bin() {
    local initdb dir
    if initdb=$(command -v initdb 2>/dev/null); then
        dirname "$(readlink -f "$initdb")"
        return 0
    fi
    # Debian/Ubuntu keep the server binaries off PATH; take the newest version.
    dir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"
        return 0
    fi
    return 1
}

if ! PGBIN=$(find_pg_bin); then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "PostgreSQL server binaries not found; installing them with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=120 postgresql >/dev/null
        PGBIN=$(find_pg_bin) || die "apt-get installed postgresql but initdb is still not found"
    else
        die "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin.
  Install the PostgreSQL server (Debian/Ubuntu: sudo apt-get install postgresql) and try again."
    fi
fi

# Run the server tools as `postgres` when we are root (the server refuses root), else as ourselves.
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user to run the server"
    RUNUSER=$(PATH="$PATH:/usr/sbin:/sbin" command -v runuser) || die "runuser (util-linux) not found"
    # From / so that a working directory `postgres` may not enter does not cause warnings.
    as_pg() { (cd / && "$RUNUSER" -u postgres -- "$@"); }
else
    as_pg() { "$@"; }
fi

free_port() {
    local py
    for py in python3 "${BASH_SOURCE[0]%/*}/../.venv/bin/python" python; do
        if command -v "$py" >/dev/null 2>&1; then
            "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
                && return 0
        fi
    done
    # No Python at all: pick a random high port and hope (checked by pg_ctl start below).
    echo $((20000 + RANDOM % 20000))
}

PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/gronnpraksis-pg.XXXXXX")
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    if [ -f "$PGDIR/data/postmaster.pid" ]; then
        as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PGDIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# mktemp makes a 0700 directory owned by us; the server user must own it.
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PGDIR"; fi

as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 >"$PGDIR/initdb.log" 2>&1 \
    || { cat "$PGDIR/initdb.log" >&2; die "initdb failed"; }

# A free port can be taken between asking and binding: try a few times.
started=
for _ in 1 2 3; do
    PORT=$(free_port)
    if as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 start \
        -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        >/dev/null 2>&1; then
        started=1
        break
    fi
done
[ -n "$started" ] || { cat "$PGDIR/server.log" >&2 2>/dev/null || true; die "PostgreSQL did not start"; }

export DB=postgres DB_HOST=127.0.0.1 DB_PORT="$PORT" DB_USER=postgres DB_PASSWORD="" DB_NAME=gronnpraksis
export PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER=postgres

as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB_NAME" \
    || die "could not create database $DB_NAME"

say "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (data in $PGDIR, removed on exit)"

# Not exec: the EXIT trap must stop the server. With set -e a failing command ends the script
# with its own status.
status=0
"$@" || status=$?
exit "$status"
