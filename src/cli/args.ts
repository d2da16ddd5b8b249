import { dataDirFromEnv, datasetNames } from '../data/registry';
import { RecourseError } from '../util/errors';
import { info, progressEnabled } from '../util/log';
import type { OptionRule } from '../util/options';
import { echo, parseBoolean, parseDecimal, parseList } from '../util/parse';
import type { CacheKind } from '../util/artifacts';

/** How a flag's text is checked: a rule of util/options, a list of names, or free text. */
export type FlagRule = OptionRule | { readonly type: 'names'; readonly values: readonly string[] } | { readonly type: 'text' };

/**
 * A flag of a subcommand. With `rule` or `value` it takes a value (checked when the command line is parsed,
 * before any work); without, it is a switch (`--json`, `--json=false`). A flag with only a `value`
 * placeholder is checked by it: 'number', 'int', 'list', 'a|b|c' (choices), anything else free text.
 */
export interface FlagSpec {
  name: string;
  rule?: FlagRule;
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
  /** Cache folders the command uses with these flags, checked before it runs ([] for none; default all, none with --no-cache). */
  caches?(args: ParsedArgs): readonly CacheKind[];
  run(args: ParsedArgs): Promise<number>;
}

export type ParsedArgs = Record<string, string | boolean | string[]>;

/** The rule a flag is checked with (explicit, or read from its placeholder); undefined for a switch. */
export function flagRule(f: FlagSpec): FlagRule | undefined {
  if (f.rule) return f.rule;
  if (f.value === undefined) return undefined;
  if (f.value === 'number') return { type: 'number', help: f.help };
  if (f.value === 'int') return { type: 'number', integer: true, help: f.help };
  if (f.value === 'list') return { type: 'names', values: [] };
  if (f.value.includes('|')) return { type: 'enum', values: f.value.split('|'), help: f.help };
  return { type: 'text' };
}

/** A numeric rule in words: "an integer from 0 to 4096", "a number in [0, 1]", "a positive integer ≤ 100", "a finite number ≥ 0". */
function rangeText(r: { integer?: boolean; min?: number; max?: number; above?: number }): string {
  const what = r.integer ? 'an integer' : 'a number';
  const max = r.max !== undefined ? ` ≤ ${r.max}` : '';
  if (r.integer && r.above === undefined && r.min === 1) return `a positive integer${max}`;
  if (r.above === undefined && r.min !== undefined && r.max !== undefined) return r.integer ? `${what} from ${r.min} to ${r.max}` : `${what} in [${r.min}, ${r.max}]`;
  const low = r.above !== undefined ? ` > ${r.above}` : r.min !== undefined ? ` ≥ ${r.min}` : '';
  if (low && max) return `${what}${low} and${max}`;
  if (max) return `${what}${max}`;
  return `${r.integer ? 'an integer' : 'a finite number'}${low}`;
}

