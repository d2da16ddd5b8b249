import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { optionsMarkdown } from '../scripts/options-markdown';

test('docs/options.md is generated from the option rules in the code and is current', () => {
  assert.equal(readFileSync('docs/options.md', 'utf8'), optionsMarkdown(), 'docs/options.md is stale: run `npm run docs:options` and commit it');
});
