import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cacheDir } from '../util/paths';
import { RecourseError } from '../util/errors';

/**
 * Runs `jobs` copies of this `recourse reproduce` invocation as child processes that share the cache and claim
 * groups of units dynamically (`--claim DIR`), so both cores work until the plan is done; resolves when all
 * have exited successfully. Signals received by the parent are forwarded to the children.
 */
export async function runJobs(argv: readonly string[], jobs: number, say?: (m: string) => void): Promise<void> {
  const claims = cacheDir('claims', `${process.pid}-${Date.now()}`);
  const children: ChildProcess[] = [];
  const forward = (sig: NodeJS.Signals) => children.forEach((c) => c.exitCode === null && c.kill(sig));
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, () => forward(s)] as const);
  handlers.forEach(([s, h]) => process.on(s, h));
  try {
    const codes = await Promise.all(Array.from({ length: jobs }, (_, i) => new Promise<number>((done) => {
      const args = [...process.execArgv, process.argv[1], 'reproduce', ...argv, '--claim', claims, '--json'];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, RECOURSE_JOB: String(i + 1) } });
      children.push(child);
      child.on('exit', (code, signal) => {
        say?.(`job ${i + 1}/${jobs} finished${signal ? ` by ${signal}` : code ? ` with exit code ${code}` : ''}`);
        done(code ?? 1);
      });
    })));
    const failed = codes.filter((c) => c !== 0).length;
    if (failed) throw new RecourseError(`${failed} of ${jobs} jobs failed (see their messages above); run the same command again to resume from the cache`);
  } finally {
    handlers.forEach(([s, h]) => process.off(s, h));
    rmSync(claims, { recursive: true, force: true });
  }
}
