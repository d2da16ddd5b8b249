/** The recourse methods by command-line name (the catalog in index.ts must hold exactly these; the type checker enforces it). Loads no tfjs. */
export const RECOURSE_METHOD_NAMES = ['scfe', 'gsm', 'cchvae', 'roar', 'exact'] as const;
export type RecourseMethodName = (typeof RECOURSE_METHOD_NAMES)[number];

/** Whether a method applies to a model kind: 'exact' needs a linear model (lr or lr-closed). */
export function methodApplies(method: string, kind: string): boolean {
  return method !== 'exact' || kind !== 'mlp';
}
