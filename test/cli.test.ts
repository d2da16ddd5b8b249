import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flagRule, parseArgs } from '../src/cli/args';
import { COMMANDS } from '../src/cli/commands';
import { reproduceCommand } from '../src/cli/reproduce';
import { trainCommand } from '../src/cli/train';
import { DEFAULT_TRAIN_OPTIONS } from '../src/models/options';
import { RecourseError } from '../src/util/errors';
import { HAVE_DATA, runCli, tempDir } from './helpers';

test('every subcommand has --help listing its options', () => {
  for (const c of COMMANDS) {
    const r = runCli([c.name, '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`recourse ${c.name} — `));
    for (const f of c.flags) assert.ok(r.stdout.includes(`--${f.name}`), `${c.name} --help lacks --${f.name}`);
  }
  const top = runCli(['--help']);
  assert.equal(top.code, 0);
  for (const c of COMMANDS) assert.ok(top.stdout.includes(c.name));
});

test('errors exit non-zero with a one-line reason', () => {
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /^recourse: unknown command 'frobnicate'; commands: /],
    [
      ['data', '--dataset', 'mnist'],
      /^recourse: unknown dataset 'mnist'; choose one of german, adult, compas, synthetic, or add one: <name>\.spec\.json next to/,
    ],
    [['train', '--eps', '1.5'], /^recourse: --eps must be a number in \[0, 1\]/],
    [['train', '--eps', 'abc'], /^recourse: --eps must be a decimal number; got 'abc'$/],
    [['train', '--model', 'svm', '--dataset', 'synthetic'], /^recourse: --model must be one of lr, lr-closed, mlp; got 'svm'$/],
    [['train', '--bogus'], /^recourse: unknown option '--bogus' for 'recourse train'/],
  ];
  for (const [args, re] of cases) {
    const r = runCli(args);
    assert.notEqual(r.code, 0, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    assert.match(r.stderr.trim(), re);
  }
});

test('a forced backend that is not installed fails clearly', () => {
  const r = runCli(['train', '--dataset', 'synthetic', '--epochs', '1'], { RECOURSE_BACKEND: 'tensorflow' });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /RECOURSE_BACKEND=tensorflow but @tensorflow\/tfjs-node is not installed: run `npm install @tensorflow\/tfjs-node`/);
  const bad = runCli(['train', '--dataset', 'synthetic', '--epochs', '1'], { RECOURSE_BACKEND: 'gpu' });
  assert.match(bad.stderr, /^recourse: RECOURSE_BACKEND='gpu' is not one of tensorflow, wasm, cpu; use tensorflow, wasm or cpu \(or unset it\)$/m);
  const cpu = runCli(['train', '--dataset', 'synthetic', '--epochs', '1', '--json', '--no-cache'], { RECOURSE_BACKEND: 'cpu' });
  assert.equal(cpu.code, 0, cpu.stderr);
  assert.equal(JSON.parse(cpu.stdout).backend, 'cpu');
});

