// Starts a floor target (bare node:http or the minimal Bolt app) in a process of its own, with the same V8
// flags as the bot's, from the checkout's built files as the bot is.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { BOT_NODE_FLAGS } from './spawn-bot.js';
import { stopProcess } from './start-bench-klaxon.js';

export interface FloorTarget {
  readonly url: string;
  readonly pid: number;
  /** Its full (mark-compact) garbage collections so far. */
  majorGcs(): Promise<number>;
  stop(): Promise<void>;
}

export async function spawnFloorTarget(kind: 'bare' | 'bolt', signingSecret: string): Promise<FloorTarget> {
  const child = spawn(process.execPath, [...BOT_NODE_FLAGS, 'dist/bench/serve-floor-target.js', kind], {
    env: { PATH: process.env['PATH'] ?? '', FLOOR_SIGNING_SECRET: signingSecret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = once(lines, 'line') as Promise<[string]>;
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`bench: the ${kind} floor target exited with ${String(code)} before it listened`);
  });
  exited.catch(() => undefined);
  const [url] = await Promise.race([first, exited]);
  const majorGcs = async () => {
    const answer = once(lines, 'line') as Promise<[string]>;
    child.kill('SIGUSR2');
    const [line] = await answer;
    return Number(/^majors (\d+)$/.exec(line)?.[1] ?? Number.NaN);
  };
  return {
    url,
    pid: child.pid as number,
    majorGcs,
    stop: async () => {
      lines.close();
      await stopProcess(child);
    },
  };
}
