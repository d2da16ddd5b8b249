import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The project root: the nearest folder upwards from the working directory whose package.json is this
 * project's. Works from the root (CLI, tests) and from notebooks/ (the kernel's working directory).
 */
export function projectRoot(): string {
  let dir = resolve(process.cwd());
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if (JSON.parse(readFileSync(pj, 'utf8')).name === 'robust-recourse') return dir;
      } catch { /* not ours */ }
    }
    const up = dirname(dir);
    if (up === dir) return resolve(process.cwd());
    dir = up;
  }
}

/** Root of all caches (datasets, models, VAEs, experiment results): RECOURSE_CACHE_DIR or data/cache. */
export function cacheDir(...sub: string[]): string {
  const base = process.env.RECOURSE_CACHE_DIR ? resolve(process.env.RECOURSE_CACHE_DIR) : join(projectRoot(), 'data', 'cache');
  return join(base, ...sub);
}
