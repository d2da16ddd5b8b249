/** The recourse methods by command-line name (the catalog in index.ts must hold exactly these; the type checker enforces it). Loads no tfjs. */
export const RECOURSE_METHOD_NAMES = ['scfe', 'gsm', 'cchvae', 'roar', 'exact'] as const;
export type RecourseMethodName = (typeof RECOURSE_METHOD_NAMES)[number];
