import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { RecourseError } from './errors';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder', EISDIR: 'it is a folder, not a file', ENOENT: 'it does not exist',
  ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', EEXIST: 'it already exists', ENXIO: 'it is not a regular file',
  ELOOP: 'too many symbolic links', ENAMETOOLONG: 'the name is too long', EIO: 'input/output error', EMFILE: 'too many open files',
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
    try { unlinkSync(tmp); } catch { /* never written */ }
    throw new RecourseError(`cannot write ${file}: ${fsReason(e)}; free space there or name another --out folder (the previous output is unchanged)`);
  }
}
