// The environment a command gets: a few harmless variables picked from the host, never Redis or Slack
// secrets (execa would otherwise pass the whole worker environment on).

const PASSED = ['PATH', 'HOME', 'LANG', 'TZ'] as const;
const PASSED_ON_WINDOWS = ['SYSTEMROOT'] as const;

const lookup = (env: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
};

// Picks the allowed variables from the host environment and pins Python's output encoding.
export function minimalEnv(
  hostEnv: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const names = platform === 'win32' ? [...PASSED, ...PASSED_ON_WINDOWS] : PASSED;
  const env: Record<string, string> = {};
  for (const name of names) {
    const value = lookup(hostEnv, name);
    if (value !== undefined) env[name] = value;
  }
  env['PATH'] ??= platform === 'win32' ? 'C:\\Windows\\System32' : '/usr/local/bin:/usr/bin:/bin';
  env['LANG'] ??= 'C.UTF-8';
  env['PYTHONIOENCODING'] = 'utf-8';
  env['PYTHONUNBUFFERED'] = '1';
  return env;
}
