/** The recourse methods by command-line name (the catalog in index.ts must hold exactly these; the type checker enforces it). Loads no tfjs. */
export const RECOURSE_METHOD_NAMES = ['scfe', 'gsm', 'cchvae', 'roar', 'exact'] as const;
export type RecourseMethodName = (typeof RECOURSE_METHOD_NAMES)[number];

/** Whether a grid runs a method on a model kind: 'exact' on linear models only (on ReLU networks it is the library's, docs/methods.md; the grid's cost columns are ℓ2). */
export function methodApplies(method: string, kind: string): boolean {
  return method !== 'exact' || kind !== 'mlp';
}
