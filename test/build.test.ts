/**
 * The compiled library the notebooks import (`dist/`, `npm run build`, run by `npm ci`): it loads in plain Node
 * with the API the notebooks name, and a build older than a source file refuses to load with one line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBuildFresh } from '../src/util/build-check';
import { tempDir } from './helpers';

test('a build older than a source is refused in one line naming the file and the fix; a fresh one, or one outside a checkout, loads', () => {
  const root = tempDir('build-');
  mkdirSync(join(root, 'src', 'models'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  const built = join(root, 'dist', 'index.js');
  writeFileSync(built, '');
  writeFileSync(join(root, 'src', 'models', 'net.ts'), '');
  const t = Date.now() / 1000;
  utimesSync(built, t - 100, t - 100);
  utimesSync(join(root, 'src', 'models', 'net.ts'), t, t);
  assert.throws(
    () => checkBuildFresh(built),
    /^RecourseError: the compiled library in dist\/ is older than src\/models\/net\.ts: run `npm run build` in the project folder, then restart the kernel$/,
  );
  utimesSync(built, t + 100, t + 100);
  assert.doesNotThrow(() => checkBuildFresh(built));
  assert.doesNotThrow(() => checkBuildFresh(join(root, 'src', 'index.ts')), 'the sources run directly are not a build');
});

test(
  "dist/ loads in plain Node (CommonJS) with the notebooks' API",
  { skip: !existsSync('dist/index.js') && 'no dist/: run npm run build (npm ci does)' },
  () => {
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        "const m = require('./dist/index.js'); console.log(['getDataset', 'notebookRun', 'saveFigures', 'initPlotly', 'fig2'].map((k) => typeof m[k]).join(' '))",
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'function function function function function');
  },
);
