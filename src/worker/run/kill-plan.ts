// How to stop a command and everything it started, per platform: a signal to its process group where
// groups exist, `taskkill /T` (the tree) on Windows — without /F first (a polite close), with /F to force.
// Pure, so the Windows branch is tested on Linux with an injected platform.

export type KillStep =
  | { readonly kind: 'signal-group'; readonly pgid: number; readonly signal: NodeJS.Signals }
  | { readonly kind: 'exec'; readonly argv: readonly [string, ...string[]] };

// The step for `signal` (SIGTERM: ask, SIGKILL: force) against the tree led by `pid`.
export function killPlan(platform: NodeJS.Platform, pid: number, signal: NodeJS.Signals): KillStep {
  if (platform !== 'win32') return { kind: 'signal-group', pgid: pid, signal };
  return { kind: 'exec', argv: ['taskkill', '/PID', String(pid), '/T', ...(signal === 'SIGKILL' ? ['/F'] : [])] };
}
