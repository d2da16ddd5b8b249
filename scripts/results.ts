/**
 * `npm run results -- PAPER_DIR [VARIANTS_DIR]`: writes the README's Results section from the output folders
 * of `recourse reproduce --profile paper --out PAPER_DIR` (and `--profile variants --out VARIANTS_DIR`), and
 * copies the main figures' PNGs to docs/results/.
 */
import * as aq from 'arquero';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceSection, resultsMarkdown, type RunTables } from '../src/experiments/report';

const MAIN_FIGURES = ['fig09-validity', 'fig10-cost-difference', 'fig11-adversarial-accuracy', 'fig05-depth-width', 'fig08-tsne', 'fig16-robustness'];

function load(dir: string): RunTables {
  const file = (f: string) => {
    const p = join(dir, 'results', f);
    if (!existsSync(p)) throw new Error(`${p} is missing: run recourse reproduce --out ${dir} first`);
    return readFileSync(p, 'utf8');
  };
  const csv = (f: string) => (aq.fromCSV(file(f)).objects() as Record<string, string | number>[]);
  return { summary: csv('summary.csv'), verdicts: JSON.parse(file('verdicts.json')), theory: file('theory.csv').trim() ? csv('theory.csv') : [], meta: JSON.parse(file('summary.json')) };
}

const [paperDir, variantsDir] = process.argv.slice(2);
if (!paperDir) {
  process.stderr.write('usage: npm run results -- PAPER_DIR [VARIANTS_DIR]\n');
  process.exit(2);
}
mkdirSync('docs/results', { recursive: true });
const figures: string[] = [];
for (const f of MAIN_FIGURES) {
  const src = join(paperDir, 'figures', `${f}.png`);
  if (!existsSync(src)) continue;
  copyFileSync(src, join('docs/results', `${f}.png`));
  figures.push(`docs/results/${f}.png`);
}
const section = resultsMarkdown(load(paperDir), figures, variantsDir ? load(variantsDir) : undefined);
writeFileSync('README.md', replaceSection(readFileSync('README.md', 'utf8'), section));
process.stdout.write(`README.md: Results section written from ${paperDir}${variantsDir ? ` and ${variantsDir}` : ''}; ${figures.length} figures in docs/results/\n`);
