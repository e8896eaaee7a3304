#!/usr/bin/env node
// The `klaxon` command. The TypeScript is compiled on `npm ci` (the prepare script).
import { main } from '../dist/src/cli.js';

process.exitCode = await main(process.argv.slice(2));
