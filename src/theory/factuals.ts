/**
 * Which test instances the theory checks run on: a seeded random order of the test rows, keeping those
 * that every model of the pair predicts negative (so both models owe a recourse), the first n of them.
 */
import { logitsOf } from '../models/predict';
import type { Classifier } from '../models/types';
import { checkPositiveInt } from '../util/errors';
import { takeRows, type Matrix } from '../util/matrix';
import { Rng } from '../util/rng';

export interface Factuals {
  /** The chosen rows (n × d). */
  readonly x: Matrix;
  /** Their row numbers in the test split. */
  readonly testIndex: number[];
  /** How many test rows qualified (all models predict negative). */
  readonly eligible: number;
}

export function selectFactuals(test: Matrix, models: readonly Classifier[], n: number, seed: number): Factuals {
  checkPositiveInt(n, 'n (number of test instances)');
  const scores = models.map((m) => logitsOf(m, test));
  const order = new Rng(seed).permutation(test.rows);
  const keep: number[] = [];
  let eligible = 0;
  for (const i of order) {
    if (scores.every((s) => s[i] <= 0)) {
      eligible++;
      if (keep.length < n) keep.push(i);
    }
  }
  return { x: takeRows(test, keep), testIndex: keep, eligible };
}
