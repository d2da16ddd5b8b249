import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../src/cli/commands';
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
    [['data', '--dataset', 'mnist'], /^recourse: unknown dataset 'mnist'; choose one of german, adult, compas, synthetic$/],
    [['train', '--eps', '1.5'], /^recourse: --eps must be a number in \[0, 1\]/],
    [['train', '--eps', 'abc'], /^recourse: --eps must be a number; got 'abc'$/],
    [['train', '--model', 'svm', '--dataset', 'synthetic'], /^recourse: train: option kind must be one of lr, lr-closed, mlp; got "svm"/],
    [['train', '--bogus'], /^recourse: unknown option --bogus for 'recourse train'/],
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
  assert.match(bad.stderr, /RECOURSE_BACKEND=gpu is not a backend; use tensorflow, wasm or cpu/);
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
