import { parseArgs as nodeParseArgs } from 'node:util';
import { fsReason } from '../util/files';
import { dataDirFromEnv, datasetNames } from '../data/registry';
import { RecourseError } from '../util/errors';
import { info, progressEnabled } from '../util/log';
import type { OptionRule, OptionRules } from '../util/options';
import { echo, parseBoolean, parseDecimal, parseList } from '../util/parse';
import type { CacheKind } from '../util/artifacts';
import { checkFlag, flagPlaceholder, flagRule, type FlagRule, type FlagSpec } from './flag-rules';

export { checkFlag, flagPlaceholder, flagRule, type FlagRule, type FlagSpec };

/** A subcommand: `recourse <name> [flags]`. `run` returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  flags: FlagSpec[];
  /** One argument without a leading --, stored under this name (e.g. `recourse explore DIR`); absent: none allowed. */
  positional?: { name: string; help: string };
  /** Cache folders the command uses with these flags, checked before it runs ([] for none; default all, none with --no-cache). */
  caches?(args: ParsedArgs): readonly CacheKind[];
  run(args: ParsedArgs): Promise<number>;
}

export type ParsedArgs = Record<string, string | boolean | string[]>;

/**
 * Parses `--flag value`, `--flag=value`, switches `--flag` / `--flag=true|false`, with Node's `util.parseArgs`
 * as the tokenizer and the flags' own rules as the checks: unknown, repeated or invalid flags are errors
 * naming the flag, before any work is done; defaults are checked too.
 */
export function parseArgs(argv: string[], cmd: Command): ParsedArgs {
  const out: ParsedArgs = {};
  const see = `see 'recourse ${cmd.name} --help'`;
  const options = Object.fromEntries(cmd.flags.map((f) => [f.name, { type: flagRule(f) ? ('string' as const) : ('boolean' as const) }]));
  const { tokens } = nodeParseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      const p = cmd.positional;
      if (!p || p.name in out) throw new RecourseError(`unexpected argument ${echo(t.value)} for 'recourse ${cmd.name}'; ${see}`);
      out[p.name] = t.value;
      continue;
    }
    const spec = t.rawName.startsWith('--') ? cmd.flags.find((f) => f.name === t.name) : undefined;
    if (!spec) throw new RecourseError(`unknown option ${echo(t.rawName.startsWith('--') ? t.rawName : argv[t.index])} for 'recourse ${cmd.name}'; ${see}`);
    const name = spec.name;
    if (name in out && !spec.repeat) throw new RecourseError(`--${name} is given twice; give it once`);
    if (flagRule(spec)) {
      const v = t.value;
      if (v === undefined || (!t.inlineValue && v.startsWith('--'))) throw new RecourseError(`--${name} needs a value (${flagPlaceholder(spec)})`);
      checkFlag(spec, v);
      out[name] = spec.repeat ? [...((out[name] as string[] | undefined) ?? []), v] : v;
    } else {
      out[name] = t.value === undefined ? true : parseBoolean(t.value, `--${name}`);
    }
  }
  for (const f of cmd.flags) {
    if (f.default !== undefined && out[f.name] === undefined) {
      checkFlag(f, f.default);
      out[f.name] = f.default;
    }
  }
  return out;
}

/** A checked numeric flag. */
export function num(args: ParsedArgs, name: string): number {
  return parseDecimal(str(args, name), `--${name}`);
}

/** A checked integer flag. */
export function int(args: ParsedArgs, name: string): number {
  const n = num(args, name);
  if (!Number.isInteger(n)) throw new RecourseError(`--${name} must be an integer; got ${echo(String(args[name]))}`);
  return n;
}

/** The entries of a checked list flag. */
export function list(args: ParsedArgs, name: string): string[] {
  return parseList(str(args, name), `--${name}`);
}

/** The numbers of a checked number-list flag. */
export function numbers(args: ParsedArgs, name: string): number[] {
  return list(args, name).map((t) => parseDecimal(t, `--${name} entry`));
}

