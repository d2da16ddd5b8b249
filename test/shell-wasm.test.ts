import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { projectRows, type FeatureLayout } from '../src/data/layout';
import { SHELL_WASM_FILE, shellKernel } from '../src/engine/shells/shell-wasm';
import { ZigguratNormal } from '../src/util/normal';
import { Rng } from '../src/util/rng';
import { sampleShell, type ShellSpec } from '../src/util/sampling';
import { compileShellWat } from '../scripts/build-wasm';

/** A layout with every kind of column: continuous, binary, two one-hot groups, immutables (width 12). */
const MIXED: FeatureLayout = {
  d: 12,
  continuous: [0, 1, 2],
  binary: [3, 4],
  groups: [
    [5, 6, 7],
    [8, 9],
  ],
  immutable: [10, 11],
  mutable: new Float32Array(12),
};
const MIXED_DIMS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** The TypeScript reference: sampleShell, then projectRows with the center as every row's factual. */
function reference(seed: number, center: Float32Array, dims: number[], s: ShellSpec, count: number, first: number, layout: FeatureLayout | null) {
  const rng = new Rng(seed);
  const out = new Float32Array((first + count) * center.length).fill(-7);
  sampleShell(rng, center, dims, s, count, out, first, center.length);
  if (layout) projectRows(layout, out.subarray(first * center.length), center, () => 0);
  return { out, state: rng.getState() };
}

function viaWasm(seed: number, center: Float32Array, dims: number[], s: ShellSpec, count: number, first: number, layout: FeatureLayout | null) {
  const rng = new Rng(seed);
  const out = new Float32Array((first + count) * center.length).fill(-7);
  shellKernel().sampleRow(rng, center, dims, s, count, out, first, center.length, layout);
  return { out, state: rng.getState() };
}

/** Index of the first element whose bits differ (Object.is: −0 ≠ 0, NaN = NaN), or −1. */
function firstDifference(a: Float32Array, b: Float32Array): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return a.length === b.length ? -1 : a.length;
}

test('the WebAssembly generator draws the same normals and uniforms as ZigguratNormal and Rng, tail included', () => {
  const n = 400_000;
  const rng = new Rng(11);
  const normal = new ZigguratNormal(rng);
  const ref = { normals: new Float64Array(n), uniforms: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    ref.normals[i] = normal.next();
    ref.uniforms[i] = rng.next();
  }
  const other = new Rng(11);
  const got = shellKernel().drawStream(other, n);
  assert.deepEqual(got.normals, ref.normals);
  assert.deepEqual(got.uniforms, ref.uniforms);
  assert.equal(other.getState(), rng.getState());
  // values beyond the ziggurat's base strip (R ≈ 3.4426) come only from its tail branch
  assert.ok(
    ref.normals.some((z) => Math.abs(z) > 3.4426),
    'the draws never reached the tail, so it went untested',
  );
});

test('sampleRow writes the bits of sampleShell + projectRows for every norm, radial law and column kind', () => {
  const center = Float32Array.from([0.2, 0.95, 0.5, 1, 0, 0, 1, 0, 1, 0, 0.3, 1]);
  const specs: ShellSpec[] = [
    { a0: 0, a1: 0.3, p: 2, radial: 'volume' },
    { a0: 0.4, a1: 0.9, p: 2, radial: 'volume' },
    { a0: 0.2, a1: 0.5, p: 1, radial: 'radius' },
    { a0: 0.2, a1: 0.5, p: 2, radial: 'radius' },
    { a0: 1e-35, a1: 1e-34, p: 2, radial: 'volume' }, // a1ᵏ underflows: every sample is the center
    { a0: 1e30, a1: 1e31, p: 2, radial: 'volume' }, // a1ᵏ overflows: the radius falls back to uniform
  ];
  for (const s of specs) {
    for (const layout of [MIXED, null]) {
      const want = reference(5, center, MIXED_DIMS, s, 700, 3, layout);
      const got = viaWasm(5, center, MIXED_DIMS, s, 700, 3, layout);
      assert.equal(firstDifference(got.out, want.out), -1, `${JSON.stringify(s)} ${layout ? 'projected' : 'raw'}`);
      assert.equal(got.state, want.state);
    }
  }
});

