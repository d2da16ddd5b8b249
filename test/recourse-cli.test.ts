import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../src/cli/args';
import { explainCommand } from '../src/cli/explain';
import { RecourseError } from '../src/util/errors';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DATA_DIR, runCli, tempDir } from './helpers';

const run = async (argv: string[]) => explainCommand.run(parseArgs(argv, explainCommand));
const fails = (argv: string[], pattern: RegExp) => assert.rejects(run(argv), (e: Error) => e instanceof RecourseError && pattern.test(e.message));

test('explain: bad options give clear errors before any work', async () => {
  await fails(['--method', 'dice'], /--method must be one of scfe, gsm, cchvae, roar, exact; got 'dice'/);
  await fails(['--dataset', 'mnist'], /unknown dataset 'mnist'/);
  await fails(['--eps', '1.5'], /--eps must be a number in \[0, 1\]/);
  await fails(['--eps', '-0.1'], /--eps must be a number in \[0, 1\]/);
  await fails(['--n', '0'], /--n must be a positive integer/);
  await fails(['--robustness-sigma', '-1', '--dataset', 'synthetic', '--n', '5'], /--robustness-sigma must be a finite number ≥ 0/);
  await fails(['--model', 'svm'], /--model must be one of lr, lr-closed, mlp; got 'svm'/);
  await fails(['--policy', 'all', '--dataset', 'synthetic'], /--policy must be reference or negative; got 'all'/);
});

test('explain --json prints one object with the documented keys', () => {
  const r = runCli(['explain', '--dataset', 'synthetic', '--model', 'lr', '--method', 'scfe', '--n', '20', '--json'], { RECOURSE_CACHE_DIR: tempDir() });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  for (const k of ['dataset', 'model', 'eps', 'method', 'n', 'validity', 'alreadyPositive', 'meanCostValid', 'meanCostAll', 'secondsPerFactual']) {
    assert.ok(k in out, `missing key ${k}`);
  }
  assert.equal(out.n, 20);
  assert.ok(out.validity >= 0 && out.validity <= 1);
  assert.ok(out.meanCostAll <= out.meanCostValid + 1e-12, "invalid recourses count 0 in the paper's Cost");
  assert.ok(out.robustness >= 0 && out.robustness <= 1, `robustness ${out.robustness}`);
  assert.equal(typeof out.degenerate, 'boolean');
});

test('the recourse launcher works from a folder outside the checkout (sampler threads and WebAssembly found)', () => {
  const elsewhere = tempDir();
  const r = spawnSync(
    process.execPath,
    [join(process.cwd(), 'bin', 'recourse.js'), 'explain', '--dataset', 'synthetic', '--model', 'mlp', '--method', 'gsm', '--n', '12', '--json'],
    {
      cwd: elsewhere,
      encoding: 'utf8',
      env: { ...process.env, RECOURSE_DATA_DIR: DATA_DIR, RECOURSE_CACHE_DIR: join(elsewhere, 'cache'), RECOURSE_THREADS: '2' },
    },
  );
  assert.equal(r.status, 0, r.stderr.slice(-800));
  assert.equal(JSON.parse(r.stdout).n, 12);
});
