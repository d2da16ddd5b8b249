/**
 * Executes every notebook headless with Debian's Jupyter and the project's tslab kernel, on the small
 * profile (RECOURSE_PROFILE=small). Any cell error — including a TypeScript type error — fails the test.
 * Needs `npm run kernel:install` (done by .ci/run) and /usr/bin/python3 with nbclient.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const root = resolve('.');
const jupyterPath = join(root, '.jupyter', 'share', 'jupyter');
const notebooks = readdirSync(join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();
const out = mkdtempSync(join(tmpdir(), 'nb-'));

test('the tslab kernel is registered in the project prefix', () => {
  assert.ok(existsSync(join(jupyterPath, 'kernels', 'tslab', 'kernel.json')), 'run `npm run kernel:install` first');
});

for (const nb of notebooks) {
  test(`notebook ${nb} runs headless without a cell error`, { timeout: 20 * 60_000 }, () => {
    const r = spawnSync('/usr/bin/python3', ['scripts/run_notebook.py', join('notebooks', nb), join(out, nb)], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, JUPYTER_PATH: jupyterPath, RECOURSE_PROFILE: 'small', PYDEVD_DISABLE_FILE_VALIDATION: '1' },
    });
    assert.equal(r.status, 0, `${nb} failed:\n${r.stderr}\n${r.stdout}`);
    process.stderr.write(r.stdout);
  });
}
