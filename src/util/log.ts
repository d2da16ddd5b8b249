import { envBoolean } from './parse';

/**
 * The one logger of the toolkit. Progress lines (`[recourse] ...`) go to stderr unless --json or
 * RECOURSE_QUIET=1; warnings (`recourse: warning: ...`) always go to stderr, each distinct one once.
 * Nothing is ever written to stdout, so `--json` output stays one JSON object.
 */
let json = false;
const warned = new Set<string>();

/** Called once by the command line after parsing flags. */
export function setLogMode(o: { json: boolean }): void {
  json = o.json;
}

/** True when progress lines are shown. */
export function progressEnabled(): boolean {
  return !json && !envBoolean('RECOURSE_QUIET');
}

/** A progress line on stderr (silent with --json or RECOURSE_QUIET=1). */
export function info(message: string): void {
  if (progressEnabled()) process.stderr.write(`[recourse] ${message}\n`);
}

/** A warning on stderr, printed once per distinct message. */
export function warn(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.stderr.write(`recourse: warning: ${message}\n`);
}
