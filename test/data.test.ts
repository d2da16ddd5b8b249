import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetSpec, getDataset, loadDataset, parseTable, syntheticDataset, applyMinMax, fitMinMax } from '../src/data';
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
  assert.deepEqual(g.oneHotGroups.map((x) => x.length), [4, 5, 10, 5, 5, 4, 3, 4, 3, 3, 4, 2]);
  assert.equal(g.types.filter((t) => t === 'continuous').length, 8);
  assert.deepEqual(datasetSpec('adult').immutable.map((i) => datasetSpec('adult').features[i]), ['age', 'sex_Male']);
  assert.deepEqual(compas.immutable.map((i) => compas.features[i]), ['age', 'sex_Female', 'race']);
  assert.throws(() => datasetSpec('mnist'), /unknown dataset 'mnist'; choose one of german, adult, compas, synthetic/);
});

test('real data: shapes, labels in {0,1}, scaling fitted on train, test clipped and counted', { skip: !HAVE_DATA && 'no data dir' }, async () => {
  for (const [name, tr, te, d] of [['german', 800, 200, 60], ['adult', 36177, 9045, 13], ['compas', 4937, 1235, 7]] as const) {
    const ds = await getDataset(name, { dataDir: DATA_DIR });
    assert.equal(ds.train.x.rows, tr);
    assert.equal(ds.test.x.rows, te);
    assert.equal(ds.train.x.cols, d);
    let min = Infinity, max = -Infinity;
    for (const v of ds.train.x.data) { min = Math.min(min, v); max = Math.max(max, v); }
    assert.ok(min >= 0 && max <= 1, `${name} train scaled into [0,1]`);
    for (const v of ds.test.x.data) assert.ok(v >= 0 && v <= 1);
    assert.ok([...ds.train.y].every((v) => v === 0 || v === 1));
    // German's one-hot groups are exactly one-hot in the data
    for (const g of ds.spec.oneHotGroups) {
      for (let i = 0; i < ds.train.x.rows; i++) assert.equal(g.reduce((s, j) => s + ds.train.x.data[i * d + j], 0), 1);
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
  await assert.rejects(loadDataset('compas', { dataDir: dir }), (e: Error) =>
    e.message.includes('compas-test.csv not found in ' + dir) && e.message.includes('RECOURSE_DATA_DIR'));
});

test('bad input: missing and extra columns are named', async () => {
  const noAge = [compas.features.slice(1), compas.label].flat().join(',') + '\n1,2,3,1,0,1,1\n';
  await assert.rejects(loadCompasWith(noAge), /line 1 \(header\): missing column\(s\) 'age'/);
  await assert.rejects(loadCompasWith(header + ',zip\n' + goodRow + ',5\n'), /unexpected column\(s\) 'zip'/);
});

test('bad input: non-numeric, NaN and empty cells name file, line and column', async () => {
  await assert.rejects(loadCompasWith(table(goodRow, '30,1,abc,3,1,0,1,1')), /compas-train\.csv, line 3, column 'priors_count': 'abc' is not a finite number/);
  await assert.rejects(loadCompasWith(table('NaN,1,2,3,1,0,1,1')), /line 2, column 'age': 'NaN' is not a finite number/);
  await assert.rejects(loadCompasWith(table('30,1,,3,1,0,1,1')), /line 2, column 'priors_count': empty cell/);
  await assert.rejects(loadCompasWith(table('30,1,2,3,1,0,1')), /line 2: 7 cells, expected 8/);
});

test('bad input: label outside {0,1}, empty file, header only', async () => {
  await assert.rejects(loadCompasWith(table('30,1,2,3,1,0,1,2')), /line 2, column 'risk': label 2 is not 0 or 1/);
  await assert.rejects(loadCompasWith(''), /compas-train\.csv: the file is empty/);
  await assert.rejects(loadCompasWith(header + '\n'), /header but no data rows/);
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
  await withServer((p) => { hits.push(p); return { status: 200, body: tsvTable(goodRow, '40,0,1,2,0,1,0,0') }; }, async (base) => {
    const cache = tempDir();
    const ds = await loadDataset('compas', { baseUrl: base, cacheDir: cache, dataDir: null });
    assert.equal(ds.source.kind, 'download');
    assert.equal(ds.train.x.rows, 2);
    assert.deepEqual(hits.sort(), ['/api/access/datafile/8550936', '/api/access/datafile/8550944']);
    assert.ok(existsSync(join(cache, 'compas-train.tsv')));
    const again = await loadDataset('compas', { baseUrl: base, cacheDir: cache, dataDir: null });
    assert.equal(again.source.kind, 'cache');
    assert.equal(hits.length, 2, 'second load does not download');
  });
});

test('download: garbage, 404 and a server that never answers give errors naming the URL and RECOURSE_DATA_DIR', async () => {
  await withServer(() => ({ status: 200, body: '<html>maintenance</html>' }), async (base) => {
    await assert.rejects(loadDataset('compas', { baseUrl: base, cacheDir: tempDir(), dataDir: null }),
      (e: Error) => e.message.includes(`${base}8550936 is not a valid compas table`) && e.message.includes('RECOURSE_DATA_DIR'));
  });
  await withServer(() => ({ status: 404, body: 'not found' }), async (base) => {
    await assert.rejects(loadDataset('compas', { baseUrl: base, cacheDir: tempDir(), dataDir: null }),
      (e: Error) => e.message.includes(`${base}8550936 answered HTTP 404`) && e.message.includes('RECOURSE_DATA_DIR'));
  });
  await withServer(() => 'hang', async (base) => {
    await assert.rejects(loadDataset('compas', { baseUrl: base, cacheDir: tempDir(), timeoutMs: 300, dataDir: null }),
      (e: Error) => e.message.includes('no answer within 0.3 s') && e.message.includes('RECOURSE_DATA_DIR'));
  });
});

test('a corrupt cached dataset file is reported by name with the fix', async () => {
  const cache = fixtureDir({ 'compas-train.tsv': 'garbage\n1\n', 'compas-test.tsv': tsvTable(goodRow) });
  await assert.rejects(loadDataset('compas', { cacheDir: cache, dataDir: null }),
    (e: Error) => e.message.includes(join(cache, 'compas-train.tsv')) && e.message.includes('delete the cached copy'));
  assert.ok(readFileSync(join(cache, 'compas-train.tsv'), 'utf8').startsWith('garbage'));
});
