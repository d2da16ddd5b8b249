/**
 * Property test of the CSV reader: generated malformed files (random bytes, truncated rows, odd encodings,
 * huge and tiny numbers) either load to finite values or fail with a short RecourseError; never any other
 * exception. Seeded, so a failure names a case that can be replayed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineDataset, parseTableBytes } from '../src/data';
import { RecourseError } from '../src/util/errors';
import { FLOAT32_MAX } from '../src/util/parse';
import { Rng } from '../src/util/rng';

const spec = defineDataset({ name: 'prop', label: 'y', features: ['a', 'b', 'c'] });
const enc = new TextEncoder();

const NUMBERS = [
  '0',
  '1',
  '-2.5',
  '.5',
  '5.',
  '+3',
  '1e-50',
  '3.4e38',
  '-3.4028234e38',
  '1e39',
  '1e308',
  '-1e400',
  '0x1F',
  '0b1',
  '1_000',
  'Infinity',
  '-Infinity',
  'NaN',
  '',
  ' ',
  '1e',
  'e5',
  '--1',
  '1.2.3',
  '٣',
  '１',
  '"7"',
  "'7'",
  '1,5',
  '0.1\t',
  '\u00a01',
];

function cell(rng: Rng): string {
  return rng.next() < 0.92 ? (rng.next() * 10 ** rng.int(6) * (rng.next() < 0.5 ? -1 : 1)).toPrecision(1 + rng.int(8)) : NUMBERS[rng.int(NUMBERS.length)];
}

function validText(rng: Rng): string {
  const rows = ['a,b,c,y'];
  for (let i = 0, n = 1 + rng.int(6); i < n; i++) rows.push(`${cell(rng)},${cell(rng)},${cell(rng)},${rng.int(2)}`);
  return rows.join(rng.next() < 0.8 ? '\n' : '\r\n') + (rng.next() < 0.5 ? '\n' : '');
}

/** One generated file: a table, then a random corruption. */
function generate(rng: Rng): Uint8Array {
  const text = validText(rng);
  const bytes = enc.encode(text);
  switch (rng.int(10)) {
    case 0:
      return Uint8Array.from({ length: rng.int(200) }, () => rng.int(256));
    case 1:
      return bytes.slice(0, rng.int(bytes.length + 1));
    case 2:
      return Buffer.from('\ufeff' + text, 'utf16le');
    case 3:
      return Buffer.from(text, 'utf16le');
    case 4:
      return Buffer.from(text.replace(/\r?\n/g, '\r'), 'latin1');
    case 5: {
      const b = Buffer.from(bytes);
      for (let k = rng.int(4); k >= 0; k--) if (b.length) b[rng.int(b.length)] = rng.int(256);
      return b;
    }
    case 6: {
      const chars = [...text];
      for (let k = rng.int(4); k >= 0; k--)
        chars.splice(rng.int(chars.length + 1), rng.int(2), ['"', ',', '\t', '\n', '\r', '\u0000', 'é', '🙂', ' '][rng.int(9)]);
      return enc.encode(chars.join(''));
    }
    case 7:
      return enc.encode(
        text
          .split('\n')
          .map((l) => (rng.next() < 0.3 ? l.slice(0, rng.int(l.length + 1)) : l))
          .join('\n'),
      );
    case 8:
      return enc.encode('a\tb\tc\ty\n' + text.split('\n').slice(1).join('\n').replace(/,/g, '\t'));
    default:
      return bytes;
  }
}

test('CSV reader: every generated file loads to finite float32 values or fails with a short RecourseError', () => {
  const rng = new Rng(20240101);
  let loaded = 0;
  let refused = 0;
  for (let i = 0; i < 4000; i++) {
    const bytes = generate(rng);
    try {
      const r = parseTableBytes(bytes, `case-${i}.csv`, spec);
      for (const v of r.x.data) assert.ok(Number.isFinite(v) && Math.abs(v) <= FLOAT32_MAX, `case ${i}: value ${v}`);
      for (const v of r.y) assert.ok(v === 0 || v === 1, `case ${i}: label ${v}`);
      assert.equal(r.x.rows, r.y.length);
      loaded++;
    } catch (e) {
      if (!(e instanceof RecourseError)) throw new Error(`case ${i}: ${(e as Error)?.stack ?? e}\nbytes: ${Buffer.from(bytes).toString('hex')}`);
      assert.ok(e.message.length < 600, `case ${i}: message of ${e.message.length} characters`);
      assert.ok(!/[\u0000\r\n]/.test(e.message), `case ${i}: one line without NUL or CR: ${JSON.stringify(e.message)}`);
      assert.ok(e.message.startsWith(`case-${i}.csv`), `case ${i}: names the file: ${e.message}`);
      refused++;
    }
  }
  assert.ok(loaded > 300 && refused > 300, `both outcomes are exercised (${loaded} loaded, ${refused} refused)`);
});