test('sampleRow projects ties as projectRows does: a binary at exactly 0.5, a one-hot group of equal values', () => {
  // a zero radius leaves every sample at the center, so the projection sees the tie itself
  const center = Float32Array.from([0, 1, 0.5, 0.5, 0.49999997, 0.5, 0.5, 0.5, 0.25, 0.25, 0.3, 1]);
  const s: ShellSpec = { a0: 0, a1: 0, p: 2, radial: 'volume' };
  const want = reference(3, center, MIXED_DIMS, s, 4, 0, MIXED);
  const got = viaWasm(3, center, MIXED_DIMS, s, 4, 0, MIXED);
  assert.deepEqual(Array.from(want.out.subarray(0, 12)), [0, 1, 0.5, 1, 0, 1, 0, 0, 1, 0, Math.fround(0.3), 1]);
  assert.equal(firstDifference(got.out, want.out), -1);
});

test('sampleRow: more samples than one chunk, no mutable column, and a job after a wider one', () => {
  const wide = Float32Array.from({ length: 70 }, (_, j) => (j * 0.137) % 1);
  const wideDims = [...Array(64).keys()];
  const count = 9000; // chunks of 2^18 bytes hold 936 rows of 70 columns
  const s: ShellSpec = { a0: 0.1, a1: 0.2, p: 2, radial: 'volume' };
  let want = reference(8, wide, wideDims, s, count, 0, null);
  let got = viaWasm(8, wide, wideDims, s, count, 0, null);
  assert.equal(firstDifference(got.out, want.out), -1);
  assert.equal(got.state, want.state);
  const center = Float32Array.from([0.3, 0.7, 1]);
  want = reference(9, center, [], s, 50, 1, null);
  got = viaWasm(9, center, [], s, 50, 1, null);
  assert.equal(firstDifference(got.out, want.out), -1);
  assert.equal(got.state, want.state, 'no column to move: no draw');
  want = reference(10, Float32Array.from(center.subarray(0, 2)), [1], { ...s, p: 1 }, 40, 0, null);
  got = viaWasm(10, Float32Array.from(center.subarray(0, 2)), [1], { ...s, p: 1 }, 40, 0, null);
  assert.equal(firstDifference(got.out, want.out), -1, 'a narrower job after a wider one');
});

test('completeRows equals completing each factual with its decoded columns, then projectRows (C-CHVAE candidates)', () => {
  const rng = new Rng(21);
  const d = MIXED.d;
  const columns = [2, 0, 5, 6, 7, 3, 9]; // decoder output order need not follow the columns'
  const count = 7000; // more rows per factual than one chunk holds (5461 of 12 columns)
  const groups = 3;
  const rows = count * groups;
  const factuals = Float32Array.from({ length: groups * d }, () => (rng.next() < 0.3 ? Math.round(rng.next()) : rng.next()));
  const dec = Float32Array.from({ length: rows * columns.length }, () => rng.next() * 1.2 - 0.1);
  const want = new Float32Array(rows * d);
  for (let r = 0; r < rows; r++) {
    const f = Math.floor(r / count);
    want.set(factuals.subarray(f * d, (f + 1) * d), r * d);
    columns.forEach((c, t) => (want[r * d + c] = dec[r * columns.length + t]));
  }
  projectRows(MIXED, want, factuals, (r) => Math.floor(r / count));
  const got = new Float32Array(rows * d).fill(-7);
  shellKernel().completeRows(dec, rows, count, factuals, columns, MIXED, got);
  assert.equal(firstDifference(got, want), -1);
  // the immutable columns (10, 11) are each row's factual's
  assert.ok([...Array(rows).keys()].every((r) => got[r * d + 10] === factuals[Math.floor(r / count) * d + 10]));
});

test(`${SHELL_WASM_FILE} is what src/engine/shells/shell-sampler.wat compiles to (run npm run build:wasm after editing it)`, async () => {
  const built = Buffer.from(await compileShellWat());
  assert.ok(built.equals(readFileSync(SHELL_WASM_FILE)), `${SHELL_WASM_FILE} is stale: run npm run build:wasm`);
});
