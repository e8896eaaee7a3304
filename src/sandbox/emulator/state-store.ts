// Keeps the emulated workspace on disk so a restarted sandbox still has its channels, messages and files (the
// bot's Redis keeps the incidents that point at them), and each person's Home tab as the app last published it,
// as Slack keeps it. One JSON file for the records, one file per uploaded
// file's bytes; all private to the user (directories 0700, files 0600), each written whole then renamed in.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorState, StateSnapshot } from './emulator-state.js';

const RECORDS = 'workspace.json';
const FILES = 'files';
const FORMAT = 1;

function privateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

function writePrivate(path: string, data: string | Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data, { mode: 0o600 });
  renameSync(temporary, path);
}

const safeId = (id: string): boolean => /^[A-Z0-9]+$/.test(id);

export class StateStore {
  /** The bytes last written per file id, so each upload is written once. */
  private readonly written = new Map<string, Buffer>();
  private timer: NodeJS.Timeout | undefined;
  private stop: (() => void) | undefined;

  constructor(private readonly dir: string) {}

  /** Loads the stored workspace into `state`; false when there is none yet (a first start). */
  load(state: EmulatorState): boolean {
    const path = join(this.dir, RECORDS);
    if (!existsSync(path)) return false;
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { format?: number; state?: StateSnapshot };
    if (stored.format !== FORMAT || stored.state === undefined) throw new Error(`${path} is not an emulator workspace this version can read`);
    state.restore(stored.state, (id) => {
      const file = join(this.dir, FILES, id);
      if (!safeId(id) || !existsSync(file)) return undefined;
      const content = readFileSync(file);
      this.written.set(id, content);
      return content;
    });
    return true;
  }

  /** Saves after every change (coalesced over `delayMs`) until close(). */
  watch(state: EmulatorState, delayMs = 50): void {
    this.save(state);
    this.stop = state.onChange((change) => {
      if (change.kind === 'call' || this.timer !== undefined) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.save(state);
      }, delayMs);
    });
  }

  save(state: EmulatorState): void {
    privateDir(this.dir);
    privateDir(join(this.dir, FILES));
    for (const file of state.files) {
      if (file.content === undefined || this.written.get(file.id) === file.content || !safeId(file.id)) continue;
      writePrivate(join(this.dir, FILES, file.id), file.content);
      this.written.set(file.id, file.content);
    }
    writePrivate(join(this.dir, RECORDS), JSON.stringify({ format: FORMAT, state: state.snapshot() }));
  }

  /** Stops watching and writes what is pending. */
  close(state: EmulatorState): void {
    this.stop?.();
    this.stop = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.save(state);
  }
}
