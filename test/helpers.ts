/** Shared test fixtures: temp dirs, real-data availability, CLI runs. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DATA_DIR = process.env.RECOURSE_DATA_DIR ?? resolve('..', 'shared', 'data');
export const HAVE_DATA = existsSync(join(DATA_DIR, 'adult-train.csv'));

/** Folders made by `tempDir` in this test file's process; each is removed when the process exits. */
const made = new Set<string>();
process.on('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh temporary folder, removed with everything in it when this test file's process exits. */
export function tempDir(prefix = 'recourse-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Writes files {name: text} into a fresh temp dir and returns its path. */
export function fixtureDir(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs the CLI (`recourse ...args`) and returns exit code, stdout and stderr. */
export function runCli(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, RECOURSE_DATA_DIR: DATA_DIR, ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The rows of a results CSV written by `writeTables` (no quoted fields), as strings. */
export function readCsv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

/** The table without columns that measure time or cache use (they differ between runs by nature). */
export function stable(rows: Record<string, string>[]): Record<string, string>[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !/seconds|Seconds|fromCache/.test(k))));
}

/**
 * Opens file `path` in headless Chromium with every network request refused, runs `use` on the page, and
 * closes the browser; returns the refused requests' URLs (an offline page asks for none).
 */
export async function withOfflinePage(path: string, use: (page: import('playwright-core').Page) => Promise<void>): Promise<string[]> {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_PATH } = await import('../src/figures/export');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ offline: true });
    const requests: string[] = [];
    await context.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : (requests.push(r.request().url()), r.abort())));
    const page = await context.newPage();
    await page.goto(`file://${path}`);
    await use(page);
    return requests;
  } finally {
    await browser.close();
  }
}
