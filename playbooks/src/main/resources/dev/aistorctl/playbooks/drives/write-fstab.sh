# Replaces /etc/fstab with the text on stdin, atomically (a temporary file in /etc, then rename),
# keeping its owner and mode, and only if the file is still the one the plan was made from
# (argument 1: its SHA-256): an edit made meanwhile is never overwritten.
export LC_ALL=C
f=/etc/fstab
printf '%s  %s\n' "$1" "$f" | sha256sum -c --status || { echo "$f changed since the plan; plan again" >&2; exit 9; }
tmp=$(mktemp /etc/.fstab.aistorctl.XXXXXX) || exit 70
trap 'rm -f "$tmp"' EXIT
cat >"$tmp" || exit 71
chown --reference="$f" "$tmp" && chmod --reference="$f" "$tmp" || exit 72
sync "$tmp" 2>/dev/null
mv -f "$tmp" "$f" || exit 73
trap - EXIT
# systemd makes mount units from fstab; without a reload it would mount from the old file.
systemctl daemon-reload 2>/dev/null
exit 0
