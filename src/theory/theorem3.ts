/**
 * Theorem 3 measured: |‖ζ_NR‖ − ‖ζ_R‖| of C-CHVAE recourses against L_G(r_R + r_NR), with L_G an upper
 * bound on the decoder's Lipschitz constant and r the final latent search radius of each search. The
 * theorem assumes both searches returned a recourse; an instance where either failed is vacuous.
 */
import { theorem3Bound } from './bounds';
import { costDifferenceChecks, type Zetas } from './cost-diff';
import type { StatementResult } from './verdict';

export interface Theorem3Input {
  readonly lipschitz: number;
  readonly radiiNR: readonly number[];
  readonly radiiR: readonly number[];
  readonly foundNR: readonly boolean[];
  readonly foundR: readonly boolean[];
  readonly zetaNR: Zetas;
  readonly zetaR: Zetas;
  readonly notes?: readonly string[];
}

export function checkTheorem3(o: Theorem3Input): StatementResult {
  const checks = costDifferenceChecks(o.zetaNR, o.zetaR, (i) => ({
    bound: theorem3Bound(o.lipschitz, o.radiiR[i], o.radiiNR[i]),
    vacuous: !o.foundNR[i] || !o.foundR[i] ? `no C-CHVAE recourse for the ${!o.foundNR[i] ? 'non-robust' : 'robust'} model` : null,
  }));
  return {
    name: 'theorem3', variant: 'cchvae',
    description: '|‖ζ_NR‖ − ‖ζ_R‖| versus L_G(r_R + r_NR)',
    checks, notes: [`L_G = ${o.lipschitz.toPrecision(4)}`, ...(o.notes ?? [])],
  };
}
