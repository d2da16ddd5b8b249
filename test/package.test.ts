/**
 * The library as others install it: `npm pack` (which builds dist/ with its .d.ts), the tarball installed into
 * an empty project with `npm install`, the API imported by name from a script and type-checked, a small recourse
 * run on the synthetic dataset, and `npx recourse explain` run from that project. npm applies only the installing
 * project's `overrides`, so the project takes ours (README, "In a project of your own"): on a registry without
 * tfjs-node's binary or a newer flechette's dependencies they are what lets the install finish.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './helpers';

const root = resolve('.');
/** Runs a command; its temporary files (npm's, core-js's install banner) go to a folder this test removes. */
const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, TMPDIR: tempDir('package-tmp-'), ...env }, timeout: 8 * 60_000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
};

test('the packed library installs into an empty project, imports by name with types, runs a recourse, and its CLI runs there', { timeout: 15 * 60_000 }, () => {
  const packs = tempDir('pack-');
  run('npm', ['pack', '--pack-destination', packs, '--silent'], root);
  const [tarball] = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote a tarball');
  const project = tempDir('consumer-');
  const { overrides } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module', overrides }));
  run('npm', ['install', join(packs, tarball), '--no-audit', '--no-fund', '--prefer-offline'], project);

  const script = [
    "import { initBackend, getDataset, fitModel, gsm, RECOURSE_METHOD_NAMES } from 'robust-recourse';",
    'await initBackend({ quiet: true });',
    "const ds = await getDataset('synthetic');",
    "const { net } = fitModel(ds, { kind: 'lr', eps: 0, epochs: 5 });",
    'const x = { rows: 5, cols: ds.test.x.cols, data: ds.test.x.data.slice(0, 5 * ds.test.x.cols) };',
    'const r = await gsm.generate(net, x, { samplesPerShell: 200 }, { spec: ds.spec });',
    'console.log(JSON.stringify({ rows: r.counterfactuals.rows, found: r.found.length, methods: RECOURSE_METHOD_NAMES.length }));',
  ].join('\n');
  writeFileSync(join(project, 'use.mjs'), script);
  const out = JSON.parse(
    run(process.execPath, ['use.mjs'], project, { RECOURSE_QUIET: '1', RECOURSE_CACHE_DIR: tempDir('consumer-cache-') })
      .trim()
      .split('\n')
      .pop()!,
  );
  assert.deepEqual(out, { rows: 5, found: 5, methods: 5 });

  // the types: a TypeScript file in the project is checked against the installed package's .d.ts
  writeFileSync(
    join(project, 'use.ts'),
    "import { fitModel, type RecourseMethodName } from 'robust-recourse';\nconst m: RecourseMethodName = 'gsm';\nexport const f: typeof fitModel = fitModel;\nexport { m };\n",
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true },
      files: ['use.ts'],
    }),
  );
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], project);
  // a wrong use is a type error: the types are real, not `any`
  writeFileSync(join(project, 'use.ts'), "import { fitModel } from 'robust-recourse';\nexport const n: number = fitModel;\n");
  const bad = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: project, encoding: 'utf8' });
  assert.notEqual(bad.status, 0, 'assigning a function to a number fails to type-check');

  const explain = JSON.parse(
    run('npx', ['recourse', 'explain', '--dataset', 'synthetic', '--model', 'lr', '--method', 'gsm', '--n', '5', '--epochs', '5', '--json'], project, {
      RECOURSE_QUIET: '1',
      RECOURSE_CACHE_DIR: tempDir('consumer-cli-cache-'),
    }),
  );
  assert.equal(explain.method, 'gsm');
});