test('recourse data --json has the documented keys', { skip: !HAVE_DATA && 'no data dir' }, () => {
  const r = runCli(['data', '--dataset', 'compas', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  for (const k of ['dataset', 'trainRows', 'testRows', 'features', 'positiveRate', 'source']) assert.ok(k in j, k);
  assert.equal(j.trainRows, 4937);
  assert.equal(j.source, 'directory');
});

test('recourse train --json has the documented keys, and a second run comes from the cache', () => {
  const env = { RECOURSE_CACHE_DIR: tempDir() };
  const args = ['train', '--dataset', 'synthetic', '--model', 'mlp', '--eps', '0.1', '--epochs', '3', '--json'];
  const r = runCli(args, env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  for (const k of ['dataset', 'model', 'eps', 'seed', 'accuracy', 'advAccuracy', 'degenerate', 'trainSeconds', 'backend']) assert.ok(k in j, k);
  assert.equal(j.fromCache, false);
  const again = JSON.parse(runCli(args, env).stdout);
  assert.equal(again.fromCache, true);
  assert.equal(again.accuracy, j.accuracy);
});

test('every flag of every command refuses a bad value with a message that starts with its --flag', () => {
  for (const cmd of COMMANDS) {
    parseArgs([], cmd); // every default satisfies its own rule
    for (const f of cmd.flags) {
      const rule = flagRule(f);
      const bad: [string, RegExp][] = !rule
        ? [[`--${f.name}=maybe`, /must be true or false; got 'maybe'$/]]
        : rule.type === 'number'
          ? [
              ['abc', /must be a decimal number; got 'abc'$/],
              ['0x10', /got '0x10'$/],
              ['1e-400', /is too small to represent \(it rounds to 0\); got '1e-400'/],
              ...(rule.max !== undefined ? [[String(rule.max * 10 + 1), new RegExp(`${rule.max}`)] as [string, RegExp]] : []),
            ]
          : rule.type === 'enum'
            ? [['zzz', /must be (one of .*|\S+ or \S+); got 'zzz'$/]]
            : rule.type === 'names' || rule.type === 'numbers'
              ? [[',', /must be a comma-separated list without empty entries/]]
              : [['', /needs a non-empty value/]];
      for (const [value, re] of bad) {
        const argv = value.startsWith('--') ? [value] : [`--${f.name}`, value];
        assert.throws(
          () => parseArgs(argv, cmd),
          (e: Error) => e instanceof RecourseError && e.message.startsWith(`--${f.name} `) && re.test(e.message),
          `recourse ${cmd.name} ${argv.join(' ')}`,
        );
      }
    }
  }
});

test('reproduce: list, number and size flags are checked by their rules when the command line is parsed', () => {
  const cases: [string[], RegExp][] = [
    [['--models', 'lr,svm'], /^--models entry 'svm' must be one of lr, lr-closed, mlp; got 'lr,svm'$/],
    [['--methods', 'dice'], /^--methods entry 'dice' must be one of scfe, gsm, cchvae, roar, exact; got 'dice'$/],
    [
      ['--setup', 'default,odd'],
      /^--setup entry 'odd' must be a base \(default, selected, balanced, carla, original\) and\/or factors \(minority, std, matched\) joined by '\+'/,
    ],
    [['--eps', '0,1.5'], /^--eps entry '1.5' must be a number in \[0, 1\] \(features are scaled to \[0, 1\]\)/],
    [['--seeds', '0'], /^--seeds must be a positive integer ≤ 1000; got '0'$/],
    [['--factuals', '0'], /^--factuals must be a positive integer ≤ 1000000; got '0'$/],
    [['--jobs', '65'], /^--jobs must be a positive integer ≤ 64; got '65'$/],
  ];
  for (const [argv, re] of cases)
    assert.throws(
      () => parseArgs(argv, reproduceCommand),
      (e: Error) => e instanceof RecourseError && re.test(e.message),
      argv.join(' '),
    );
});

test('train flags default to DEFAULT_TRAIN_OPTIONS', () => {
  const d = parseArgs([], trainCommand);
  const o = DEFAULT_TRAIN_OPTIONS;
  assert.deepEqual(
    [d.model, d.eps, d.seed, d.epochs, d.depth, d.width, d.optimizer, d['learning-rate'], d['batch-size'], d['pgd-steps']],
    [o.kind, o.eps, o.seed, o.epochs, o.depth, o.width, o.optimizer, o.learningRate, o.batchSize, o.pgdSteps].map(String),
  );
});

test('the command table and every flag definition load no tfjs (only a command that runs does)', () => {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', "await import('./src/cli/commands.ts'); process.stdout.write(String('_tfengine' in globalThis));"],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'false');
});

test('--dataset choices in the help come from the registry and RECOURSE_DATA_DIR', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'loans.spec.json'), '{"label": "y", "features": ["a"]}');
  const r = runCli(['train', '--help'], { RECOURSE_DATA_DIR: dir });
  assert.match(r.stdout, /--dataset <german\|adult\|compas\|loans\|synthetic>/);
});

