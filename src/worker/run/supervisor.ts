// A command's process tree must not outlive its worker. Each command runs under a tiny supervisor: a POSIX
// shell that leads the command's process group and holds a pipe from the worker on its stdin. When the worker
// dies (even by kill -9) the kernel closes that pipe; the supervisor's watcher reads end-of-file and stops the
// whole group, SIGTERM then SIGKILL. The worker's own timeout and cancel still signal the group, which the
// supervisor belongs to, so nothing else changes. A shell, not a second node: it starts in milliseconds.
//
// A background job's stdin is /dev/null in a non-interactive shell, so the watcher gets the pipe as fd 4;
// the watcher ignores the TERM it sends the group, or it would die before its SIGKILL.
// $1 is the grace in seconds, then the command. The shell traps TERM/INT/HUP with a handler (not ignore, so
// the command starts with default dispositions) to outlive them and report how the command ended; a start
// failure goes to fd 3 so the worker tells it apart from a command that exited 127.
const SCRIPT = `
grace=$1; shift
unset PWD
if ! command -v "$1" >/dev/null 2>&1; then printf '%s: not found' "$1" >&3; exit 127; fi
trap : TERM INT HUP
exec 4<&0
( trap '' TERM INT HUP; while read -r _; do :; done; kill -TERM 0; sleep "$grace"; kill -KILL 0 ) <&4 >/dev/null 2>&1 3>&- 4<&- &
watcher=$!
"$@" </dev/null 3>&- 4<&- &
child=$!
while :; do
  wait "$child"; status=$?
  kill -0 "$child" 2>/dev/null || break
done
kill "$watcher" 2>/dev/null
if [ "$status" -gt 128 ]; then trap - TERM INT HUP; kill -$((status - 128)) $$; fi
exit "$status"
`;

/** Whether commands run under the supervisor here (process groups are POSIX; Windows has its own kill plan). */
export const supervises = (platform: NodeJS.Platform = process.platform): boolean => platform !== 'win32';

/** The argv that runs `file args` under the supervisor, stopping the group `graceMs` after SIGTERM on worker death. */
export function supervisedArgv(file: string, args: readonly string[], graceMs: number): [string, string[]] {
  return ['/bin/sh', ['-c', SCRIPT, 'klaxon-supervisor', (Math.max(graceMs, 0) / 1000).toFixed(3), file, ...args]];
}
