/**
 * Splitting a plan's groups of units between processes that share one cache folder: static shards (`--shard
 * i/N`, round robin over the plan's stable group order, for cluster job arrays) and dynamic claims (`--jobs N`
 * on one machine: each process claims the next unclaimed group with an exclusive file create).
 */
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { RecourseError } from '../util/errors';
import { fsReason } from '../util/files';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Parses `i/N` (1 ≤ i ≤ N ≤ 10 000). */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(count >= 1 && count <= 10_000 && index >= 1 && index <= count)) {
    throw new RecourseError(`--shard must be i/N with 1 ≤ i ≤ N ≤ 10000 (e.g. --shard 2/8); got '${text}'`);
  }
  return { index, count };
}

/** True when the group at `position` of the plan's order belongs to this shard (round robin: disjoint, covering, balanced in count). */
export function inShard(position: number, s: Shard): boolean {
  return (position % s.count) + 1 === s.index;
}

/** An ownership test that claims each group for this process the first time it is asked, unless another already did. */
export function claimer(dir: string): (groupKey: string, position: number) => boolean {
  const why = (e: unknown) => (['EEXIST', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '') ? 'it, or a part of its path, is a file' : fsReason(e));
  const fail = (e: unknown) =>
    new RecourseError(`--claim ${dir}: cannot keep claim files there (${why(e)}); name a writable folder (it is created if missing)`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw fail(e);
  }
  return (groupKey) => {
    try {
      closeSync(openSync(join(dir, `${groupKey}.claim`), 'wx'));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fail(e);
    }
  };
}