test('README "Adding a dataset": the commands and the registerDataset example run as shown', { timeout: 300_000 }, () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Adding a dataset'));
  const sh = /```sh\n([\s\S]*?)```/.exec(section)![1];
  const env: NodeJS.ProcessEnv = { ...process.env, RECOURSE_CACHE_DIR: tempDir(), RECOURSE_QUIET: '1' };
  delete env.RECOURSE_DATA_DIR;
  const r = spawnSync('bash', ['-e', '-c', sh], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^immutable {6}age$/m);
  assert.match(r.stdout, /^validity {7}\d/m);
  const ts = /```ts\n([\s\S]*?)```/.exec(section)![1];
  const file = `readme-example-${process.pid}.ts`;
  writeFileSync(file, ts);
  try {
    const t = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', env });
    assert.equal(t.status, 0, t.stderr);
    assert.equal(t.stdout.trim(), '[ 2 ] 300');
  } finally {
    rmSync(file);
  }
});

test('degenerateNote: counts the one-class models, groups them by dataset and kind with their side, and is empty when there are none', async () => {
  const { degenerateNote } = await import('../src/cli/degenerate-note');
  const m = (dataset: string, model: string, eps: number, positiveRate: number) => ({
    dataset,
    model,
    eps,
    positiveRate,
    degenerate: positiveRate >= 0.99 || positiveRate <= 0.01,
  });
  const models = [m('compas', 'lr', 0, 0.9), m('compas', 'lr', 0.3, 1), m('compas', 'lr', 0.1, 0.995), m('adult', 'mlp', 0.3, 0), m('adult', 'mlp', 0.1, 0.2)];
  const [head, detail] = degenerateNote(models, 'flagged', 'try X');
  assert.equal(head, 'note     3 of 5 models are degenerate (one class for ≥ 99 % of the test set): flagged');
  assert.equal(detail, '         (compas lr: ε = 0.1, 0.3 (all positive); adult mlp: ε = 0.3 (all negative)); try X');
  assert.deepEqual(
    degenerateNote(
      models.filter((x) => !x.degenerate),
      'flagged',
      'try X',
    ),
    [],
  );
});

test('parseArgs: values inline or after the flag (negative numbers too), switches with =true|false, repeats collected; a short option, a missing value and a repeat are one error each', async () => {
  const { parseArgs } = await import('../src/cli/args');
  const cmd = {
    name: 'toy',
    summary: 'toy',
    run: async () => 0,
    positional: { name: 'dir', help: 'a folder' },
    flags: [
      { name: 'seed', value: 'int', help: 'seed', default: '0' },
      { name: 'json', help: 'json' },
      { name: 'opt', value: 'text', help: 'o', repeat: true },
    ],
  };
  assert.deepEqual(parseArgs(['--seed', '-5', '--json=false', '--opt=a=1', '--opt', 'b=2', 'out'], cmd), {
    seed: '-5',
    json: false,
    opt: ['a=1', 'b=2'],
    dir: 'out',
  });
  assert.deepEqual(parseArgs(['--json', '--', '--not-a-flag'], cmd), { json: true, dir: '--not-a-flag', seed: '0' });
  assert.throws(() => parseArgs(['-s', '1'], cmd), /^RecourseError: unknown option '-s' for 'recourse toy'; see 'recourse toy --help'$/);
  assert.throws(() => parseArgs(['--seed', '--json'], cmd), /^RecourseError: --seed needs a value \(int\)$/);
  assert.throws(() => parseArgs(['--seed=1', '--seed=2'], cmd), /^RecourseError: --seed is given twice; give it once$/);
  assert.throws(() => parseArgs(['--seed=1.5'], cmd), /--seed must be an integer/);
  assert.throws(() => parseArgs(['a', 'b'], cmd), /unexpected argument 'b' for 'recourse toy'/);
});