test('CSV reader: plain decimals within range always load, as their float32 values', () => {
  const rng = new Rng(7);
  for (let i = 0; i < 2000; i++) {
    const vals = Array.from({ length: 3 }, () => (rng.next() - 0.5) * 10 ** (rng.int(77) - 38));
    const text = `a,b,c,y\n${vals.map((v) => (rng.next() < 0.5 ? v.toExponential(rng.int(9)) : String(v))).join(',')},1\n`;
    const r = parseTableBytes(enc.encode(text), 'ok.csv', spec);
    const want = text
      .split('\n')[1]
      .split(',')
      .slice(0, 3)
      .map((t) => Math.fround(Number(t)));
    assert.deepEqual(Array.from(r.x.data), want, text);
  }
});

test('a binary column holding another value, and a one-hot group with two 1s or none, are refused with the file, line and column', () => {
  const spec = defineDataset({
    name: 'enc',
    label: 'y',
    features: ['x', 'b', 'red', 'blue'],
    types: ['continuous', 'binary', 'binary', 'binary'],
    oneHotGroups: [['red', 'blue']],
  });
  const file = (row: string) => new TextEncoder().encode(`x,b,red,blue,y\n0.5,1,1,0,1\n${row}\n`);
  assert.equal(parseTableBytes(file('0.2,0,0,1,0'), 'ok.csv', spec).x.rows, 2);
  const refused = (row: string, re: RegExp) =>
    assert.throws(
      () => parseTableBytes(file(row), 'enc.csv', spec),
      (e: Error) => e instanceof RecourseError && re.test(e.message),
      row,
    );
  refused('0.2,2,0,1,0', /^enc\.csv, line 3, column 2 \('b'\): 2 in a binary column; expected 0 or 1\./);
  refused('0.2,0,1,1,0', /^enc\.csv, line 3, column 3 \('red'\): the one-hot group 'red', 'blue' has 2 ones in this row; expected exactly one\./);
  refused('0.2,0,0,0,0', /^enc\.csv, line 3, column 3 \('red'\): the one-hot group 'red', 'blue' has 0 ones in this row; expected exactly one\./);
  refused('0.2,0,0.5,0.5,0', /column 3 \('red'\): 0\.5 in a binary column; expected 0 or 1/);
});

test('quoted fields may hold the delimiter and line breaks and are read as one cell; an unclosed or stray quote is refused with the file and line', () => {
  const spec = defineDataset({ name: 'quoted', label: 'y', features: ['size', 'rate'] });
  const r = parseTableBytes(enc.encode('"size","rate",y\n"1.5", 2 ,1\n"2.5","3",0\n'), 'q.csv', spec);
  assert.deepEqual([...r.x.data], [1.5, 2, 2.5, 3]);
  assert.deepEqual([...r.y], [1, 0]);
  const refused = (body: string, re: RegExp) =>
    assert.throws(
      () => parseTableBytes(enc.encode(body), 'q.csv', spec),
      (e: Error) => e instanceof RecourseError && re.test(e.message),
      body,
    );
  refused('size,rate,y\n"1,5",2,1\n', /^q\.csv, line 2, column 1 \('size'\): '1,5' is not a plain decimal number/);
  refused('size,rate,y\n1,2,1\n"3\n4",5,0\n', /^q\.csv, line 4, column 1 \('size'\): '3\n4' is not a plain decimal number|^q\.csv, line 4, column 1/);
  refused('size,rate,y\n1,2,1\n"3,4,0\n', /^q\.csv, line 3: a quoted field is not closed/);
  refused('size,rate,y\n1,2"x,1\n', /^q\.csv, line 2: a " inside an unquoted field/);
  refused('size,rate,y\n1,2,1\n3,4\n', /^q\.csv, line 3: 2 cells, expected 3/);
});
