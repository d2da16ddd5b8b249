import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cacheDir } from '../util/paths';
import { RecourseError } from '../util/errors';

/**
 * Runs `jobs` copies of this `recourse reproduce` invocation as child processes that share the cache and claim
 * groups of units dynamically (`--claim DIR`), so both cores work until the plan is done; resolves when all
 * have exited successfully, with each job's seconds per stage (from its JSON report). Signals received by the parent are forwarded to the children; when they have
 * stopped, the parent ends by the same signal.
 */
export async function runJobs(argv: readonly string[], jobs: number, say?: (m: string) => void): Promise<Record<string, number>[]> {
  const claims = cacheDir('claims', `${process.pid}-${Date.now()}`);
  const children: ChildProcess[] = [];
  const stages: Record<string, number>[] = [];
  let received: NodeJS.Signals | null = null;
  const forward = (sig: NodeJS.Signals) => {
    received ??= sig;
    children.forEach((c) => c.exitCode === null && c.kill(sig));
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, () => forward(s)] as const);
  handlers.forEach(([s, h]) => process.on(s, h));
  try {
    const codes = await Promise.all(
      Array.from(
        { length: jobs },
        (_, i) =>
          new Promise<number>((done) => {
            const args = [...process.execArgv, process.argv[1], 'reproduce', ...argv, '--claim', claims, '--json'];
            // the job's watchdog (main.ts) checks that its parent is this process: a coordinator killed outright (SIGKILL)
            // takes its jobs with it, and a job started under the launcher never takes the coordinator for a dead launcher
            const child = spawn(process.execPath, args, {
              stdio: ['ignore', 'pipe', 'inherit'],
              env: { ...process.env, RECOURSE_JOB: String(i + 1), RECOURSE_LAUNCHER_PID: String(process.pid) },
            });
            children.push(child);
            let out = '';
            child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
            child.on('exit', () => stages.push(jobStages(out)));
            child.on('exit', (code, signal) => {
              say?.(`job ${i + 1}/${jobs} finished${signal ? ` by ${signal}` : code ? ` with exit code ${code}` : ''}`);
              done(code ?? 1);
            });
          }),
      ),
    );
    const failed = codes.filter((c) => c !== 0).length;
    if (failed && !received)
      throw new RecourseError(`${failed} of ${jobs} jobs failed (see their messages above); run the same command again to resume from the cache`);
  } finally {
    handlers.forEach(([s, h]) => process.off(s, h));
    rmSync(claims, { recursive: true, force: true });
  }
  // stopped by a signal: end the same way a single process would (the launcher then says how to resume)
  if (received) {
    process.kill(process.pid, received);
    await new Promise(() => undefined); // the signal ends the process
  }
  return stages;
}

/** A job's seconds per stage from the JSON object it printed ({} when it printed none). */
function jobStages(stdout: string): Record<string, number> {
  try {
    const s = JSON.parse(stdout.trim().split('\n').pop() ?? '').stageSeconds;
    return s && typeof s === 'object' ? s : {};
  } catch {
    return {};
  }
}
