import { DEFAULT_TRAIN_OPTIONS, TRAIN_RULES } from '../src/models/options';
import { RECOURSE_METHODS, VAE_DEFAULTS, VAE_RULES } from '../src/recourse';
import type { OptionRule, OptionRules } from '../src/util/options';
import { ruleText } from '../src/util/options';

function show(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function table<O extends object>(defaults: Readonly<O>, rules: OptionRules<O>): string[] {
  const rows = (Object.entries(rules) as [string, OptionRule][]).map(
    ([k, r]) =>
      `| \`${k}\` | ${ruleText(r).replace(/\|/g, '\\|')} | \`${show((defaults as Record<string, unknown>)[k])}\` | ${r.source ?? ''} | ${r.help.replace(/\|/g, '\\|')} |`,
  );
  return ['| option | values | default | default from | meaning |', '| --- | --- | --- | --- | --- |', ...rows];
}

/** docs/options.md: every option of training, the recourse methods and the VAE, with defaults, sources and presets. */
export function optionsMarkdown(): string {
  const out = [
    '# Options, defaults and where they come from',
    '',
    'Generated from the option rules in the code by `npm run docs:options`; do not edit by hand. The method',
    'specifications are in [methods.md](methods.md). On the command line, training options are flags',
    '(`--learning-rate 0.001`) and method options are `--opt key=value`.',
    '',
    '## Training (`recourse train`, experiment setups)',
    '',
    ...table(DEFAULT_TRAIN_OPTIONS, TRAIN_RULES),
  ];
  for (const [name, m] of Object.entries(RECOURSE_METHODS)) {
    out.push('', `## ${name}: ${m.summary}`, '', ...table(m.defaults, m.rules as OptionRules<object>));
    const presets = Object.entries(m.presets);
    out.push(
      '',
      presets.length
        ? `Presets: ${presets.map(([p, o]) => `\`${p}\` = \`${JSON.stringify(o)}\``).join('; ')}.`
        : 'Presets: none (the defaults are the reference; see methods.md).',
    );
  }
  out.push('', '## C-CHVAE autoencoder (`cchvae` option `vae`)', '', ...table(VAE_DEFAULTS, VAE_RULES), '');
  return out.join('\n');
}
