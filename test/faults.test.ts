/**
 * The fault suite: hostile inputs (bad flags and environment variables, malformed data files, corrupt or
 * unwritable caches, concurrent writers, signals), through the real command line in a temp folder, with the
 * exact behaviour asserted: exit code, one line naming the thing and the fix, no stack trace, no temp file
 * left behind, and for cache faults a correct result after recovery.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './helpers';

interface Run {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs `recourse ...args` (src/cli/main.ts through tsx) with a clean environment plus `env`. */
function recourse(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const base = { ...process.env, RECOURSE_DATA_DIR: undefined, RECOURSE_CACHE_DIR: undefined, RECOURSE_QUIET: undefined };
  return collect(spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...base, ...env } }));
}

function collect(child: ReturnType<typeof spawn>): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b) => (stdout += b));
  child.stderr!.on('data', (b) => (stderr += b));
  return new Promise((ok) => child.on('close', (code, signal) => ok({ code, signal, stdout, stderr })));
}

/** Runs tasks at most `n` at a time (the machine has two cores). */
async function pool<T>(n: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

/** Exit 1 with exactly one stderr line `recourse: ...` matching `re`, and no stack trace. */
function assertFails(r: Run, re: RegExp, what = ''): void {
  const lines = r.stderr.trim().split('\n');
  assert.equal(r.code, 1, `${what}: exit code ${r.code}; stderr: ${r.stderr}`);
  assert.equal(lines.length, 1, `${what}: one line expected, got:\n${r.stderr}`);
  assert.match(lines[0], /^recourse: /);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at |Error:/, `${what}: no stack trace`);
  assert.match(lines[0], re, what);
}

/** Files anywhere under `dir` whose names mark an unfinished write. */
function strayTemps(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(tmp|part)$/.test(f));
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** A seeded 3-feature dataset `tiny` (label = a + b > 1) described by tiny.spec.json; returns the folder. */
function tinyData(files: Record<string, string> = {}): string {
  let s = 7;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = (n: number) =>
    Array.from({ length: n }, () => {
      const [a, b, c] = [rnd(), rnd(), rnd()].map((v) => v.toFixed(3));
      return `${a},${b},${c},${Number(a) + Number(b) > 1 ? 1 : 0}`;
    });
  const dir = tempDir('faults-data-');
  const all: Record<string, string> = {
    'tiny.spec.json': JSON.stringify({ label: 'y', features: ['a', 'b', 'c'], immutable: ['c'] }),
    'tiny-train.csv': ['a,b,c,y', ...rows(80)].join('\n') + '\n',
    'tiny-test.csv': ['a,b,c,y', ...rows(20)].join('\n') + '\n',
    ...files,
  };
  for (const [name, text] of Object.entries(all)) writeFileSync(join(dir, name), text);
  return dir;
}

const TRAIN_TINY = ['train', '--dataset', 'tiny', '--epochs', '20', '--json'];

test('a cell outside the float32 range is refused with file, line and column; nothing is trained or cached', async () => {
  const dir = tinyData();
  const train = readFileSync(join(dir, 'tiny-train.csv'), 'utf8').split('\n');
  train[3] = '0.5,1e308,0.5,1';
  writeFileSync(join(dir, 'tiny-train.csv'), train.join('\n'));
  const cache = tempDir('faults-cache-');
  const r = await recourse(TRAIN_TINY, { RECOURSE_DATA_DIR: dir, RECOURSE_CACHE_DIR: cache });
  assertFails(
    r,
    new RegExp(`^recourse: ${join(dir, 'tiny-train.csv')}, line 4, column 2 \\('b'\\): '1e308' is outside the float32 range \\(\\|v\\| ≤ 3\\.4e38\\)\\. Fix `),
  );
  assert.deepEqual(filesIn(join(cache, 'models')), []);
  const { loadDataset } = await import('../src/data');
  for (const v of ['1e39', '-3.5e38']) {
    await assert.rejects(
      loadDataset('tiny', { dataDir: tinyData({ 'tiny-test.csv': `a,b,c,y\n${v},0.5,0.5,1\n` }) }),
      new RegExp(`'${v.replace(/[.-]/g, '\\$&')}' is outside the float32 range`),
    );
  }
  const ok = await loadDataset('tiny', { dataDir: tinyData({ 'tiny-test.csv': 'a,b,c,y\n3.4e38,0.5,-3.4e38,1\n1e-50,0.2,0.1,0\n' }) });
  assert.equal(ok.test.x.rows, 2, 'values at the float32 limit and tiny ones load');
});

test('a run whose loss becomes NaN stops with "training diverged" and saves nothing', async () => {
  const cache = tempDir('faults-cache-');
  const r = await recourse(
    [
      'train',
      '--dataset',
      'synthetic',
      '--model',
      'mlp',
      '--optimizer',
      'sgd',
      '--learning-rate',
      '100',
      '--depth',
      '6',
      '--width',
      '32',
      '--epochs',
      '1',
      '--json',
    ],
    { RECOURSE_CACHE_DIR: cache },
  );
  assertFails(r, /^recourse: training diverged \(mlp on synthetic, ε = 0\): the loss became NaN at epoch 1; lower --learning-rate or check the data$/);
  assert.equal(r.stdout, '');
  assert.deepEqual(filesIn(join(cache, 'models')), [], 'no model file');
});

test('theory: when every test point is predicted positive, one line names the model and the remedy, with no stack trace', async () => {
  // almost every label is 1, so the ε = 1 model predicts every test point positive: no factuals are left
  const dir = tinyData();
  let k = 0;
  for (const part of ['train', 'test']) {
    const f = join(dir, `tiny-${part}.csv`);
    writeFileSync(
      f,
      readFileSync(f, 'utf8').replace(/,[01]$/gm, () => (k++ % 10 === 0 ? ',0' : ',1')),
    );
  }
  const r = await recourse(['theory', '--dataset', 'tiny', '--model', 'lr', '--eps', '1', '--n', '5', '--no-cchvae', '--json'], {
    RECOURSE_DATA_DIR: dir,
    RECOURSE_CACHE_DIR: tempDir(),
  });
  assertFails(
    r,
    /^recourse: no test point needs a recourse: the .+ predicts every test point positive \(positive rate 100\.0% of \d+ test points\); use a smaller ε or another dataset/,
  );
  assert.equal(r.stdout, '');
});

