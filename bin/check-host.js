#!/usr/bin/env node
// `npm run check:host -- <dir>`: every read-only catalogue entry against a backtest checkout, as a table.
// BACKTEST_PYTHON picks the interpreter (default python3).
import { catalogue } from '../dist/commands/index.js';
import { checkHostCli } from '../dist/src/worker/cli/check-host-cli.js';

process.exit(
  await checkHostCli(process.argv.slice(2), process, {
    catalogue,
    python: process.env.BACKTEST_PYTHON || 'python3',
    hostEnv: process.env,
    now: Date.now,
  }),
);
