import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { optionsMarkdown } from '../scripts/options-markdown';

test('docs/options.md is generated from the option rules in the code and is current', () => {
  assert.equal(readFileSync('docs/options.md', 'utf8'), optionsMarkdown(), 'docs/options.md is stale: run `npm run docs:options` and commit it');
});

test('every `npx recourse` example in the README names a command and flags that the command line accepts', async () => {
  const { COMMANDS } = await import('../src/cli/commands');
  const { parseArgs } = await import('../src/cli/args');
  const lines = readFileSync('README.md', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('npx recourse '));
  assert.ok(lines.length >= 10, `README examples found: ${lines.length}`);
  for (const line of lines) {
    const [name, ...argv] = line
      .replace(/\s+#.*$/, '')
      .trim()
      .split(/\s+/)
      .slice(2);
    const cmd = COMMANDS.find((c) => c.name === name);
    assert.ok(cmd, `README: unknown command in '${line}'`);
    assert.doesNotThrow(() => parseArgs(argv, cmd!), `README: '${line}'`);
  }
});
