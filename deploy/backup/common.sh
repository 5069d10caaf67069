# Sourced by receptivo-backup and receptivo-restore (docs/deploy.md, "Backups").
# shellcheck shell=bash

# The installed application: this file is in <app>/deploy/backup.
APP_DIR=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# Inside every archive: what it holds (kind=embedded or kind=dump), when, from which version.
MANIFEST=receptivo-backup.txt
# DATA_DIR's files that the database does not hold and a restored server needs: the token and
# queued-mail secret (JWT_SECRET unset), and the mail written as files (SMTP_URL unset). Not
# initial-credentials.txt (first passwords in clear text, meant to be read once) nor attachments/
# (an earlier version's files, copied into the database at start).
DATA_DIR_FILES=(jwt-secret mail)

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# KEY's value in a systemd environment file: its last KEY=value line, quotes around the value removed.
env_file_value() {
  local file=$1 key=$2
  [ -r "$file" ] || return 0
  sed -n "s/^[[:space:]]*$key[[:space:]]*=[[:space:]]*//p" "$file" | tail -n 1 | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'$/\1/"
}

# DATA_DIR and DATABASE_URL as the server has them: from the environment (the systemd units set
# it), else from the server's environment file (RECEPTIVO_ENV_FILE, default /etc/receptivo/receptivo.env).
load_settings() {
  local file=${RECEPTIVO_ENV_FILE:-/etc/receptivo/receptivo.env}
  DATA_DIR=${DATA_DIR:-$(env_file_value "$file" DATA_DIR)}
  DATABASE_URL=${DATABASE_URL:-$(env_file_value "$file" DATABASE_URL)}
  [ -n "$DATA_DIR" ] || die "DATA_DIR is not set: set it, or RECEPTIVO_ENV_FILE to the server's environment file"
}

# A PostgreSQL client tool (pg_dump, pg_restore, psql): from RECEPTIVO_PG_BIN when set, else the
# newest of Debian's /usr/lib/postgresql/<version>/bin, else PATH. pg_dump refuses a server newer
# than itself: the tools must be at least the server's major version.
pg_tool() {
  local name=$1 dir
  if [ -n "${RECEPTIVO_PG_BIN:-}" ]; then
    [ -x "$RECEPTIVO_PG_BIN/$name" ] || die "$RECEPTIVO_PG_BIN/$name not found (RECEPTIVO_PG_BIN)"
    echo "$RECEPTIVO_PG_BIN/$name"
    return
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/$name" ]; then
      echo "$dir/$name"
      return
    fi
  done
  command -v "$name" || die "$name not found: install PostgreSQL's client tools, at least the server's version, or set RECEPTIVO_PG_BIN to their folder"
}
