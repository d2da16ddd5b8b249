/**
 * One way to take options everywhere (training, recourse methods, VAEs, experiments): a typed defaults
 * object plus one rule per option. `resolveOptions` merges and validates; `parseOptionValue` turns text
 * (a CLI flag or `--opt key=value`) into a value of the rule's type. Errors name the owner, the option,
 * the rule and what was given, so a typo never falls back to a default silently.
 */
import { RecourseError } from './errors';
import { parseBoolean, parseDecimal, parseList } from './parse';

interface RuleBase {
  /** One line for help texts and docs. */
  readonly help: string;
  /** Where the default comes from (e.g. 'CARLA', 'Laugel et al. 2017', 'project'). */
  readonly source?: string;
  /** Why the rule is what it is, appended to errors (e.g. 'features are scaled to [0, 1]'). */
  readonly note?: string;
}

/** The rule an option's value must satisfy: a number in a range, one of a set, a boolean, names or a value. */
export type OptionRule = RuleBase &
  (
    | { readonly type: 'number'; readonly min?: number; readonly max?: number; readonly above?: number; readonly integer?: boolean }
    | { readonly type: 'enum'; readonly values: readonly (string | number)[] }
    | { readonly type: 'boolean' }
    | { readonly type: 'numbers'; readonly min?: number; readonly max?: number; readonly integer?: boolean; readonly nonEmpty?: boolean }
    /** A nested options object, validated by its own rules where it is used. */
    | { readonly type: 'object' }
    /** A value that is not set from text (e.g. a trained autoencoder instance); null allowed. */
    | { readonly type: 'value' }
  );

/** The rules of every option of a set of options, by name. */
export type OptionRules<O> = { readonly [K in keyof O]-?: OptionRule };

/** Why a number breaks a numeric rule, or null when it fits. */
function numberProblem(r: { min?: number; max?: number; above?: number; integer?: boolean }, v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'a finite number';
  if (r.integer && !Number.isInteger(v)) return 'an integer';
  if (r.above !== undefined && !(v > r.above)) return `a number > ${r.above}`;
  if (r.min !== undefined && v < r.min) return `a number ≥ ${r.min}`;
  if (r.max !== undefined && v > r.max) return `a number ≤ ${r.max}`;
  return null;
}

/** What the rule asks for, in words (for errors and help). */
export function ruleText(r: OptionRule): string {
  switch (r.type) {
    case 'number': {
      const parts = [r.integer ? 'integer' : 'number'];
      if (r.above !== undefined) parts.push(`> ${r.above}`);
      if (r.min !== undefined) parts.push(`≥ ${r.min}`);
      if (r.max !== undefined) parts.push(`≤ ${r.max}`);
      return parts.join(' ');
    }
    case 'enum':
      return r.values.join('|');
    case 'boolean':
      return 'true|false';
    case 'numbers':
      return `comma-separated ${r.integer ? 'integers' : 'numbers'}`;
    default:
      return r.type;
  }
}

/** What `value` should be when it breaks `rule` (e.g. "a number ≤ 4096"), or null when it fits. */
export function ruleProblem(rule: OptionRule, value: unknown): string | null {
  switch (rule.type) {
    case 'number':
      return numberProblem(rule, value);
    case 'enum':
      return rule.values.includes(value as string | number) ? null : `one of ${rule.values.join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'true or false';
    case 'numbers':
      return !Array.isArray(value) || (rule.nonEmpty && !value.length) || value.some((v) => numberProblem(rule, v))
        ? `a list of ${ruleText({ ...rule, type: 'number' })}s`
        : null;
    case 'object':
      return typeof value !== 'object' || value === null || Array.isArray(value) ? 'an object of options' : null;
    default:
      return null;
  }
}

/** Throws a RecourseError unless `value` satisfies `rule`. */
export function checkOption(owner: string, key: string, rule: OptionRule, value: unknown): void {
  const p = ruleProblem(rule, value);
  if (p) throw new RecourseError(`${owner}: option ${key} must be ${p}${rule.note ? ` (${rule.note})` : ''}; got ${JSON.stringify(value) ?? String(value)}`);
}

/**
 * Defaults overlaid with the given options (undefined values ignored), every value checked against its
 * rule. An unknown option name is an error listing the valid ones.
 */
export function resolveOptions<O extends object>(owner: string, defaults: Readonly<O>, rules: OptionRules<O>, given: Partial<O> = {}): O {
  const out = { ...defaults } as Record<string, unknown>;
  for (const [k, v] of Object.entries(given ?? {})) {
    if (!(k in rules)) throw new RecourseError(`unknown option '${k}' for ${owner}; valid options: ${Object.keys(rules).join(', ')}`);
    if (v !== undefined) out[k] = v;
  }
  for (const [k, rule] of Object.entries(rules) as [string, OptionRule][]) checkOption(owner, k, rule, out[k]);
  return out as O;
}

/** Parses the text of one option (from a flag or `--opt key=value`) into a value of its rule's type. */
export function parseOptionValue(owner: string, key: string, rule: OptionRule, text: string): unknown {
  const what = `${owner}: option ${key}`;
  let v: unknown;
  switch (rule.type) {
    case 'number':
      v = parseDecimal(text, what);
      break;
    case 'boolean':
      v = parseBoolean(text, what);
      break;
    case 'numbers':
      v = parseList(text, what).map((t) => parseDecimal(t, what));
      break;
    case 'enum': {
      const t = text.trim();
      v = rule.values.find((x) => String(x) === t) ?? t;
      break;
    }
    default:
      throw new RecourseError(`${what} cannot be set from the command line`);
  }
  checkOption(owner, key, rule, v);
  return v;
}

/** Parses `key=value` pairs for an owner's rules (e.g. `--opt lambda=0.1 --opt norm=l2`). */
export function parseOptionAssignments<O>(owner: string, rules: OptionRules<O>, pairs: readonly string[]): Partial<O> {
  const out: Record<string, unknown> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new RecourseError(`--opt expects key=value for ${owner}; got '${p}'`);
    const key = p.slice(0, i).trim();
    const rule = (rules as Record<string, OptionRule>)[key];
    if (!rule) throw new RecourseError(`unknown option '${key}' for ${owner}; valid options: ${Object.keys(rules).join(', ')}`);
    out[key] = parseOptionValue(owner, key, rule, p.slice(i + 1));
  }
  return out as Partial<O>;
}
