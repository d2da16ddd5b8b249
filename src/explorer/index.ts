/**
 * The trade-off explorer (docs/explorer.md): `writeExplorer(dir)` reads a `recourse reproduce` results folder
 * (results/summary.csv, results/models-summary.csv, results/people.json) and writes DIR/explorer.html.
 */
import * as aq from 'arquero';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePeople, type PeopleFile } from '../experiments/people';
import { RecourseError } from '../util/errors';
import { readUserFile, writeOutputFile } from '../util/files';
import { explorerData, type ExplorerData, type ModelInput, type SummaryInput } from './explorer-data';
import { explorerHtml } from './page';

export { explorerData, frontier, type ExplorerData } from './explorer-data';
export { explorerHtml } from './page';
export { categoryOf, groupNames, showRow, toOriginal, toScaled } from './original-units';
export { runExplorerData, showExplorer } from './run';

const FIX = 'point it at a folder written by `recourse reproduce --out DIR`';

function readTable<T>(file: string): T[] {
  const text = readUserFile(file, FIX).toString('utf8');
  return aq.fromCSV(text).objects() as T[];
}

/** The explorer's data from a results folder (DIR/results/…); a missing people file leaves out the person view. */
export function readExplorerData(dir: string): ExplorerData {
  const results = join(dir, 'results');
  if (!existsSync(join(results, 'summary.csv'))) throw new RecourseError(`${dir} has no results/summary.csv; ${FIX}`);
  const summary = readTable<SummaryInput>(join(results, 'summary.csv'));
  if (!summary.length) throw new RecourseError(`${join(results, 'summary.csv')} has no rows; ${FIX}`);
  const models = existsSync(join(results, 'models-summary.csv')) ? readTable<ModelInput>(join(results, 'models-summary.csv')) : [];
  const peopleFile = join(results, 'people.json');
  let people: PeopleFile | null = null;
  if (existsSync(peopleFile)) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(peopleFile, 'utf8'));
    } catch {
      throw new RecourseError(`${peopleFile} is not valid JSON; run \`recourse reproduce\` again to write it`);
    }
    people = decodePeople(raw, peopleFile);
  }
  const meta = runMeta(join(results, 'summary.json'));
  return explorerData(summary, models, people, `Robustness against recourse — ${meta.profile ? `the ${meta.profile} profile` : dir}`);
}

/** The run's profile from summary.json ({} when the file is absent or unreadable: the title then names the folder). */
function runMeta(file: string): { profile?: string } {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { profile?: string };
  } catch {
    return {};
  }
}

/** Writes DIR/explorer.html (atomically) and returns its path and size. */
export function writeExplorer(dir: string): { file: string; bytes: number } {
  const html = explorerHtml(readExplorerData(dir), existsSync(join(dir, 'figures')) ? 'figures/' : null);
  const file = join(dir, 'explorer.html');
  writeOutputFile(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}
