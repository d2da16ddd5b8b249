#!/usr/bin/env node
// Entry point of `npx recourse`: runs the TypeScript CLI in one child node process with tsx's loader.
// SIGINT, SIGTERM and SIGHUP are forwarded to the child, so it never outlives the launcher, and the
// launcher exits with the child's status (128 + signal number when the child was killed by a signal). A
// launcher killed outright (SIGKILL) cannot forward anything: the child then sees its parent change
// (RECOURSE_LAUNCHER_PID, src/cli/main.ts) and stops itself.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const loader = import.meta.resolve('tsx');
// RECOURSE_ROOT tells the CLI where its checkout is (its worker threads, WebAssembly file and default cache live
// there), so it runs from any working directory
const child = spawn(process.execPath, ['--import', loader, join(here, '..', 'src', 'cli', 'main.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, RECOURSE_ROOT: join(here, '..'), RECOURSE_LAUNCHER_PID: String(process.pid) },
});

const forward = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));

/** The parent of a process (Linux /proc), or 0 when it cannot be read. */
function parentOf(pid) {
  try {
    return (
      Number(
        readFileSync(`/proc/${pid}/stat`, 'utf8')
          .replace(/^.*\) /s, '')
          .split(' ')[1],
      ) || 0
    );
  } catch {
    return 0;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

// npx starts the launcher through a shell that does not pass signals on: when npm or that shell goes away,
// stop as if SIGTERM had been passed on (only under npm, so `nohup recourse ... &` still outlives its shell)
if (process.env.npm_command) {
  const parent = process.ppid;
  const npm = parentOf(parent);
  setInterval(() => (process.ppid !== parent || (npm > 1 && !alive(npm))) && forward('SIGTERM'), 300).unref();
}

child.on('error', (e) => {
  process.stderr.write(`recourse: could not start node: ${e.message}\n`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  if (signal === 'SIGINT') process.stderr.write('recourse: interrupted; run the same command again to resume from the cache\n');
  process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
});