/** The values of a repeatable flag (empty when absent). */
export function all(args: ParsedArgs, name: string): string[] {
  const v = args[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** A checked text flag (required). */
export function str(args: ParsedArgs, name: string): string {
  const v = args[name];
  if (typeof v !== 'string') throw new RecourseError(`--${name} is required`);
  return v.trim();
}

/** A switch: true only when given (and not given as =false). */
export function bool(args: ParsedArgs, name: string): boolean {
  return args[name] === true;
}

/** A flag that takes the value of an option rule (its help and limits come from the rule). */
export function ruleFlag(name: string, rule: OptionRule, def?: string | number, help = rule.help): FlagSpec {
  return { name, rule, help, ...(def !== undefined ? { default: String(def) } : {}) };
}

/**
 * The flag of one option of a defaults object: named `--kebab-case` after the option, checked by its rule,
 * defaulting to its default; `over` renames it or gives it another rule or help.
 */
export function optionFlag<O extends object>(
  defaults: Readonly<O>,
  rules: OptionRules<O>,
  key: keyof O & string,
  over: { name?: string; rule?: OptionRule; help?: string } = {},
): FlagSpec {
  const rule = over.rule ?? rules[key];
  return ruleFlag(over.name ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), rule, defaults[key] as string | number, over.help ?? rule.help);
}

/** The --dataset flag every data-reading subcommand shares; its choices come from the dataset registry. */
export function datasetFlag(defaultName: string, help = 'dataset'): FlagSpec {
  return {
    name: 'dataset',
    value: datasetNames().join('|'),
    rule: { type: 'text' },
    help: `${help} (or <name> with a <name>.spec.json in RECOURSE_DATA_DIR)`,
    default: defaultName,
  };
}

/** The download cache a dataset flag needs: none for `synthetic` or when RECOURSE_DATA_DIR names the files. */
export function datasetCaches(args: ParsedArgs): CacheKind[] {
  return args.dataset === 'synthetic' || dataDirFromEnv() ? [] : ['datasets'];
}

/** Progress lines on stderr, silent with --json or RECOURSE_QUIET (so stdout stays one JSON object). */
export function progressLog(): ((msg: string) => void) | undefined {
  return progressEnabled() ? info : undefined;
}

/** The --help text of a command: its summary and one line per flag with placeholder, help and default. */
export function helpText(cmd: Command): string {
  const p = cmd.positional?.name.toUpperCase();
  const lines = [
    `recourse ${cmd.name} — ${cmd.summary}`,
    '',
    ...(p ? [`Usage: recourse ${cmd.name} ${p} [options]`, `  ${p.padEnd(28)} ${cmd.positional!.help}`, ''] : []),
    'Options:',
  ];
  for (const f of cmd.flags) {
    const ph = flagPlaceholder(f);
    const left = `  --${f.name}${ph ? ` <${ph}>` : ''}`;
    lines.push(`${left.padEnd(30)} ${f.help}${f.default !== undefined ? ` (default ${f.default})` : ''}`);
  }
  lines.push(`  --help${' '.repeat(24)} show this help`);
  return lines.join('\n');
}

/** Prints either the JSON object or the human-readable lines. */
export function output(args: ParsedArgs, json: object, human: () => string[]): void {
  const text = args.json === true ? JSON.stringify(json) + '\n' : human().join('\n') + '\n';
  try {
    process.stdout.write(text);
  } catch (e) {
    throw outputError(e);
  }
}

/** A failed write to standard output (a full disk, /dev/full, a closed file) as a one-line error. */
export function outputError(e: unknown): RecourseError {
  return new RecourseError(`cannot write the output: ${fsReason(e)}; free space on the device the output goes to, or send it elsewhere`);
}

/** Resolves once everything written to standard output has reached it; rejects with outputError when a write failed. */
export function flushStdout(): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write('', (e) => (e && (e as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(outputError(e)) : resolve())),
  );
}
