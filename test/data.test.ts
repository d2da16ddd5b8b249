import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  datasetNames,
  datasetSpec,
  defineDataset,
  getDataset,
  loadDataset,
  parseTable,
  parseTableBytes,
  registerDataset,
  syntheticDataset,
  applyMinMax,
  fitMinMax,
} from '../src/data';
import { featureLayout } from '../src/data/layout';
import { RecourseError } from '../src/util/errors';
import { matrix } from '../src/util/matrix';
import { DATA_DIR, fixtureDir, HAVE_DATA, tempDir } from './helpers';

const compas = datasetSpec('compas');
const header = [...compas.features, compas.label].join(',');
const goodRow = '30,1,2,3,1,0,1,1';
const table = (...rows: string[]) => [header, ...rows].join('\n') + '\n';

/** Loads compas from a fixture dir with the given train text and a valid test file. */
async function loadCompasWith(train: string) {
  return loadDataset('compas', { dataDir: fixtureDir({ 'compas-train.csv': train, 'compas-test.csv': table(goodRow) }) });
}

test('registry: feature metadata matches the dataset README', () => {
  const g = datasetSpec('german');
  assert.equal(g.features.length, 60);
  assert.deepEqual(
    g.oneHotGroups.map((x) => x.length),
    [4, 5, 10, 5, 5, 4, 3, 4, 3, 3, 4, 2],
  );
  assert.equal(g.types.filter((t) => t === 'continuous').length, 8);
  assert.deepEqual(
    datasetSpec('adult').immutable.map((i) => datasetSpec('adult').features[i]),
    ['age', 'sex_Male'],
  );
  assert.deepEqual(
    compas.immutable.map((i) => compas.features[i]),
    ['age', 'sex_Female', 'race'],
  );
  assert.throws(() => datasetSpec('mnist'), /unknown dataset 'mnist'; choose one of german, adult, compas, synthetic/);
});