test('a changed test file is a different cache entry: train and explain report the metrics of the new file', async () => {
  const dir = tinyData();
  const env = { RECOURSE_DATA_DIR: dir, RECOURSE_CACHE_DIR: tempDir('faults-cache-') };
  const explain = ['explain', '--dataset', 'tiny', '--n', '3', '--json'];
  const both = async () =>
    (await pool(2, [() => recourse(TRAIN_TINY, env), () => recourse(explain, env)])).map((r) => {
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout);
    });
  const [trained, explained] = await both();
  const again = JSON.parse((await recourse(TRAIN_TINY, env)).stdout);
  assert.deepEqual([trained.fromCache, again.fromCache, again.accuracy], [false, true, trained.accuracy]);
  const test = join(dir, 'tiny-test.csv');
  writeFileSync(
    test,
    readFileSync(test, 'utf8').replace(/,([01])$/gm, (_, y) => `,${1 - Number(y)}`),
  );
  const [flipped, explainedFlipped] = await both();
  assert.equal(flipped.fromCache, false);
  assert.ok(Math.abs(flipped.accuracy - (1 - trained.accuracy)) < 1e-9, `labels flipped: accuracy ${flipped.accuracy} = 1 − ${trained.accuracy}`);
  assert.ok(Math.abs(explainedFlipped.modelAccuracy - (1 - explained.modelAccuracy)) < 1e-9, 'explain: the accuracy of the new test file');
  assert.equal(flipped.degenerate, trained.degenerate, 'predictions did not change, so neither did degeneracy');
});

/** A folder that cannot be written: mode 555, or for root (whom modes do not stop) a folder of /sys, if the system refuses writes there. */
function readOnlyFolder(): string | null {
  if (process.getuid?.() !== 0) {
    const d = tempDir('faults-ro-');
    chmodSync(d, 0o555);
    return d;
  }
  const probe = spawnSync('sh', ['-c', 'mkdir /sys/kernel/recourse-probe 2>&1'], { encoding: 'utf8' });
  return /Read-only file system|Operation not permitted|Permission denied/.test(probe.stdout) ? '/sys/kernel' : null;
}

test('a bad RECOURSE_CACHE_DIR fails before any work in one line naming it; --no-cache still runs', async (t) => {
  const file = join(tempDir(), 'cache-file');
  writeFileSync(file, 'x');
  const modelsFile = tempDir('faults-cache-');
  writeFileSync(join(modelsFile, 'models'), 'x');
  const ro = readOnlyFolder();
  if (!ro) t.diagnostic('no read-only folder is available here: the read-only case is not run');
  const cases: [string, RegExp][] = [
    [
      file,
      new RegExp(
        `^recourse: the cache folder ${file}/ \\(under RECOURSE_CACHE_DIR\\) is a file, not a folder; point RECOURSE_CACHE_DIR at a writable folder \\(it is created if missing\\) or unset it$`,
      ),
    ],
    [
      modelsFile,
      new RegExp(
        `^recourse: the cache folder ${modelsFile}/models/ \\(under RECOURSE_CACHE_DIR\\) is a file, not a folder; remove it, or point RECOURSE_CACHE_DIR at a writable folder`,
      ),
    ],
    ...(ro
      ? [
          [
            ro,
            new RegExp(
              `^recourse: cannot write in the cache folder ${ro}/models/ \\(under RECOURSE_CACHE_DIR\\): (read-only file system \\(EROFS\\)|permission denied \\(EACCES\\)|operation not permitted \\(EPERM\\)); point RECOURSE_CACHE_DIR at a writable folder`,
            ),
          ] as [string, RegExp],
        ]
      : []),
  ];
  const args = ['train', '--dataset', 'synthetic', '--epochs', '5', '--json'];
  const runs = await pool(
    2,
    cases.map(
      ([dir]) =>
        () =>
          recourse(args, { RECOURSE_CACHE_DIR: dir }),
    ),
  );
  runs.forEach((r, i) => assertFails(r, cases[i][1], cases[i][0]));
  const noCache = await recourse([...args, '--no-cache'], { RECOURSE_CACHE_DIR: file });
  assert.equal(noCache.code, 0, noCache.stderr);
  assert.equal(JSON.parse(noCache.stdout).fromCache, false);
  assert.equal(readFileSync(file, 'utf8'), 'x', 'the file given as the cache folder is untouched');
});

test('a data path that is a folder, a socket, an unreadable file or a file instead of a folder is one line naming it', async () => {
  const asFolder = tinyData();
  const train = join(asFolder, 'tiny-train.csv');
  spawnSync('rm', [train]);
  mkdirSync(train);
  const asSocket = tinyData();
  const sock = join(asSocket, 'tiny-test.csv');
  spawnSync('rm', [sock]);
  const server = createServer().listen(sock);
  await new Promise((ok) => server.once('listening', ok));
  const dataFile = join(tinyData(), 'tiny-train.csv');
  const cases: [Record<string, string>, RegExp][] = [
    [
      { RECOURSE_DATA_DIR: asFolder },
      new RegExp(
        `^recourse: cannot read ${train}: it is a folder, not a file \\(EISDIR\\); make it a readable tiny data file \\(or point RECOURSE_DATA_DIR elsewhere\\)$`,
      ),
    ],
    [{ RECOURSE_DATA_DIR: asSocket }, new RegExp(`^recourse: cannot read ${sock}: it is not a regular file \\(ENXIO\\)`)],
  ];
  const runs = await pool(
    2,
    cases.map(
      ([env]) =>
        () =>
          recourse(['data', '--dataset', 'tiny'], env),
    ),
  );
  server.close();
  runs.forEach((r, i) => assertFails(r, cases[i][1], JSON.stringify(cases[i][0])));
  const compasOnFile = await recourse(['data', '--dataset', 'compas'], { RECOURSE_DATA_DIR: dataFile });
  assertFails(
    compasOnFile,
    new RegExp(`^recourse: RECOURSE_DATA_DIR ${dataFile} is a file, not a folder; point it at the folder holding compas-train\\.csv and compas-test\\.csv$`),
  );
  if (process.getuid?.() !== 0) {
    const locked = tinyData();
    chmodSync(join(locked, 'tiny-train.csv'), 0);
    assertFails(await recourse(['data', '--dataset', 'tiny'], { RECOURSE_DATA_DIR: locked }), /cannot read .*tiny-train\.csv: permission denied \(EACCES\)/);
  }
});

