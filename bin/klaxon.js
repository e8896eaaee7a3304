#!/usr/bin/env node
// The `klaxon` command. The TypeScript is compiled on `npm ci` (the prepare script).
import { main } from '../dist/src/cli.js';

// `klaxon commands | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Exit explicitly: after a shutdown that gave up on a stuck connection, its handles must not keep the
// process alive (stdout and stderr are synchronous for files and pipes on Linux, so nothing is lost).
process.exit(await main(process.argv.slice(2)));
