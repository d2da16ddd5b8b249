import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { envText } from './parse';

const isOurs = (dir: string): boolean => {
  const pj = join(dir, 'package.json');
  if (!existsSync(pj)) return false;
  try {
    return JSON.parse(readFileSync(pj, 'utf8')).name === 'robust-recourse';
  } catch {
    return false;
  }
};

/**
 * The project root: RECOURSE_ROOT when set (the `recourse` launcher, bin/recourse.js, sets it to its own checkout,
 * so the command works from any folder); else, for the compiled library, the package it is part of (a checkout's
 * dist/ or node_modules/robust-recourse in a project that installed it); else the nearest folder upwards from the
 * working directory whose package.json is this project's. Works from the root (CLI, tests), from notebooks/ (the
 * kernel's working directory) and from a project of one's own.
 */
export function projectRoot(): string {
  const fromLauncher = envText('RECOURSE_ROOT');
  if (fromLauncher) return resolve(fromLauncher);
  // dist/util/paths.js → the package's folder (only the compiled CommonJS build has __dirname)
  if (typeof __dirname === 'string' && isOurs(resolve(__dirname, '..', '..'))) return resolve(__dirname, '..', '..');
  let dir = resolve(process.cwd());
  for (;;) {
    if (isOurs(dir)) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(process.cwd());
    dir = up;
  }
}

/** Root of all caches (datasets, models, VAEs, experiment results): RECOURSE_CACHE_DIR or data/cache. */
export function cacheDir(...sub: string[]): string {
  const env = envText('RECOURSE_CACHE_DIR');
  return join(env ? resolve(env) : join(projectRoot(), 'data', 'cache'), ...sub);
}

/** How messages name a cache folder: its path, marked as under RECOURSE_CACHE_DIR when that is set (never a `data/cache/` that is not in use). */
export function cacheDirName(...sub: string[]): string {
  const dir = cacheDir(...sub);
  if (envText('RECOURSE_CACHE_DIR')) return `${dir}/ (under RECOURSE_CACHE_DIR)`;
  const rel = relative(process.cwd(), dir);
  return (rel && !rel.startsWith('..') ? rel : dir) + '/';
}
