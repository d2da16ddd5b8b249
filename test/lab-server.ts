/**
 * A throw-away JupyterLab server for the browser test: copies of the notebooks in a temp project (so
 * JupyterLab's autosave never touches notebooks/), the project's tslab kernel, token auth, a free port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the test looks for JupyterLab: RECOURSE_JUPYTER_LAB, else the venv made by scripts/install_jupyterlab.sh. */
export function jupyterLabBin(root: string): string {
  return process.env.RECOURSE_JUPYTER_LAB ?? join(root, '.venv-jupyterlab', 'bin', 'jupyter-lab');
}

/**
 * A temp project: notebooks/ holds copies of the notebooks and the `src` and `dist` links; src, dist,
 * node_modules and an empty figures/ sit beside it, so `./dist/...` imports and `../figures` paths work as in
 * the repository.
 */
export function tempProject(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-'));
  mkdirSync(join(dir, 'notebooks'));
  mkdirSync(join(dir, 'figures'));
  symlinkSync(join(root, 'src'), join(dir, 'src'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  symlinkSync(join(root, 'dist'), join(dir, 'dist'));
  symlinkSync('../src', join(dir, 'notebooks', 'src'));
  symlinkSync('../dist', join(dir, 'notebooks', 'dist'));
  for (const f of readdirSync(join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb'))) {
    copyFileSync(join(root, 'notebooks', f), join(dir, 'notebooks', f));
  }
  // Settings of this server only: every cell stays in the page (no windowing, no blank space past the end), no news pop-up.
  const settings = join(dir, '.lab', 'settings', '@jupyterlab');
  mkdirSync(join(settings, 'notebook-extension'), { recursive: true });
  mkdirSync(join(settings, 'apputils-extension'), { recursive: true });
  writeFileSync(join(settings, 'notebook-extension', 'tracker.jupyterlab-settings'), '{ "windowingMode": "none", "scrollPastEnd": false }');
  writeFileSync(join(settings, 'apputils-extension', 'notification.jupyterlab-settings'), '{ "fetchNews": "false", "checkForUpdates": false }');
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => ok(port));
      });
  });
}

export interface LabServer {
  url: string;
  token: string;
  dir: string;
  log: () => string;
  stop: () => Promise<void>;
}

/** Starts JupyterLab on 127.0.0.1 in `dir` with extra environment `env` (inherited by the kernels). */
export async function startLab(bin: string, dir: string, env: Record<string, string>): Promise<LabServer> {
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const args = [
    '--no-browser',
    '--ip=127.0.0.1',
    `--port=${port}`,
    '--ServerApp.port_retries=0',
    `--IdentityProvider.token=${token}`,
    `--ServerApp.root_dir=${dir}`,
    '--LabApp.expose_app_in_browser=True',
    '--LabApp.news_url=None',
    `--LabApp.user_settings_dir=${join(dir, '.lab', 'settings')}`,
    `--LabApp.workspaces_dir=${join(dir, '.lab', 'workspaces')}`,
  ];
  if (process.getuid?.() === 0) args.push('--allow-root');
  const proc: ChildProcess = spawn(bin, args, {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JUPYTER_CONFIG_DIR: join(dir, '.lab', 'config'), JUPYTER_RUNTIME_DIR: join(dir, '.lab', 'runtime'), ...env },
  });
  let log = '';
  proc.stdout!.on('data', (b) => (log += b));
  proc.stderr!.on('data', (b) => (log += b));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (proc.exitCode !== null) return;
    const exited = new Promise((ok) => proc.once('exit', ok));
    proc.kill('SIGTERM');
    const t = setTimeout(() => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 10_000);
    await exited;
    clearTimeout(t);
  };
  for (const t0 = Date.now(); ;) {
    if (proc.exitCode !== null) throw new Error(`JupyterLab exited with code ${proc.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/api/status?token=${token}`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - t0 > 60_000) {
      await stop();
      throw new Error(`JupyterLab did not answer within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, token, dir, log: () => log, stop };
}