test('real data: shapes, labels in {0,1}, scaling fitted on train, test clipped and counted', { skip: !HAVE_DATA && 'no data dir' }, async () => {
  for (const [name, tr, te, d] of [
    ['german', 800, 200, 60],
    ['adult', 36177, 9045, 13],
    ['compas', 4937, 1235, 7],
  ] as const) {
    const ds = await getDataset(name, { dataDir: DATA_DIR });
    assert.equal(ds.train.x.rows, tr);
    assert.equal(ds.test.x.rows, te);
    assert.equal(ds.train.x.cols, d);
    let min = Infinity,
      max = -Infinity;
    for (const v of ds.train.x.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assert.ok(min >= 0 && max <= 1, `${name} train scaled into [0,1]`);
    for (const v of ds.test.x.data) assert.ok(v >= 0 && v <= 1);
    assert.ok([...ds.train.y].every((v) => v === 0 || v === 1));
    // German's one-hot groups are exactly one-hot in the data
    for (const g of ds.spec.oneHotGroups) {
      for (let i = 0; i < ds.train.x.rows; i++)
        assert.equal(
          g.reduce((s, j) => s + ds.train.x.data[i * d + j], 0),
          1,
        );
    }
  }
});

test('min–max scaling: fitted on train only, out-of-range test cells clipped and counted', () => {
  const train = matrix(2, 2, Float32Array.from([0, 10, 2, 20]));
  const s = fitMinMax(train);
  const { x, clipped } = applyMinMax(matrix(2, 2, Float32Array.from([1, 30, -1, 10])), s);
  assert.deepEqual(Array.from(x.data), [0.5, 1, 0, 0]);
  assert.equal(clipped, 2);
});

test('bad input: missing file names the directory and RECOURSE_DATA_DIR', async () => {
  const dir = fixtureDir({ 'compas-train.csv': table(goodRow) });
  await assert.rejects(
    loadDataset('compas', { dataDir: dir }),
    (e: Error) => e.message.includes('compas-test.csv not found in ' + dir) && e.message.includes('RECOURSE_DATA_DIR'),
  );
});

test('bad input: missing and extra columns are named', async () => {
  const noAge = [compas.features.slice(1), compas.label].flat().join(',') + '\n1,2,3,1,0,1,1\n';
  await assert.rejects(loadCompasWith(noAge), /line 1 \(header\): missing column\(s\) 'age'/);
  await assert.rejects(loadCompasWith(header + ',zip\n' + goodRow + ',5\n'), /unexpected column\(s\) 'zip'/);
});

test('bad input: non-numeric, NaN and empty cells name file, line and column', async () => {
  await assert.rejects(
    loadCompasWith(table(goodRow, '30,1,abc,3,1,0,1,1')),
    /compas-train\.csv, line 3, column 3 \('priors_count'\): 'abc' is not a plain decimal number/,
  );
  await assert.rejects(loadCompasWith(table('NaN,1,2,3,1,0,1,1')), /line 2, column 1 \('age'\): 'NaN' is not a plain decimal number/);
  await assert.rejects(loadCompasWith(table('30,1,,3,1,0,1,1')), /line 2, column 3 \('priors_count'\): empty cell/);
  await assert.rejects(
    loadCompasWith(table('0x1E,1,2,3,1,0,1,1')),
    /line 2, column 1 \('age'\): '0x1E' is not a plain decimal number \(NaN, missing values and hexadecimal are not allowed\)/,
  );
  await assert.rejects(
    loadCompasWith(table('30,1,2,1e39,1,0,1,1')),
    /line 2, column 4 \('length_of_stay'\): '1e39' is outside the float32 range \(\|v\| ≤ 3\.4e38\)/,
  );
  await assert.rejects(loadCompasWith(table('30,1,2,3,1,0,1')), /line 2: 7 cells, expected 8/);
});

test('bad input: label outside {0,1}, empty file, header only', async () => {
  await assert.rejects(loadCompasWith(table('30,1,2,3,1,0,1,2')), /line 2, column 8 \('risk'\): label '2' is not 0 or 1/);
  await assert.rejects(loadCompasWith(''), /compas-train\.csv: the file is empty/);
  await assert.rejects(loadCompasWith(header + '\n'), /header but no data rows/);
});

test('bad input: UTF-16 without a byte-order mark and Latin-1 bytes are named, not parsed as garbage', () => {
  const text = table(goodRow);
  assert.throws(
    () => parseTableBytes(Buffer.from(text, 'utf16le'), 'x.csv', compas),
    /^RecourseError: x\.csv contains NUL bytes \(binary data or UTF-16\), not UTF-8 text; save it as UTF-8 CSV\./,
  );
  assert.throws(
    () => parseTableBytes(Buffer.from(table(goodRow, '30,1,2,3,1,0,\xe9,1'), 'latin1'), 'x.csv', compas),
    /^RecourseError: x\.csv, line 3: not valid UTF-8 text; save the file as UTF-8\./,
  );
});

test('CSV and TSV are both accepted, columns in any order, quotes stripped', () => {
  const cols = [...compas.features, compas.label].reverse();
  const vals = goodRow.split(',').reverse();
  const tsv = cols.map((c) => `"${c}"`).join('\t') + '\n' + vals.join('\t') + '\n';
  const r = parseTable(tsv, 'x.tsv', compas);
  assert.deepEqual(Array.from(r.x.data), [30, 1, 2, 3, 1, 0, 1]);
  assert.deepEqual(Array.from(r.y), [1]);
});

test('synthetic dataset: seeded, any n and d, labels depend on features', () => {
  const a = syntheticDataset({ n: 200, d: 7, seed: 3 });
  const b = syntheticDataset({ n: 200, d: 7, seed: 3 });
  const c = syntheticDataset({ n: 200, d: 7, seed: 4 });
  assert.deepEqual(a.train.x.data, b.train.x.data);
  assert.notDeepEqual(a.train.x.data, c.train.x.data);
  assert.equal(a.train.x.cols, 7);
  const pos = a.train.y.reduce((s, v) => s + v, 0) / 200;
  assert.ok(pos > 0.2 && pos < 0.8, `balanced-ish labels, got ${pos}`);
  assert.throws(() => syntheticDataset({ n: 0 }), /n must be a positive integer/);
});

// ---- Dataverse download path, against a local server on 127.0.0.1 ----

async function withServer(handler: (path: string) => { status: number; body: string } | 'hang', fn: (base: string) => Promise<void>) {
  const server: Server = createServer((req, res) => {
    const r = handler(req.url ?? '');
    if (r === 'hang') return; // never answers
    res.writeHead(r.status, { 'content-type': 'text/tab-separated-values' });
    res.end(r.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/access/datafile/`;
  try {
    await fn(base);
  } finally {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  }
}

const tsvTable = (...rows: string[]) => [[...compas.features, compas.label].join('\t'), ...rows.map((r) => r.replace(/,/g, '\t'))].join('\n') + '\n';

test('download: valid TSV is fetched by file id, validated, cached, and then read from the cache', async () => {
  const hits: string[] = [];
  await withServer(
    (p) => {
      hits.push(p);
      return { status: 200, body: tsvTable(goodRow, '40,0,1,2,0,1,0,0') };
    },
    async (base) => {
      const cache = tempDir();
      const ds = await loadDataset('compas', { baseUrl: base, cacheDir: cache, dataDir: null });
      assert.equal(ds.source.kind, 'download');
      assert.equal(ds.train.x.rows, 2);
      assert.deepEqual(hits.sort(), ['/api/access/datafile/8550936', '/api/access/datafile/8550944']);
      assert.ok(existsSync(join(cache, 'compas-train.tsv')));
      const again = await loadDataset('compas', { baseUrl: base, cacheDir: cache, dataDir: null });
      assert.equal(again.source.kind, 'cache');
      assert.equal(hits.length, 2, 'second load does not download');
    },
  );
});

test('download: garbage, 404 and a server that never answers give errors naming the URL and RECOURSE_DATA_DIR', async () => {
  await withServer(
    () => ({ status: 200, body: '<html>maintenance</html>' }),
    async (base) => {
      await assert.rejects(
        loadDataset('compas', { baseUrl: base, cacheDir: tempDir(), dataDir: null }),
        (e: Error) => e.message.includes(`${base}8550936 is not a valid compas table`) && e.message.includes('RECOURSE_DATA_DIR'),
      );
    },
  );
  await withServer(
    () => ({ status: 404, body: 'not found' }),
    async (base) => {
      await assert.rejects(
        loadDataset('compas', { baseUrl: base, cacheDir: tempDir(), dataDir: null }),
        (e: Error) => e.message.includes(`${base}8550936 answered HTTP 404`) && e.message.includes('RECOURSE_DATA_DIR'),
      );
    },
  );
  await withServer(
    () => 'hang',
    async (base) => {
      await assert.rejects(
        loadDataset('compas', { baseUrl: base, cacheDir: tempDir(), timeoutMs: 300, dataDir: null }),
        (e: Error) => e.message.includes('no answer within 0.3 s') && e.message.includes('RECOURSE_DATA_DIR'),
      );
    },
  );
});

test('a corrupt cached dataset file is downloaded again with one warning, and replaced', async () => {
  const cache = fixtureDir({ 'compas-train.tsv': 'garbage\n1\n', 'compas-test.tsv': tsvTable(goodRow) });
  const hits: string[] = [];
  await withServer(
    (p) => {
      hits.push(p);
      return { status: 200, body: tsvTable(goodRow, '40,0,1,2,0,1,0,0') };
    },
    async (base) => {
      const ds = await loadDataset('compas', { baseUrl: base, cacheDir: cache, dataDir: null });
      assert.equal(ds.train.x.rows, 2);
      assert.deepEqual(hits, ['/api/access/datafile/8550936'], 'only the bad split is fetched');
    },
  );
  assert.equal(readFileSync(join(cache, 'compas-train.tsv'), 'utf8'), tsvTable(goodRow, '40,0,1,2,0,1,0,0'));
});

// ---- datasets by name: definitions, registration, discovery ----

const loans = {
  name: 'loans',
  label: 'approved',
  features: ['income', 'debt', 'age', 'home_own', 'home_rent'],
  oneHotGroups: [['home_own', 'home_rent']],
  immutable: ['age'],
};

test('defineDataset resolves names to the index shape every consumer uses', () => {
  const spec = defineDataset(loans);
  assert.deepEqual(spec.oneHotGroups, [[3, 4]]);
  assert.deepEqual(spec.immutable, [2]);
  assert.deepEqual(spec.types, ['continuous', 'continuous', 'continuous', 'binary', 'binary']);
  assert.equal(featureLayout(5, spec).groups.length, 1);
});

test('defineDataset: every mistake is one error naming the field', () => {
  const bad: [object, RegExp][] = [
    [{ ...loans, immutable: ['agee'] }, /immutable column 'agee' is not one of the features \(income, debt, age, home_own, home_rent\)/],
    [
      {
        ...loans,
        oneHotGroups: [
          ['home_own', 'home_rent'],
          ['home_rent', 'debt'],
        ],
      },
      /column 'home_rent' is in one-hot groups 1 and 2; groups must not overlap/,
    ],
    [{ ...loans, oneHotGroups: [['home_own', 'nope']] }, /one-hot group 1 column 'nope' is not one of the features/],
    [{ ...loans, types: ['continuous'] }, /types must list one type per feature: 5 expected, got 1/],
    [
      { ...loans, types: ['continuous', 'continuous', 'continuous', 'continuous', 'binary'] },
      /column 'home_own' is in a one-hot group, so its type must be binary/,
    ],
    [{ ...loans, features: ['income', 'income'] }, /feature 'income' is listed twice/],
    [{ ...loans, label: 'income' }, /the label 'income' is also listed as a feature/],
    [{ ...loans, name: 'My Data' }, /name must be lower-case letters/],
    [{ ...loans, name: 'synthetic' }, /reserved/],
    [{ ...loans, immutables: ['age'] }, /unknown field\(s\) 'immutables'; valid fields: name, label, features/],
    [{ ...loans, dataverse: { train: 'x' } }, /dataverse must be/],
  ];
  for (const [def, re] of bad)
    assert.throws(
      () => defineDataset(def as never),
      (e: Error) => e instanceof RecourseError && re.test(e.message),
      JSON.stringify(def),
    );
});

test('registerDataset: a local CSV pair becomes a dataset by name; a clash and a missing download source are clear errors', async () => {
  const header = 'income,debt,age,home_own,home_rent,approved';
  const dir = fixtureDir({ 'a.csv': `${header}\n10,2,30,1,0,1\n5,4,40,0,1,0\n`, 'b.csv': `${header}\n7,3,35,1,0,1\n` });
  const spec = registerDataset({ ...loans, files: { train: join(dir, 'a.csv'), test: join(dir, 'b.csv') } });
  assert.ok(datasetNames().includes('loans'));
  assert.equal(datasetSpec('loans'), spec);
  const ds = await getDataset('loans');
  assert.deepEqual([ds.train.x.rows, ds.test.x.rows, ds.train.x.cols], [2, 1, 5]);
  assert.throws(() => registerDataset({ ...loans, immutable: [] }), /dataset 'loans' is already registered with a different definition/);
  registerDataset({ ...loans, name: 'nodl' });
  await assert.rejects(
    loadDataset('nodl', { dataDir: null, cacheDir: tempDir() }),
    /dataset 'nodl' has no download source; put nodl-train\.csv and nodl-test\.csv in a folder and set RECOURSE_DATA_DIR to it/,
  );
});

test('<name>.spec.json next to the CSV pair is discovered and validated', async () => {
  const rows = 'income,debt,age,home_own,home_rent,approved\n10,2,30,1,0,1\n5,4,40,0,1,0\n';
  const dir = fixtureDir({ 'credit.spec.json': JSON.stringify({ ...loans, name: undefined }), 'credit-train.csv': rows, 'credit-test.csv': rows });
  const ds = await loadDataset('credit', { dataDir: dir });
  assert.equal(ds.spec.name, 'credit');
  assert.deepEqual(ds.spec.immutable, [2]);
  assert.ok(datasetNames(dir).includes('credit'));
  const broken = (spec: string) =>
    loadDataset('credit', { dataDir: fixtureDir({ 'credit.spec.json': spec, 'credit-train.csv': rows, 'credit-test.csv': rows }) });
  await assert.rejects(broken('{"label": "approved",'), /credit\.spec\.json is not valid JSON/);
  await assert.rejects(broken(JSON.stringify({ ...loans, name: 'other' })), /credit\.spec\.json: name 'other' does not match the file name/);
  await assert.rejects(
    broken(JSON.stringify({ ...loans, name: undefined, immutable: ['agee'] })),
    /credit\.spec\.json: immutable column 'agee' is not one of the features/,
  );
  await assert.rejects(
    loadDataset('mnist', { dataDir: dir }),
    /unknown dataset 'mnist'; choose one of german, adult, compas, .*credit, synthetic, or add one: <name>\.spec\.json/,
  );
});