/** Choices in words: "lr or ntk", "one of lr, lr-closed, mlp". */
function choicesText(values: readonly (string | number)[]): string {
  return values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`;
}

function numberFits(r: { integer?: boolean; min?: number; max?: number; above?: number }, v: number): boolean {
  return (!r.integer || Number.isInteger(v)) && (r.above === undefined || v > r.above) && (r.min === undefined || v >= r.min) &&
    (r.max === undefined || v <= r.max);
}

/** Placeholder shown in help for a flag's value. */
export function flagPlaceholder(f: FlagSpec): string {
  const r = flagRule(f);
  if (f.value) return f.value;
  if (!r) return '';
  switch (r.type) {
    case 'number': return rangeText(r).replace(/^an? /, '');
    case 'numbers': return `comma-separated ${rangeText({ ...r }).replace(/^an? /, '')}s`;
    case 'enum': return r.values.join('|');
    case 'names': return r.values.length ? `comma-separated ${r.values.join('|')}` : 'list';
    case 'boolean': return 'true|false';
    default: return 'text';
  }
}

/** Checks one flag value against its rule; the error names the flag with its `--`, the rule and what was typed. */
export function checkFlag(f: FlagSpec, text: string): void {
  const flag = `--${f.name}`;
  const r = flagRule(f);
  const note = r && 'note' in r && r.note ? ` (${r.note})` : '';
  const fail = (want: string, got = text) => new RecourseError(`${flag} must be ${want}${note}; got ${echo(got)}`);
  if (!r) return;
  switch (r.type) {
    case 'number': {
      const v = parseDecimal(text, flag);
      if (!numberFits(r, v)) throw fail(rangeText(r));
      return;
    }
    case 'numbers':
      for (const item of parseList(text, flag)) {
        const v = parseDecimal(item, `${flag} entry`);
        if (!numberFits(r, v)) throw new RecourseError(`${flag} entry ${echo(item)} must be ${rangeText(r)}${note}; got ${echo(text)}`);
      }
      return;
    case 'enum':
      if (!r.values.map(String).includes(text.trim())) throw fail(choicesText(r.values));
      return;
    case 'names':
      for (const item of parseList(text, flag)) {
        if (r.values.length && !r.values.includes(item)) throw new RecourseError(`${flag} entry ${echo(item)} must be ${choicesText(r.values)}; got ${echo(text)}`);
      }
      return;
    case 'boolean':
      parseBoolean(text, flag);
      return;
    default:
      if (!text.trim()) throw new RecourseError(`${flag} needs a non-empty value`);
  }
}

/**
 * Parses `--flag value`, `--flag=value`, switches `--flag` / `--flag=true|false`. Unknown, repeated or
 * invalid flags are errors naming the flag, before any work is done; defaults are checked too.
 */
export function parseArgs(argv: string[], cmd: Command): ParsedArgs {
  const out: ParsedArgs = {};
  const see = `see 'recourse ${cmd.name} --help'`;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new RecourseError(`unexpected argument ${echo(a)} for 'recourse ${cmd.name}'; ${see}`);
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    const spec = cmd.flags.find((f) => f.name === name);
    if (!spec) throw new RecourseError(`unknown option ${echo('--' + name)} for 'recourse ${cmd.name}'; ${see}`);
    if (name in out && !spec.repeat) throw new RecourseError(`--${name} is given twice; give it once`);
    if (flagRule(spec)) {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new RecourseError(`--${name} needs a value (${flagPlaceholder(spec)})`);
      checkFlag(spec, v);
      out[name] = spec.repeat ? [...((out[name] as string[] | undefined) ?? []), v] : v;
    } else {
      out[name] = inline === undefined ? true : parseBoolean(inline, `--${name}`);
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

/** A checked comma-separated flag. */
export function list(args: ParsedArgs, name: string): string[] {
  return parseList(str(args, name), `--${name}`);
}

/** A switch: true only when given (and not given as =false). */
export function bool(args: ParsedArgs, name: string): boolean {
  return args[name] === true;
}

/** A flag that takes the value of an option rule (its help and limits come from the rule). */
export function ruleFlag(name: string, rule: OptionRule, def?: string | number, help = rule.help): FlagSpec {
  return { name, rule, help, ...(def !== undefined ? { default: String(def) } : {}) };
}

/** The --dataset flag every data-reading subcommand shares; its choices come from the dataset registry. */
export function datasetFlag(defaultName: string, help = 'dataset'): FlagSpec {
  return { name: 'dataset', value: datasetNames().join('|'), rule: { type: 'text' }, help: `${help} (or <name> with a <name>.spec.json in RECOURSE_DATA_DIR)`, default: defaultName };
}

/** The download cache a dataset flag needs: none for `synthetic` or when RECOURSE_DATA_DIR names the files. */
export function datasetCaches(args: ParsedArgs): CacheKind[] {
  return args.dataset === 'synthetic' || dataDirFromEnv() ? [] : ['datasets'];
}

/** Progress lines on stderr, silent with --json or RECOURSE_QUIET (so stdout stays one JSON object). */
export function progressLog(_args?: ParsedArgs): ((msg: string) => void) | undefined {
  return progressEnabled() ? info : undefined;
}

/** The --help text of a command: its summary and one line per flag with placeholder, help and default. */
export function helpText(cmd: Command): string {
  const lines = [`recourse ${cmd.name} — ${cmd.summary}`, '', 'Options:'];
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
  if (args.json === true) process.stdout.write(JSON.stringify(json) + '\n');
  else process.stdout.write(human().join('\n') + '\n');
}