test('a cache file with wrong shapes, missing metrics or garbage is recomputed with one warning, to the same result', async () => {
  const dir = tinyData();
  const seed = tempDir('faults-cache-');
  const args = ['train', '--dataset', 'tiny', '--model', 'mlp', '--width', '4', '--epochs', '5', '--json'];
  const good = JSON.parse((await recourse(args, { RECOURSE_DATA_DIR: dir, RECOURSE_CACHE_DIR: seed })).stdout);
  const [name] = filesIn(join(seed, 'models'));
  const body = JSON.parse(readFileSync(join(seed, 'models', name), 'utf8'));
  const L = body.layers;
  const edit = (f: (b: any) => void) => {
    const b = structuredClone(body);
    f(b);
    return JSON.stringify(b);
  };
  const corruptions: [string, string, RegExp][] = [
    [
      'input size',
      edit((b) => {
        b.layers[0] = { inDim: 2, outDim: 4, W: L[0].W.slice(0, 8), b: L[0].b };
      }),
      /its input size is 2 but the dataset has 3 features/,
    ],
    [
      'output size',
      edit((b) => {
        b.layers[1] = { inDim: 4, outDim: 2, W: [...L[1].W, ...L[1].W], b: [0, 0] };
      }),
      /its output size is 2, expected 1/,
    ],
    [
      'layers that do not chain',
      edit((b) => {
        b.layers[1] = { inDim: 5, outDim: 1, W: [1, 2, 3, 4, 5], b: [0] };
      }),
      /do not chain/,
    ],
    [
      'no metrics',
      edit((b) => {
        delete b.metrics;
      }),
      /its metrics are missing/,
    ],
    ['truncated', JSON.stringify(body).slice(0, 300), /not JSON/],
  ];
  const runs = await pool(
    2,
    corruptions.map(([, text]) => async () => {
      const cache = tempDir('faults-cache-');
      mkdirSync(join(cache, 'models'));
      writeFileSync(join(cache, 'models', name), text);
      return { cache, r: await recourse(args, { RECOURSE_DATA_DIR: dir, RECOURSE_CACHE_DIR: cache }) };
    }),
  );
  runs.forEach(({ r, cache }, i) => {
    const [what, , reason] = corruptions[i];
    assert.equal(r.code, 0, `${what}: ${r.stderr}`);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('recourse: '));
    assert.equal(warnings.length, 1, `${what}: one warning: ${r.stderr}`);
    assert.match(warnings[0], new RegExp(`^recourse: warning: cache file ${join(cache, 'models', name)} is invalid \\(.+\\); recomputing$`), what);
    assert.match(warnings[0], reason, what);
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.fromCache, out.accuracy, out.advAccuracy, out.degenerate], [false, good.accuracy, good.advAccuracy, good.degenerate], what);
    const rewritten = JSON.parse(readFileSync(join(cache, 'models', name), 'utf8'));
    assert.deepEqual(
      [rewritten.layers, rewritten.metrics, rewritten.key],
      [body.layers, body.metrics, body.key],
      `${what}: the file is replaced by the same model`,
    );
    assert.deepEqual(strayTemps(cache), []);
  });
  const again = JSON.parse((await recourse(args, { RECOURSE_DATA_DIR: dir, RECOURSE_CACHE_DIR: runs[0].cache })).stdout);
  assert.equal(again.fromCache, true, 'the rewritten file is used');
});

