import { writeExplorer } from '../explorer/index';
import { output, type ParsedArgs } from './args';

/** Runs `recourse explore DIR` (loaded only when the command runs). */
export async function runExplore(args: ParsedArgs): Promise<number> {
  const dir = typeof args.dir === 'string' ? args.dir : 'reproduction';
  const r = writeExplorer(dir);
  output(args, r, () => [`wrote ${r.file} (${(r.bytes / 1e6).toFixed(1)} MB, standalone: open it in a browser, offline)`]);
  return 0;
}
