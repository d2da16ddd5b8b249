/** How a flag's value is checked and described: by an option rule, a list of names, or free text. */
import { RecourseError } from '../util/errors';
import { echo, parseBoolean, parseDecimal, parseList } from '../util/parse';
import type { OptionRule } from '../util/options';

/** How a flag's text is checked: a rule of util/options, a list of names, or free text. */
export type FlagRule =
  | OptionRule
  | {
      readonly type: 'names';
      readonly values: readonly string[];
      /** Names built by a grammar rather than listed: what a name must be, and the check that throws when it is not. */
      readonly grammar?: { readonly text: string; readonly valid: (name: string) => boolean };
    }
  | { readonly type: 'text' };

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
  if (r.above === undefined && r.min !== undefined && r.max !== undefined)
    return r.integer ? `${what} from ${r.min} to ${r.max}` : `${what} in [${r.min}, ${r.max}]`;
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
  return (
    (!r.integer || Number.isInteger(v)) && (r.above === undefined || v > r.above) && (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max)
  );
}

/** Placeholder shown in help for a flag's value. */
export function flagPlaceholder(f: FlagSpec): string {
  const r = flagRule(f);
  if (f.value) return f.value;
  if (!r) return '';
  switch (r.type) {
    case 'number':
      return rangeText(r).replace(/^an? /, '');
    case 'numbers':
      return `comma-separated ${rangeText({ ...r }).replace(/^an? /, '')}s`;
    case 'enum':
      return r.values.join('|');
    case 'names':
      return r.values.length ? `comma-separated ${r.values.join('|')}` : 'list';
    case 'boolean':
      return 'true|false';
    default:
      return 'text';
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
        if (r.values.length && !r.values.includes(item))
          throw new RecourseError(`${flag} entry ${echo(item)} must be ${choicesText(r.values)}; got ${echo(text)}`);
        if (r.grammar && !r.grammar.valid(item)) throw new RecourseError(`${flag} entry ${echo(item)} must be ${r.grammar.text}; got ${echo(text)}`);
      }
      return;
    case 'boolean':
      parseBoolean(text, flag);
      return;
    default:
      if (!text.trim()) throw new RecourseError(`${flag} needs a non-empty value`);
  }
}
