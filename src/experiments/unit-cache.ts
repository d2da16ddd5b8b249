/**
 * The cache of experiment units (results/<key>.json under the cache folder), on the project's one cache
 * store (util/artifacts: atomic writes under unique temp names, validation on read, one warning and a
 * recompute for anything wrong). A unit file also carries a checksum of its body, so a file edited by hand is
 * recomputed, never trusted.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readArtifact, writeArtifact } from '../util/artifacts';
import { warn } from '../util/log';
import { cacheDir } from '../util/paths';

const FORMAT = 'robust-recourse/unit@1';

const checksum = (body: string) => createHash('sha256').update(body).digest('hex');

export interface UnitCache {
  /** The stored body for `key`, or null when absent or invalid (then one warning says why). */
  read<T>(key: string, decode: (body: unknown) => T, problem: (t: T) => string | null): T | null;
  write(key: string, body: unknown): void;
  /** True when a file for `key` exists (not validated: an estimate's question, not a read's). */
  has(key: string): boolean;
  readonly dir: string | null;
}

/** A unit cache in `dir` (default: the results folder of the project cache); `null` disables caching. */
export function unitCache(dir: string | null = cacheDir('results')): UnitCache {
  const file = (key: string) => join(dir!, `${key}.json`);
  return {
    dir,
    read(key, decode, problem) {
      if (!dir) return null;
      const r = readArtifact(file(key), (raw) => {
        const env = raw as { format?: string; key?: string; sha256?: string; body?: unknown };
        if (env?.format !== FORMAT || typeof env.body !== 'string') throw new Error('not a unit file');
        if (env.key !== key) throw new Error(`it holds unit ${env.key}, not ${key}`);
        if (env.sha256 !== checksum(env.body)) throw new Error('its checksum does not match: the file was changed after it was written');
        const value = decode(JSON.parse(env.body));
        const why = problem(value);
        if (why) throw new Error(why);
        return value;
      });
      if (r.status === 'invalid') warn(`cache file ${file(key)} is invalid (${r.reason}); recomputing`);
      return r.status === 'ok' ? r.value : null;
    },
    has(key) {
      return !!dir && existsSync(file(key));
    },
    write(key, body) {
      if (!dir) return;
      const text = JSON.stringify(body);
      writeArtifact(file(key), { format: FORMAT, key, sha256: checksum(text), body: text });
    },
  };
}
