// A failed test prints what klaxon logged while it ran (test/support/log-ring.ts).
import { beforeEach } from 'vitest';
import { takeLogLines } from './support/log-ring.js';

beforeEach(({ task, onTestFailed }) => {
  // The first test of a file also shows what its beforeAll started.
  if (task.suite?.tasks[0] !== task) takeLogLines();
  onTestFailed(() => {
    const lines = takeLogLines();
    if (lines.length > 0) process.stderr.write(`\n--- klaxon's log during "${task.name}" (last ${lines.length} lines) ---\n${lines.join('\n')}\n---\n`);
  });
});
