/**
 * The notebooks import the compiled library (`dist/`, built by `npm run build`, which `npm ci` runs): a build
 * older than the sources it came from would run code that is no longer the checkout's. When this module runs from
 * `dist/` inside a checkout, a source file newer than the build is one RecourseError naming it and the fix.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { RecourseError } from './errors';

/** The newest `.ts` file under `dir` and its modification time (ms), or null when there is none. */
export function newestSource(dir: string): { file: string; mtimeMs: number } | null {
  let best: { file: string; mtimeMs: number } | null = null;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.ts')) continue;
    const file = join(e.parentPath, e.name);
    const t = statSync(file).mtimeMs;
    if (!best || t > best.mtimeMs) best = { file, mtimeMs: t };
  }
  return best;
}

/**
 * Throws when `builtFile` (a compiled module in `<root>/dist/`) is older than some source in `<root>/src/`;
 * does nothing for a module that is not in a checkout's dist/ (an installed package, or the sources run directly).
 */
export function checkBuildFresh(builtFile: string): void {
  const dist = dirname(builtFile);
  // an installed package (node_modules/…) ships dist/ and src/ together, with the file times npm gives them
  if (!/[\\/]dist$/.test(dist) || /[\\/]node_modules[\\/]/.test(dist)) return;
  const src = join(dist, '..', 'src');
  if (!existsSync(src)) return;
  const newest = newestSource(src);
  if (newest && newest.mtimeMs > statSync(builtFile).mtimeMs) {
    throw new RecourseError(
      `the compiled library in dist/ is older than ${relative(join(dist, '..'), newest.file)}: run \`npm run build\` in the project folder, then restart the kernel`,
    );
  }
}
