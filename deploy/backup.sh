#!/bin/sh
# Dump the database to $BACKUP_DIR/gronnpraksis-<UTC time>.dump (pg_dump custom format: compressed,
# restorable with pg_restore, table by table if need be) and delete dumps older than $BACKUP_KEEP_DAYS
# days. Run by gronnpraksis-backup.service as the postgres user; see docs/deploy.md, "Backups".
set -eu
: "${BACKUP_DIR:=/var/backups/gronnpraksis}" "${BACKUP_KEEP_DAYS:=30}" "${DB_NAME:=gronnpraksis}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$BACKUP_DIR/gronnpraksis-$stamp.dump"
# Written under a temporary name first: a half-written dump never looks like a backup.
pg_dump --format=custom --no-owner --file="$target.partial" "$DB_NAME"
mv "$target.partial" "$target"
find "$BACKUP_DIR" -name 'gronnpraksis-*.dump' -mtime +"$BACKUP_KEEP_DAYS" -delete
echo "backup: $target ($(du -h "$target" | cut -f1))"
