import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { RecourseError } from './errors';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ENOENT: 'it does not exist',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'it already exists',
  ENXIO: 'it is not a regular file',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
};

/** A file-system error in words, e.g. "permission denied (EACCES)". */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code) return `${REASONS[code] ?? 'file-system error'} (${code})`;
  return (e as Error)?.message ?? String(e);
}

/**
 * Reads a file the user pointed us at (a data file, a spec). A folder, a special file or an unreadable
 * file is a RecourseError naming the path and `fix`, never a raw EISDIR / EACCES.
 */
export function readUserFile(path: string, fix: string): Buffer {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    if (!st.isFile()) throw Object.assign(new Error('special'), { code: 'ENXIO' });
    return readFileSync(path);
  } catch (e) {
    throw new RecourseError(`cannot read ${path}: ${fsReason(e)}; ${fix}`);
  }
}

/**
 * Writes an output file (a results table, a figure) atomically: to a temporary name beside it, then renamed
 * over it, so a failed write leaves the previous complete file in place and no torn one. A failure is a
 * RecourseError naming the file and why.
 */
export function writeOutputFile(file: string, body: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, body);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* never written */
    }
    throw new RecourseError(`cannot write ${file}: ${fsReason(e)}; free space there or name another --out folder (the previous output is unchanged)`);
  }
}

/** Staging folders are `<out>/.staging-<pid>-<ms>`: one per run, traceable to the process writing it. */
const STAGING = /^\.staging-(\d+)-\d+$/;

/** Whether process `pid` still runs (one of another user counts as running). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what writers that no longer run left in `dir`: every entry whose name matches `owner`, whose first
 * group is the writing process's pid, and that process is gone (killed between write and rename or clean-up).
 */
export function sweepDeadWriters(dir: string, owner: RegExp): void {
  for (const name of readdirSync(dir)) {
    const m = owner.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
    } catch {
      /* another run is removing it too */
    }
  }
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

/**
 * Writes a run's output as one: `write(staging)` puts every file (tables, then figures) into a staging
 * folder inside `out`, and only when all are written are they renamed into place, on the same file system.
 * A failure before that (a full disk, a figure that cannot be made, an interrupt) removes the staging folder
 * and leaves the previous output exactly as it was; messages name the final paths, not the staging ones.
 * Staging folders of runs that were killed are removed first.
 */
export async function writeOutputAtomically<T>(out: string, write: (staging: string) => Promise<T>): Promise<T> {
  mkdirSync(out, { recursive: true });
  sweepDeadWriters(out, STAGING);
  const staging = join(out, `.staging-${process.pid}-${Date.now()}`);
  const named = (e: unknown) => (e instanceof RecourseError ? new RecourseError(e.message.replaceAll(staging, out)) : e);
  try {
    const result = await write(staging);
    const files = filesUnder(staging);
    // refuse before moving anything: a target that is a folder would fail half-way through the renames
    for (const f of files) {
      const target = join(out, f);
      if (existsSync(target) && statSync(target).isDirectory())
        throw new RecourseError(
          `cannot write ${target}: ${REASONS.EISDIR} (EISDIR); remove it or name another --out folder (the previous output is unchanged)`,
        );
    }
    for (const f of files) {
      mkdirSync(dirname(join(out, f)), { recursive: true });
      renameSync(join(staging, f), join(out, f));
    }
    return result;
  } catch (e) {
    throw named(e);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
