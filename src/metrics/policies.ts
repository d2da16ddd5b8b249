/**
 * Which test points get a recourse: the first n in file order that a set of models all predict negative
 * (selectFactuals in factuals.ts). Loads no tfjs, so command-line flags list the policies from here.
 * - 'negative' (selectFactuals' default): the explained model's negatives;
 * - 'reference': the negatives of a reference model (the ε = 0 one), so every model of an ε sweep explains
 *   the same factuals; a point the explained model already predicts positive counts as valid at cost 0;
 * - 'both': negatives of the reference and of the explained model, so both owe a recourse (the theory checks).
 */
export type FactualPolicy = 'reference' | 'negative' | 'both';
/** The ways factuals are chosen: by the reference (ε = 0) model, by the model itself, or by both of a pair. */
export const FACTUAL_POLICIES: readonly FactualPolicy[] = ['reference', 'negative', 'both'];

/** The policies an experiment grid (and `recourse explain`) may use; 'both' selects for a model pair. */
export type GridPolicy = Exclude<FactualPolicy, 'both'>;
/** The factual policies an experiment grid may use. */
export const GRID_POLICIES: readonly GridPolicy[] = FACTUAL_POLICIES.filter((p): p is GridPolicy => p !== 'both');
