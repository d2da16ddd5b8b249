import { RecourseError } from '../util/errors';

/** A flag of a subcommand: its name, whether it takes a value, and its help line. */
export interface FlagSpec {
  name: string;
  value?: string;
  help: string;
  default?: string;
  /** The flag may be given several times; its values are collected in order. */
  repeat?: boolean;
}

/** A subcommand: `recourse <name> [flags]`. `run` returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  flags: FlagSpec[];
  run(args: ParsedArgs): Promise<number>;
}

export type ParsedArgs = Record<string, string | boolean | string[]>;

/** Parses `--flag value`, `--flag=value` and boolean `--flag`; unknown flags are errors. */
export function parseArgs(argv: string[], cmd: Command): ParsedArgs {
  const out: ParsedArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new RecourseError(`unexpected argument '${a}' for 'recourse ${cmd.name}'; see 'recourse ${cmd.name} --help'`);
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    const spec = cmd.flags.find((f) => f.name === name);
    if (!spec) throw new RecourseError(`unknown option --${name} for 'recourse ${cmd.name}'; see 'recourse ${cmd.name} --help'`);
    if (spec.value) {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new RecourseError(`option --${name} needs a value (${spec.value})`);
      out[name] = spec.repeat ? [...((out[name] as string[] | undefined) ?? []), v] : v;
    } else {
      out[name] = true;
    }
  }
  for (const f of cmd.flags) if (f.default !== undefined && out[f.name] === undefined) out[f.name] = f.default;
  return out;
}

/** A numeric flag, with an error naming the flag when it is not a number. */
export function num(args: ParsedArgs, name: string): number {
  const v = args[name];
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) throw new RecourseError(`--${name} must be a number; got '${v}'`);
  return n;
}

/** An integer flag, with an error naming the flag otherwise. */
export function int(args: ParsedArgs, name: string): number {
  const n = num(args, name);
  if (!Number.isInteger(n)) throw new RecourseError(`--${name} must be an integer; got ${n}`);
  return n;
}

/** The --dataset flag every data-reading subcommand shares. */
export function datasetFlag(defaultName: string, help = 'dataset'): FlagSpec {
  return { name: 'dataset', value: 'german|adult|compas|synthetic', help, default: defaultName };
}

/** Progress lines on stderr, silent with --json (so stdout stays one JSON object). */
export function progressLog(args: ParsedArgs): ((msg: string) => void) | undefined {
  return args.json ? undefined : (m: string) => process.stderr.write(`[recourse] ${m}\n`);
}

/** The values of a repeatable flag (empty when absent). */
export function all(args: ParsedArgs, name: string): string[] {
  const v = args[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function str(args: ParsedArgs, name: string): string {
  const v = args[name];
  if (typeof v !== 'string') throw new RecourseError(`--${name} is required`);
  return v;
}

export function helpText(cmd: Command): string {
  const lines = [`recourse ${cmd.name} — ${cmd.summary}`, '', 'Options:'];
  for (const f of cmd.flags) {
    const left = `  --${f.name}${f.value ? ` <${f.value}>` : ''}`;
    lines.push(`${left.padEnd(30)} ${f.help}${f.default !== undefined ? ` (default ${f.default})` : ''}`);
  }
  lines.push(`  --help${' '.repeat(24)} show this help`);
  return lines.join('\n');
}

/** Prints either the JSON object or the human-readable lines. */
export function output(args: ParsedArgs, json: object, human: () => string[]): void {
  if (args.json) process.stdout.write(JSON.stringify(json) + '\n');
  else process.stdout.write(human().join('\n') + '\n');
}
