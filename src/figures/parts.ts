/** What a notebook section shows, as data (built by the library, shown in order by `showParts`): markdown, a figure, or a table with its caption. */
import type { Figure } from './plotly';

/** One shown part of a notebook section. */
export type ShownPart =
  | { readonly markdown: string }
  | { readonly figure: Figure }
  | { readonly table: readonly Record<string, unknown>[]; readonly caption: string };

const slug = (s: string) => s.normalize('NFKD').toLowerCase().replace(/<br>.*$/, '').replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);

/** The figures among `parts`, by file name `<base>-<slug of the title>` (for saveFigures). */
export function partFigures(base: string, parts: readonly ShownPart[]): Record<string, Figure> {
  const out: Record<string, Figure> = {};
  for (const p of parts) {
    if (!('figure' in p)) continue;
    const t = p.figure.layout?.title;
    const name = `${base}-${slug(typeof t === 'string' ? t : (t?.text ?? '')) || Object.keys(out).length + 1}`;
    out[out[name] ? `${name}-${Object.keys(out).length + 1}` : name] = p.figure;
  }
  return out;
}