test('two processes saving the same model at once both succeed and leave one valid file', async () => {
  const cache = tempDir('faults-cache-');
  const env = { RECOURSE_CACHE_DIR: cache };
  const args = ['train', '--dataset', 'synthetic', '--model', 'mlp', '--epochs', '30', '--json'];
  const [a, b] = await Promise.all([recourse(args, env), recourse(args, env)]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(JSON.parse(a.stdout).accuracy, JSON.parse(b.stdout).accuracy);
  assert.equal(filesIn(join(cache, 'models')).length, 1);
  assert.deepEqual(strayTemps(cache), []);
  const c = JSON.parse((await recourse(args, env)).stdout);
  assert.deepEqual([c.fromCache, c.accuracy], [true, JSON.parse(a.stdout).accuracy]);
});

test('atomic writes: concurrent writers of one entry never collide and a reader never sees a torn file', async () => {
  const file = join(tempDir('faults-cache-'), 'results', 'unit.json');
  const writer = (tag: string) =>
    spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
    import('./src/util/artifacts.ts').then(({ writeArtifact }) => {
      const body = { tag: '${tag}', data: Array.from({ length: 20000 }, (_, i) => i) };
      for (let i = 0; i < 150; i++) if (!writeArtifact(${JSON.stringify(file)}, body)) process.exit(3);
    });`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  const runs = [collect(writer('a')), collect(writer('b'))];
  let reads = 0;
  let done = false;
  Promise.all(runs).then(() => (done = true));
  while (!done) {
    if (existsSync(file)) {
      const body = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(body.data.length, 20000);
      reads++;
    }
    await new Promise((ok) => setTimeout(ok, 2));
  }
  for (const r of await Promise.all(runs)) assert.equal(r.code, 0, r.stderr);
  assert.ok(reads > 5, `the reader overlapped the writers (${reads} reads)`);
  assert.deepEqual(strayTemps(join(file, '..')), []);
});

const LONG_TRAINING = ['train', '--dataset', 'synthetic', '--model', 'mlp', '--epochs', '100000'];

/** The only child of a process. */
function childOf(pid: number): number {
  const ps = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  const child = Number(ps.stdout.trim());
  assert.ok(child > 0, `${pid} has one child: '${ps.stdout}'`);
  return child;
}

/** Starts `cmd args` and resolves once the stderr says training has begun. */
async function startTraining(
  cmd: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ proc: ReturnType<typeof spawn>; done: Promise<Run> }> {
  const proc = spawn(cmd, args, { env: { ...process.env, RECOURSE_QUIET: undefined, ...env } });
  const done = collect(proc);
  let stderr = '';
  proc.stderr!.on('data', (b) => (stderr += b));
  for (let i = 0; i < 600 && !/tfjs backend/.test(stderr); i++) await new Promise((ok) => setTimeout(ok, 50));
  assert.match(stderr, /tfjs backend/, 'training started');
  return { proc, done };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('SIGKILL to the launcher: its child notices that its parent is gone and stops within a second', async () => {
  const cache = tempDir('faults-cache-');
  after(() => rmSync(cache, { recursive: true, force: true }));
  const { proc, done } = await startTraining(process.execPath, ['bin/recourse.js', ...LONG_TRAINING], { RECOURSE_CACHE_DIR: cache });
  const child = childOf(proc.pid!);
  after(() => alive(child) && process.kill(child, 'SIGKILL'));
  proc.kill('SIGKILL');
  await done;
  for (let i = 0; i < 40 && alive(child); i++) await new Promise((ok) => setTimeout(ok, 50));
  assert.equal(alive(child), false, `the orphaned child ${child} stopped`);
});

test('SIGTERM / SIGHUP to the launcher end its child; SIGINT also says that a re-run resumes', async () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const) {
    const cache = tempDir('faults-cache-');
    const { proc, done } = await startTraining(process.execPath, ['bin/recourse.js', ...LONG_TRAINING], { RECOURSE_CACHE_DIR: cache });
    const child = childOf(proc.pid!);
    proc.kill(signal);
    const r = await done;
    after(() => alive(child) && process.kill(child, 'SIGKILL'));
    assert.equal(r.code, code, `${signal}: ${r.stderr}`);
    for (let i = 0; i < 40 && alive(child); i++) await new Promise((ok) => setTimeout(ok, 50));
    assert.equal(alive(child), false, `${signal}: the child ${child} is gone`);
    const last = r.stderr.trim().split('\n').pop();
    if (signal === 'SIGINT') assert.equal(last, 'recourse: interrupted; run the same command again to resume from the cache');
    else assert.doesNotMatch(r.stderr, /^recourse: /m);
    assert.deepEqual(strayTemps(cache), []);
  }
});

test('under npx, the launcher and its child stop when the shell npm starts them from is killed', async () => {
  // npm runs a bin as `sh -c 'recourse' ...`, and that shell does not pass signals on
  const line = `node bin/recourse.js ${LONG_TRAINING.join(' ')}; true`;
  const { proc } = await startTraining('sh', ['-c', line], { RECOURSE_CACHE_DIR: tempDir('faults-cache-'), npm_command: 'exec' });
  const launcher = childOf(proc.pid!);
  const child = childOf(launcher);
  try {
    proc.kill('SIGTERM');
    for (let i = 0; i < 60 && (alive(launcher) || alive(child)); i++) await new Promise((ok) => setTimeout(ok, 50));
    assert.deepEqual([alive(launcher), alive(child)], [false, false]);
  } finally {
    for (const pid of [child, launcher]) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
});

test('sizes a flag can ask for are bounded, with the limit in the message, before any work', async () => {
  const cases: [string[], RegExp][] = [
    [['train', '--width', '100000000'], /^recourse: --width must be an integer from 0 to 4096; got '100000000'$/],
    [
      ['theory', '--ntk-train', '1000000'],
      /^recourse: --ntk-train must be a positive integer ≤ 10000 \(the kernel matrix grows with its square\); got '1000000'$/,
    ],
  ];
  const runs = await pool(
    2,
    cases.map(
      ([a]) =>
        () =>
          recourse(a, { RECOURSE_CACHE_DIR: tempDir() }),
    ),
  );
  runs.forEach((r, i) => assertFails(r, cases[i][1], cases[i][0].join(' ')));
});

test('a network too large for the WebAssembly heap is refused before training, with the estimate and a width that fits', async () => {
  const { weightCount, checkTrainingFits } = await import('../src/models/memory');
  assert.equal(weightCount([5, 3, 1]), 5 * 3 + 3 + 3 + 1, 'weights and biases of two dense layers');
  const t0 = Date.now();
  const r = await recourse(['train', '--dataset', 'synthetic', '--model', 'mlp', '--width', '4096', '--depth', '4'], {
    RECOURSE_CACHE_DIR: tempDir('faults-cache-'),
    RECOURSE_BACKEND: 'wasm',
    RECOURSE_QUIET: '1',
  });
  const m =
    /^recourse: an MLP of 4 hidden layers of width 4096 on 5 features has 50\.4 million weights; training it needs about 4\.6 GB, more than the WebAssembly backend's 4 GB heap allows; use a width ≤ (\d+) at this depth, fewer layers, or the native backend \(@tensorflow\/tfjs-node\)$/.exec(
      r.stderr.trim(),
    );
  assertFails(r, /an MLP of 4 hidden layers/, 'train --width 4096 --depth 4');
  assert.ok(m, r.stderr);
  assert.ok(Date.now() - t0 < 30_000, 'refused before any training');
  // the width it suggests fits, one more does not
  const w = Number(m[1]);
  const sizes = (width: number) => [5, width, width, width, width, 1];
  assert.doesNotThrow(() => checkTrainingFits(sizes(w), 'wasm'));
  assert.throws(() => checkTrainingFits(sizes(w + 1), 'wasm'), /needs about/);
  assert.doesNotThrow(() => checkTrainingFits(sizes(4096), 'tensorflow'), 'the native backend has no such heap');
});

test('flags: --json=false, empty lists, bad list entries, hexadecimal and messages that name their --flag', async () => {
  const cases: [string[], RegExp][] = [
    [['train', '--json=maybe'], /^recourse: --json must be true or false; got 'maybe'$/],
    [['sweep', '--models', ','], /^recourse: --models must be a comma-separated list without empty entries; got ','$/],
    [['sweep', '--eps-grid', '0,abc'], /^recourse: --eps-grid entry must be a decimal number; got 'abc'$/],
    [['train', '--eps', '0x1'], /^recourse: --eps must be a decimal number; got '0x1'$/],
    [['train', '--model', 'svm'], /^recourse: --model must be one of lr, lr-closed, mlp; got 'svm'$/],
    [['explain', '--policy', 'all'], /^recourse: --policy must be reference or negative; got 'all'$/],
  ];
  const runs = await pool(
    2,
    cases.map(
      ([a]) =>
        () =>
          recourse(a, { RECOURSE_CACHE_DIR: tempDir() }),
    ),
  );
  runs.forEach((r, i) => assertFails(r, cases[i][1], cases[i][0].join(' ')));
  const human = await recourse(['train', '--dataset', 'synthetic', '--epochs', '2', '--no-cache', '--json=false']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^model {10}lr on synthetic/);
});

test('malformed data files: hexadecimal cells, CR-only line endings, UTF-16 and bad UTF-8 are short, clear errors', async () => {
  const cr = tinyData();
  const crFile = join(cr, 'tiny-train.csv');
  writeFileSync(crFile, readFileSync(crFile, 'utf8').repeat(40).replace(/\n/g, '\r'));
  const utf16 = tinyData();
  const u16File = join(utf16, 'tiny-test.csv');
  writeFileSync(u16File, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(u16File, 'utf8'), 'utf16le')]));
  const hex = tinyData({ 'tiny-test.csv': 'a,b,c,y\n0x1F,0.2,0.3,1\n' });
  const cases: [string, RegExp][] = [
    [
      cr,
      new RegExp(
        `^recourse: ${crFile}, line 1: a carriage return \\(CR\\) without a line feed; the file uses CR-only \\(old Mac\\) line endings — convert them to LF`,
      ),
    ],
    [utf16, new RegExp(`^recourse: ${u16File} is UTF-16 text, not UTF-8; save it as UTF-8`)],
    [hex, /tiny-test\.csv, line 2, column 1 \('a'\): '0x1F' is not a plain decimal number \(NaN, missing values and hexadecimal are not allowed\)/],
  ];
  const runs = await pool(
    2,
    cases.map(
      ([dir]) =>
        () =>
          recourse(['data', '--dataset', 'tiny'], { RECOURSE_DATA_DIR: dir }),
    ),
  );
  runs.forEach((r, i) => {
    assertFails(r, cases[i][1], cases[i][0]);
    assert.ok(r.stderr.length < 400, `short message (${r.stderr.length} characters)`);
    assert.ok(!r.stderr.includes('\u0000'), 'no NUL bytes');
  });
});

test('with RECOURSE_CACHE_DIR set, messages name its folder and never data/cache/', async () => {
  const cache = tempDir('faults-cache-');
  mkdirSync(join(cache, 'datasets'));
  writeFileSync(join(cache, 'datasets', 'compas-train.tsv'), 'garbage\n');
  writeFileSync(join(cache, 'datasets', 'compas-test.tsv'), 'garbage\n');
  const r = await recourse(['data', '--dataset', 'compas'], { RECOURSE_CACHE_DIR: cache, RECOURSE_DATAVERSE_URL: 'http://127.0.0.1:9/' });
  const lines = r.stderr.trim().split('\n');
  assert.equal(r.code, 1);
  assert.match(lines[0], new RegExp(`^recourse: warning: cache file ${join(cache, 'datasets', 'compas-train.tsv')} is invalid \\(.*\\); recomputing$`));
  assert.match(
    lines[lines.length - 1],
    /^recourse: download of compas-train failed: http:\/\/127\.0\.0\.1:9\/8550936: fetch failed\. Download a copy by hand and point RECOURSE_DATA_DIR/,
  );
  assert.doesNotMatch(r.stderr, /data\/cache/);
  const bad = await recourse(['data', '--dataset', 'compas'], { RECOURSE_CACHE_DIR: cache, RECOURSE_DATAVERSE_URL: 'ftp://x' });
  assertFails(bad, /^recourse: RECOURSE_DATAVERSE_URL='ftp:\/\/x' is not an http\(s\) URL/);
  const quiet = await recourse(['data', '--dataset', 'synthetic'], { RECOURSE_QUIET: 'sometimes' });
  assertFails(quiet, /^recourse: RECOURSE_QUIET must be true or false; got 'sometimes'$/);
  assert.ok(statSync(cache).isDirectory());
});

/** Runs `fn` and returns what it wrote to stderr. */
function stderrOf(fn: () => void): string {
  const write = process.stderr.write.bind(process.stderr);
  let out = '';
  process.stderr.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = write;
  }
  return out;
}

test('the cache store: a validated hit, a recompute with one warning, a write failure that keeps the result', async () => {
  const { cached } = await import('../src/util/artifacts');
  const dir = tempDir('faults-store-');
  const file = join(dir, 'results', 'unit.json');
  let computed = 0;
  const unit = () =>
    cached(file, {
      validate: (b) => {
        if (typeof (b as { mean?: unknown }).mean !== 'number') throw new Error('mean is missing');
        return b as { mean: number };
      },
      compute: () => ({ mean: ++computed }),
    });
  assert.deepEqual(unit(), { value: { mean: 1 }, fromCache: false, file });
  assert.deepEqual(unit(), { value: { mean: 1 }, fromCache: true, file });
  writeFileSync(file, '{"mean": "x"}');
  let r: ReturnType<typeof unit> | undefined;
  assert.equal(
    stderrOf(() => (r = unit())),
    `recourse: warning: cache file ${file} is invalid (mean is missing); recomputing\n`,
  );
  assert.deepEqual(r, { value: { mean: 2 }, fromCache: false, file });
  const blocked = join(dir, 'blocked');
  writeFileSync(blocked, 'a file where a folder belongs');
  const lost = join(blocked, 'unit.json');
  const w = stderrOf(() => (r = cached(lost, { validate: (b) => b as { mean: number }, compute: () => ({ mean: 3 }) })));
  assert.match(
    w,
    new RegExp(
      `^recourse: warning: could not write the cache file ${lost}: ${blocked} is not a folder \\(EEXIST\\); results in ${blocked} are not cached in this run\\n$`,
    ),
  );
  assert.equal(
    stderrOf(() => cached(join(blocked, 'other.json'), { validate: (b) => b, compute: () => 1 })),
    '',
    'said once per folder',
  );
  assert.deepEqual(r, { value: { mean: 3 }, fromCache: false, file: null });
  assert.deepEqual(strayTemps(dir), []);
});

test('checkCacheDir removes temp files of writers that were killed, and keeps those of live ones', async () => {
  const { checkCacheDir } = await import('../src/util/artifacts');
  const cache = tempDir('faults-cache-');
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  mkdirSync(join(cache, 'models'));
  const stale = join(cache, 'models', `m.json.${dead}.0123456789ab.tmp`);
  const live = join(cache, 'models', `m.json.${process.pid}.0123456789ab.tmp`);
  writeFileSync(stale, '{"torn');
  writeFileSync(live, '{"in progress');
  process.env.RECOURSE_CACHE_DIR = cache;
  try {
    checkCacheDir(['models']);
  } finally {
    delete process.env.RECOURSE_CACHE_DIR;
  }
  assert.deepEqual([existsSync(stale), existsSync(live)], [false, true]);
});

test('checkCacheDir removes the claim folders of --jobs runs that were killed, and keeps those of live ones', async () => {
  const { checkCacheDir } = await import('../src/util/artifacts');
  const cache = tempDir('faults-cache-');
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  const stale = join(cache, 'claims', `${dead}-1765000000000`);
  const live = join(cache, 'claims', `${process.pid}-1765000000000`);
  const other = join(cache, 'claims', 'my-claims');
  for (const d of [stale, live, other]) mkdirSync(join(d, 'groups'), { recursive: true });
  process.env.RECOURSE_CACHE_DIR = cache;
  try {
    checkCacheDir(['claims']);
  } finally {
    delete process.env.RECOURSE_CACHE_DIR;
  }
  assert.deepEqual([stale, live, other].map(existsSync), [false, true, true]);
});

test('the VAE cache: a file for other options or with broken weights is retrained with one warning', async () => {
  const { fitVae } = await import('../src/recourse/cchvae/train');
  const { featureLayout } = await import('../src/data/layout');
  const { syntheticDataset } = await import('../src/data');
  const { initBackend } = await import('../src/backend');
  await initBackend({ quiet: true });
  const cache = tempDir('faults-cache-');
  process.env.RECOURSE_CACHE_DIR = cache;
  try {
    const ds = syntheticDataset({ n: 64, d: 4, seed: 1, immutable: [3] });
    const layout = featureLayout(4, ds.spec);
    const opts = { epochs: 2, hidden: [4], latent: 2 };
    const first = fitVae(ds.train, layout, 'syn', opts);
    const hit = fitVae(ds.train, layout, 'syn', opts);
    assert.deepEqual([first.fromCache, hit.fromCache], [false, true]);
    assert.deepEqual(hit.vae.weights(), first.vae.weights());
    const file = first.cacheFile!;
    const body = JSON.parse(readFileSync(file, 'utf8'));
    for (const [what, edit, reason] of [
      [
        'options',
        (b: any) => {
          b.options.latent = 3;
        },
        /its options differ from the requested ones/,
      ],
      [
        'shapes',
        (b: any) => {
          b.weights.decoder.pop();
        },
        /its layer sizes do not match the options and layout/,
      ],
      [
        'weights',
        (b: any) => {
          b.weights.mu.W[0] = null;
        },
        /its weights are not all finite numbers/,
      ],
    ] as const) {
      const bad = structuredClone(body);
      edit(bad);
      writeFileSync(file, JSON.stringify(bad));
      let again: ReturnType<typeof fitVae> | undefined;
      const w = stderrOf(() => (again = fitVae(ds.train, layout, 'syn', opts)));
      assert.match(w, new RegExp(`^recourse: warning: cache file ${file} is invalid \\(.+\\); recomputing\\n$`), what);
      assert.match(w, reason, what);
      assert.equal(again!.fromCache, false);
      assert.deepEqual(again!.vae.weights(), first.vae.weights(), `${what}: retrained to the same weights`);
    }
    assert.deepEqual(strayTemps(cache), []);
  } finally {
    delete process.env.RECOURSE_CACHE_DIR;
  }
});

test('fitModel: a cached model with a non-finite metric or weight, or other options, is retrained with one warning', async () => {
  const { fitModel } = await import('../src/models/store');
  const { syntheticDataset } = await import('../src/data');
  const { initBackend } = await import('../src/backend');
  await initBackend({ quiet: true });
  const cache = tempDir('faults-cache-');
  process.env.RECOURSE_CACHE_DIR = cache;
  try {
    const ds = syntheticDataset({ n: 60, d: 3, seed: 2 });
    const o = { kind: 'mlp' as const, width: 4, epochs: 3 };
    const first = fitModel(ds, o);
    const file = first.cacheFile!;
    const body = JSON.parse(readFileSync(file, 'utf8'));
    for (const [what, edit, reason] of [
      [
        'metric',
        (b: any) => {
          b.metrics.accuracy = null;
        },
        /metric accuracy is missing or not a number in \[0, 1\]/,
      ],
      [
        'weight',
        (b: any) => {
          b.layers[0].W[0] = null;
        },
        /its weights are not all finite numbers/,
      ],
      [
        'weight beyond float32',
        (b: any) => {
          b.layers[0].W[0] = 1e39;
        },
        /a weight is beyond the float32 range \(\|w\| ≤ 3\.4e38\)/,
      ],
      [
        'options',
        (b: any) => {
          b.options.learningRate = 0.5;
        },
        /its training options differ from the requested ones/,
      ],
      [
        'key',
        (b: any) => {
          b.key = 'other';
        },
        /its key does not match its configuration/,
      ],
      [
        'a well-formed hand edit',
        (b: any) => {
          b.metrics.accuracy = 0.999;
          b.layers[0].W = b.layers[0].W.map((v: number) => -v);
        },
        /its checksum does not match: the file was changed after it was written/,
      ],
      [
        'no checksum',
        (b: any) => {
          delete b.sha256;
        },
        /it has no checksum/,
      ],
    ] as const) {
      const bad = structuredClone(body);
      edit(bad);
      writeFileSync(file, JSON.stringify(bad));
      let again: ReturnType<typeof fitModel> | undefined;
      const w = stderrOf(() => (again = fitModel(ds, o)));
      assert.match(w, new RegExp(`^recourse: warning: cache file ${file} is invalid \\(.+\\); recomputing\\n$`), what);
      assert.match(w, reason, what);
      assert.deepEqual([again!.fromCache, again!.metrics], [false, first.metrics], what);
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')).layers, body.layers, `${what}: replaced by the same model`);
    }
  } finally {
    delete process.env.RECOURSE_CACHE_DIR;
  }
});

const TINY_REPRODUCE = [
  'reproduce',
  '--profile',
  'quick',
  '--datasets',
  'tiny',
  '--models',
  'lr',
  '--methods',
  'scfe',
  '--eps',
  '0.1',
  '--seeds',
  '1',
  '--factuals',
  '5',
  '--epochs',
  '2',
  '--no-theory',
  '--no-images',
];

test('reproduce: a claims file in the cache, an --out that is a file, a method that fits no model, and --opt for a method not run are one line each, before any work', async () => {
  const data = tinyData();
  const claimsFile = tempDir('faults-cache-');
  writeFileSync(join(claimsFile, 'claims'), 'x');
  const outFile = join(tempDir(), 'out-file');
  writeFileSync(outFile, 'x');
  const env = (cache = tempDir('faults-cache-')) => ({ RECOURSE_DATA_DIR: data, RECOURSE_CACHE_DIR: cache });
  const runs = await pool(2, [
    () => recourse([...TINY_REPRODUCE, '--jobs', '2', '--out', tempDir()], env(claimsFile)),
    () => recourse([...TINY_REPRODUCE, '--out', outFile], env()),
    () => recourse([...TINY_REPRODUCE.map((a) => (a === 'lr' ? 'mlp' : a === 'scfe' ? 'exact' : a)), '--out', tempDir()], env()),
    () => recourse(['explain', '--dataset', 'tiny', '--model', 'mlp', '--method', 'exact', '--epochs', '2', '--opt', 'exact.norm=l3'], env()),
    () => recourse([...TINY_REPRODUCE, '--opt', 'gsm.samplesPerShell=500', '--out', tempDir()], env()),
    () => recourse([...TINY_REPRODUCE, '--opt', 'scfe.lambda=abc', '--out', tempDir()], env()),
    () => recourse([...TINY_REPRODUCE, '--grids', 'main,depth', '--out', tempDir()], env()),
  ]);
  assertFails(
    runs[0],
    new RegExp(`^recourse: the cache folder ${claimsFile}/claims/ \\(under RECOURSE_CACHE_DIR\\) is a file, not a folder; remove it`),
    'claims is a file',
  );
  assertFails(runs[1], new RegExp(`^recourse: --out ${outFile} is a file; name a folder`), '--out is a file');
  assert.equal(readFileSync(outFile, 'utf8'), 'x');
  assertFails(
    runs[2],
    /^recourse: no method of \[exact\] applies to the models \[mlp\]: exact recourse runs on an MLP only when asked; add --exact-mlp/,
    'exact on mlp without --exact-mlp',
  );
  assertFails(runs[3], /^recourse: --opt 'exact\.norm=l3': exact: option norm must be one of l1, linf/, 'explain exact on mlp with a norm it does not know');
  assertFails(
    runs[4],
    /^recourse: --opt 'gsm\.samplesPerShell=500': gsm is not among the methods of this run \(scfe\); add it to --methods/,
    '--opt for a method not run',
  );
  assertFails(runs[5], /^recourse: --opt 'scfe\.lambda=abc': scfe: option lambda must be a decimal number; got 'abc'$/, '--opt bad value');
  assertFails(runs[6], /^recourse: --grids: the quick profile has no grid 'depth'; its grids are main$/, '--grids names a grid the profile lacks');
  for (const r of runs.slice(1)) assert.doesNotMatch(r.stderr, /tfjs backend/, 'no backend was started');
});

test('reproduce --jobs 2: SIGINT to the launcher stops both jobs and says that a re-run resumes; stage seconds are summed over the jobs', async () => {
  const cache = tempDir('faults-cache-');
  const env = { RECOURSE_DATA_DIR: tinyData(), RECOURSE_CACHE_DIR: cache };
  const long = [
    'reproduce',
    '--profile',
    'quick',
    '--datasets',
    'synthetic',
    '--models',
    'mlp',
    '--methods',
    'scfe',
    '--seeds',
    '4',
    '--epochs',
    '100000',
    '--no-theory',
    '--no-images',
    '--jobs',
    '2',
    '--out',
    tempDir(),
  ];
  const { proc, done } = await startTraining(process.execPath, ['bin/recourse.js', ...long], env);
  const parent = childOf(proc.pid!);
  // the job processes: children other than esbuild's service, which tsx starts when a source file is not in its cache yet
  const jobPids = () =>
    spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n')
      .filter((l) => l && !/esbuild/.test(l))
      .map((l) => Number(l.trim().split(/\s+/)[0]));
  for (let i = 0; i < 200 && jobPids().length < 2; i++) await new Promise((ok) => setTimeout(ok, 50));
  const jobs = jobPids();
  assert.equal(jobs.length, 2, 'two jobs started');
  proc.kill('SIGINT');
  const r = await done;
  after(() => [parent, ...jobs].forEach((p) => alive(p) && process.kill(p, 'SIGKILL')));
  assert.equal(r.code, 130, r.stderr);
  for (let i = 0; i < 40 && [parent, ...jobs].some(alive); i++) await new Promise((ok) => setTimeout(ok, 50));
  assert.deepEqual([parent, ...jobs].filter(alive), [], 'no process is left');
  assert.equal(r.stderr.trim().split('\n').pop(), 'recourse: interrupted; run the same command again to resume from the cache');
  assert.doesNotMatch(r.stderr, /jobs failed/);
  // a short run in two jobs reports the jobs' stage seconds, not the merging process's zeros
  const out = tempDir();
  const ok = await recourse([...TINY_REPRODUCE.map((a, i, all) => (all[i - 1] === '--seeds' ? '2' : a)), '--jobs', '2', '--out', out], {
    ...env,
    RECOURSE_CACHE_DIR: tempDir('faults-cache-'),
  });
  assert.equal(ok.code, 0, ok.stderr);
  const summary = JSON.parse(readFileSync(join(out, 'results', 'summary.json'), 'utf8'));
  assert.equal(summary.jobs, 2);
  assert.ok(summary.stageSeconds.train > 0 && summary.stageSeconds.recourse > 0, JSON.stringify(summary.stageSeconds));
});

test(
  'output to a full device (/dev/full) ends in one line and exit 1, never exit 0 with an empty file',
  { skip: !existsSync('/dev/full') && 'no /dev/full on this machine' },
  () => {
    const cache = tempDir('faults-full-cache-');
    after(() => rmSync(cache, { recursive: true, force: true }));
    for (const json of [true, false]) {
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'data', '--dataset', 'synthetic', ...(json ? ['--json'] : [])], {
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
          env: { ...process.env, RECOURSE_CACHE_DIR: cache },
        });
        assert.equal(r.status, 1, `--json ${json}: ${r.stderr}`);
        assert.match(
          r.stderr,
          /^recourse: cannot write the output: no space left on the device \(ENOSPC\); free space on the device the output goes to, or send it elsewhere\n$/,
        );
      } finally {
        closeSync(full);
      }
    }
  },
);

/** Exit 1, a last stderr line `recourse: ...` matching `re` after only progress lines, and no stack trace. */
function assertFailsAfterProgress(r: Run, re: RegExp, what = ''): void {
  const lines = r.stderr.trim().split('\n');
  assert.equal(r.code, 1, `${what}: exit code ${r.code}; stderr: ${r.stderr}`);
  assert.deepEqual(
    lines.slice(0, -1).filter((l) => !l.startsWith('[recourse] ')),
    [],
    `${what}: only progress lines before the message`,
  );
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at |Error:/, `${what}: no stack trace`);
  assert.match(lines[lines.length - 1], re, what);
}

/** Every file under `dir` (relative path → bytes as text), for before/after comparisons of an --out folder. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .filter((f) => statSync(join(dir, f)).isFile())
      .map((f) => [f, readFileSync(join(dir, f), 'latin1')]),
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const TINY_OUT = [
  'reproduce',
  '--profile',
  'quick',
  '--datasets',
  'synthetic',
  '--models',
  'lr',
  '--methods',
  'exact',
  '--eps',
  '0,0.1',
  '--seeds',
  '1',
  '--no-theory',
  '--no-images',
];

test('reproduce writes its output all or nothing: a table or figure path that is a folder is one line and exit 1, and every previous file is byte for byte as it was', async () => {
  const out = tempDir('faults-out-');
  const cache = tempDir('faults-out-cache-');
  const args = [...TINY_OUT, '--out', out];
  const first = await recourse(args, { RECOURSE_CACHE_DIR: cache });
  assert.equal(first.code, 0, first.stderr);
  for (const blocked of [join('figures', 'index.html'), join('results', 'recourse.csv')]) {
    rmSync(join(out, blocked));
    mkdirSync(join(out, blocked));
    const before = snapshot(out);
    const r = await recourse(args, { RECOURSE_CACHE_DIR: cache });
    assertFailsAfterProgress(
      r,
      new RegExp(
        `^recourse: cannot write ${escape(join(out, blocked))}: it is a folder, not a file \\(EISDIR\\); remove it or name another --out folder \\(the previous output is unchanged\\)$`,
      ),
      blocked,
    );
    assert.deepEqual(snapshot(out), before, 'no file of the previous output changed (summary.json holds timings, so a rewrite would show)');
    assert.deepEqual(readdirSync(out).sort(), ['figures', 'results'], 'no staging folder is left');
    rmSync(join(out, blocked), { recursive: true });
    assert.equal((await recourse(args, { RECOURSE_CACHE_DIR: cache })).code, 0);
  }
  // a dangling link where a figure file was is replaced by the file
  const figure = join(out, 'figures', 'fig03-validity-lr.html');
  rmSync(figure);
  symlinkSync(join(out, 'nowhere'), figure);
  const relinked = await recourse(args, { RECOURSE_CACHE_DIR: cache });
  assert.equal(relinked.code, 0, relinked.stderr);
  assert.ok(!lstatSync(figure).isSymbolicLink() && statSync(figure).size > 1e6, 'a standalone figure file (plotly.js embedded)');
});

/** A fresh tmpfs of `size` mounted in a temp folder (root only), or why none can be mounted here. */
function mountTmpfs(size: string): { dir: string; unmount: () => void } | string {
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root';
  const dir = tempDir('faults-tmpfs-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return `cannot mount a tmpfs here (${(r.stderr || r.error?.message || '').trim()})`;
  return { dir, unmount: () => spawnSync('umount', [dir]) };
}

test('an --out disk that fills during a run is one line and exit 1, and the previous complete output is untouched', async (t) => {
  const fs = mountTmpfs('64m');
  if (typeof fs === 'string') return t.skip(fs);
  after(fs.unmount);
  const out = join(fs.dir, 'out');
  const cache = tempDir('faults-out-cache-');
  const args = [...TINY_OUT, '--out', out];
  assert.equal((await recourse(args, { RECOURSE_CACHE_DIR: cache })).code, 0);
  const before = snapshot(out);
  // leave 2 MB: enough for the tables, not for the figures (each embeds plotly.js's basic bundle, about 1.2 MB)
  const free = Number(spawnSync('df', ['--output=avail', '-B1', fs.dir], { encoding: 'utf8' }).stdout.trim().split('\n').pop());
  writeFileSync(join(fs.dir, 'filler'), Buffer.alloc(free - 2_000_000));
  const r = await recourse(args, { RECOURSE_CACHE_DIR: cache });
  assertFailsAfterProgress(
    r,
    /^recourse: cannot write \S+: no space left on the device \(ENOSPC\); free space there or name another --out folder \(the previous output is unchanged\)$/,
  );
  assert.ok(!r.stderr.includes('.staging-'), 'the message names the output path, not the staging folder');
  assert.deepEqual(snapshot(out), before);
  assert.deepEqual(readdirSync(out).sort(), ['figures', 'results'], 'the staging folder is removed');
  rmSync(join(fs.dir, 'filler'));
  assert.equal((await recourse(args, { RECOURSE_CACHE_DIR: cache })).code, 0, 'with space again the same command succeeds');
});

test('a <name>.spec.json for a built-in dataset in RECOURSE_DATA_DIR is refused with one line, valid JSON or not', async () => {
  const dir = tempDir('faults-spec-');
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const body of ['not json', JSON.stringify({ label: 'risk', features: ['age'] })]) {
    writeFileSync(join(dir, 'compas.spec.json'), body);
    const r = await recourse(['data', '--dataset', 'compas'], { RECOURSE_DATA_DIR: dir, RECOURSE_CACHE_DIR: join(dir, 'cache') });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^recourse: \S+compas\.spec\.json describes the built-in dataset 'compas', whose definition the project fixes; remove that file, or give your dataset another name \(its spec and both CSV files\)\n$/,
    );
  }
});

test('a constant training column is named in one warning, and the test values it cannot scale are counted as clipped', async () => {
  const dir = tempDir('faults-constant-');
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'flat-train.csv'), 'a,b,y\n1,0,0\n1,1,1\n');
  writeFileSync(join(dir, 'flat-test.csv'), 'a,b,y\n1,0,0\n5,1,1\n0,0.5,1\n');
  writeFileSync(join(dir, 'flat.spec.json'), JSON.stringify({ label: 'y', features: ['a', 'b'] }));
  const r = await recourse(['data', '--dataset', 'flat', '--json'], { RECOURSE_DATA_DIR: dir, RECOURSE_CACHE_DIR: join(dir, 'cache') });
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /^recourse: warning: flat: training column 'a' is constant \(2 training rows\): scaled to 0, with every other test value clipped; check the training split\n$/,
  );
  assert.equal(JSON.parse(r.stdout).clippedTestCells, 2, 'the 5 and the 0 in the constant column');
});

test('a CHROMIUM_PATH that never starts a browser costs the figure export 20 s, then one note says so; the HTML figures are written', async () => {
  const dir = tempDir('faults-chromium-');
  after(() => rmSync(dir, { recursive: true, force: true }));
  const hang = join(dir, 'hang.sh');
  writeFileSync(hang, '#!/bin/sh\nexec sleep 600\n');
  chmodSync(hang, 0o755);
  const t0 = Date.now();
  const r = await recourse(
    [
      'reproduce',
      '--profile',
      'quick',
      '--datasets',
      'synthetic',
      '--models',
      'lr',
      '--methods',
      'exact',
      '--eps',
      '0,0.1',
      '--seeds',
      '1',
      '--no-theory',
      '--out',
      join(dir, 'out'),
    ],
    { RECOURSE_CACHE_DIR: join(dir, 'cache'), CHROMIUM_PATH: hang },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    new RegExp(`SVG/PNG skipped: cannot start Chromium at ${hang.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(it did not start within 20 s\\)`),
  );
  assert.ok(Date.now() - t0 < 90_000, `${(Date.now() - t0) / 1000} s`);
  assert.ok(existsSync(join(dir, 'out', 'figures', 'index.html')));
});

test('a cache folder behind a dangling symbolic link is named as such, not as a folder that does not exist', async () => {
  const dir = tempDir('faults-link-');
  after(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync(join(dir, 'gone'), join(dir, 'cache'));
  const r = await recourse(['train', '--dataset', 'synthetic', '--model', 'lr'], { RECOURSE_CACHE_DIR: join(dir, 'cache') });
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    new RegExp(
      `^recourse: cannot write in the cache folder .+: ${join(dir, 'cache').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is a symbolic link to .+gone, which does not exist; point RECOURSE_CACHE_DIR at a writable folder`,
    ),
  );
});

test('--claim naming a file is one line and exit 1', async () => {
  const dir = tempDir('faults-claim-');
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'claims'), '');
  const r = await recourse(
    [
      'reproduce',
      '--profile',
      'quick',
      '--datasets',
      'synthetic',
      '--models',
      'lr',
      '--methods',
      'exact',
      '--eps',
      '0,0.1',
      '--seeds',
      '1',
      '--no-theory',
      '--claim',
      join(dir, 'claims'),
    ],
    { RECOURSE_CACHE_DIR: join(dir, 'cache') },
  );
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /recourse: --claim \S+claims: cannot keep claim files there \(it, or a part of its path, is a file\); name a writable folder \(it is created if missing\)\n$/,
  );
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
