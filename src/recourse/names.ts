/** The recourse methods by command-line name (the catalog in index.ts must hold exactly these; the type checker enforces it). Loads no tfjs. */
export const RECOURSE_METHOD_NAMES = ['scfe', 'gsm', 'cchvae', 'roar', 'exact'] as const;
/** The name of a recourse method: scfe, gsm, cchvae, roar or exact. */
export type RecourseMethodName = (typeof RECOURSE_METHOD_NAMES)[number];

/**
 * Whether a grid runs a method on a model kind: 'exact' runs on linear models, and on MLPs only when the grid
 * asks for it (`exactMlp`: a mixed-integer program per factual, seconds each on a wide network; docs/methods.md).
 */
export function methodApplies(method: string, kind: string, exactMlp = false): boolean {
  return method !== 'exact' || kind !== 'mlp' || exactMlp;
}
