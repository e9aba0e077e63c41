#!/bin/sh
# Supervises one lab host the way systemd-nspawn@.service does with RestartForceExitStatus=133:
# a reboot inside the container ends systemd-nspawn with status 133 and the host boots again;
# any other end (poweroff, kill, a failure) stops the host. A VM host's QEMU handles a reboot
# inside itself and only ever exits on poweroff. Runs detached from whoever started it, inside the
# host's own cgroup, so down can find and end everything the host ever ran.
# Arguments: the host's directory (holding host.args, the program and its arguments one a line)
# and the host's cgroup directory.
dir="$1"
cg="$2"
echo $$ >"$cg/cgroup.procs" || exit 1
echo $$ >"$dir/supervisor.pid"
set --
while IFS= read -r arg; do set -- "$@" "$arg"; done <"$dir/host.args"
while :; do
  "$@" &
  echo $! >"$dir/host.pid"
  wait $!
  rc=$?
  echo "lab supervisor: $1 exited with status $rc at $(date -u +%FT%TZ)"
  if [ "$rc" -ne 133 ] || [ -e "$dir/stop" ]; then
    break
  fi
done
rm -f "$dir/host.pid" "$dir/supervisor.pid"
