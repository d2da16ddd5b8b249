import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../src/cli/args';
import { theoryCommand } from '../src/cli/theory';
import { DEFAULT_LR_PAIR, DEFAULT_NTK_PAIR, DEFAULT_THEORY_RUN } from '../src/experiments/theory/options';
import { RecourseError } from '../src/util/errors';
import { runCli, tempDir } from './helpers';

const env = { RECOURSE_CACHE_DIR: tempDir('theory-cache-') };
const NAMES = ['lemma1', 'theorem1', 'theorem2', 'theorem3', 'theorem4', 'lemma2', 'theorem5'];

test('recourse theory --model ntk --json prints one object with the NTK statements', () => {
  const r = runCli(['theory', '--dataset', 'synthetic', '--model', 'ntk', '--eps', '0.1', '--n', '8', '--ntk-train', '80', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.dataset, 'synthetic');
  assert.equal(j.model, 'ntk');
  assert.equal(j.eps, 0.1);
  for (const s of j.statements) {
    assert.ok(NAMES.includes(s.name));
    assert.equal(s.holds + s.violated + s.vacuous, s.instances);
    for (const k of ['lhsMean', 'boundMean']) assert.ok(k in s);
    assert.equal(typeof s.variant, 'object');
    assert.equal(typeof s.label, 'string');
  }
  assert.deepEqual(
    j.statements.filter((s: { name: string }) => s.name === 'theorem2').map((s: { variant: object }) => s.variant),
    [{ zeta: 'scfe' }, { zeta: 'linearised' }],
  );
  assert.equal(typeof j.facts.deltaK, 'number');
  assert.equal(j.facts.trainSubsample, 80);
  const names = new Set(j.statements.map((s: { name: string }) => s.name));
  for (const n of ['theorem2', 'lemma2', 'theorem5']) assert.ok(names.has(n), n);
  for (const n of ['lemma1', 'theorem1', 'theorem4']) assert.ok(!names.has(n), n);
  assert.equal(j.statements.find((s: { name: string }) => s.name === 'lemma2').instances, 1);
});

test('recourse theory: bad options are errors that name the option', () => {
  const cases: [string[], RegExp][] = [
    [['--model', 'mlp'], /--model must be lr or ntk/],
    [['--eps', '0'], /--eps must be > 0/],
    [['--eps', '2'], /--eps must be a number in \[0, 1\]/],
    [['--lemma-n', 'days'], /--lemma-n must be steps or epochs/],
    [['--n', '0'], /--n must be a positive integer/],
    [['--model', 'ntk', '--beta', '0'], /--beta must be a number > 0 and ≤ 1000000 \(it makes K \+ βI invertible\); got '0'/],
  ];
  for (const [args, re] of cases) {
    const r = runCli(['theory', '--dataset', 'synthetic', ...args], env);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, re);
  }
});

test("recourse theory: β ≤ 0 is refused when the command line is parsed, and the defaults are the pairs' and the run's", () => {
  for (const beta of ['0', '-1', '-0.5']) {
    assert.throws(
      () => parseArgs(['--beta', beta], theoryCommand),
      (e: Error) => e instanceof RecourseError && /^--beta must be a number > 0/.test(e.message),
      beta,
    );
  }
  const d = parseArgs([], theoryCommand);
  assert.deepEqual(
    [d.eps, d.n, d['ntk-train'], d.beta, d['lemma-n']],
    [DEFAULT_LR_PAIR.eps, DEFAULT_THEORY_RUN.n, DEFAULT_NTK_PAIR.n, DEFAULT_NTK_PAIR.beta, DEFAULT_THEORY_RUN.lemmaN].map(String),
  );
});
