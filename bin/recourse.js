#!/usr/bin/env node
// Entry point of `npx recourse`: runs the TypeScript CLI in one child node process with tsx's loader.
// SIGINT, SIGTERM and SIGHUP are forwarded to the child, so it never outlives the launcher, and the
// launcher exits with the child's status (128 + signal number when the child was killed by a signal).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const loader = import.meta.resolve('tsx');
const child = spawn(process.execPath, ['--import', loader, join(here, '..', 'src', 'cli', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on('error', (e) => {
  process.stderr.write(`recourse: could not start node: ${e.message}\n`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  if (signal === 'SIGINT') process.stderr.write('recourse: interrupted; run the same command again to resume from the cache\n');
  process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
});
