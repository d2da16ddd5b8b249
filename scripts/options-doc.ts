/**
 * Writes docs/options.md from the option rules in the code (training, every recourse method, the VAE), so
 * the documented defaults and their sources cannot drift from what runs. `--check` exits 1 when the file
 * is stale instead of writing it (the tests use it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { optionsMarkdown } from './options-markdown';

const file = 'docs/options.md';
const text = optionsMarkdown();
if (process.argv.includes('--check')) {
  const current = readFileSync(file, 'utf8');
  if (current !== text) {
    process.stderr.write(`${file} is stale: run \`npm run docs:options\` and commit it\n`);
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  process.stdout.write(`wrote ${file}\n`);
}
