/**
 * The second certificate that no recourse exists, for the rows the interval bound (certificate.ts) leaves open
 * on a dense ReLU network: when no training row is a recourse for the factual (with its immutable columns set
 * to the factual's), a short mixed-integer program (exact/relu-milp.ts) asks for any point of the feature layout
 * with a logit above −10⁻⁴; HiGHS proving there is none certifies the row. Robust models that predict no point
 * positive are where this pays: their searches would otherwise grow shells to the far corner of the box.
 */
import type { FeatureLayout } from '../data/layout';
import type { LayerWeights } from '../models/dense';
import { row, spreadRows, type Matrix } from '../util/matrix';
import { closestValidPoint } from './exact/milp-start';
import { reluMilpRecourse } from './exact/relu-milp';

/** Logit bound of the certificate: the same float32 allowance as the interval certificate's. */
const TRUSTED_BELOW = -1e-4;
/** Seconds a certificate may spend on one row; a row not proven within it is searched as usual. */
const CERTIFY_SECONDS = 0.5;
const CANDIDATES = 2000;
const GIVE_UP_AFTER = 3;

/** For each row marked `open`, whether the MILP proves that no point of its feasible set is predicted positive. */
export async function milpCertified(
  layers: readonly LayerWeights[],
  factuals: Matrix,
  layout: FeatureLayout,
  open: readonly boolean[],
  train: Matrix,
): Promise<boolean[]> {
  const out = new Array<boolean>(factuals.rows).fill(false);
  if (!open.some(Boolean)) return out;
  const candidates = spreadRows(train, CANDIDATES);
  let [proven, unproven] = [0, 0];
  for (let i = 0; i < factuals.rows; i++) {
    // a network too large to prove within the limit: after three rows without a proof the rest are searched
    if (!open[i] || (unproven >= GIVE_UP_AFTER && !proven)) continue;
    const x0 = row(factuals, i);
    // a training row that is a recourse settles it at once (the common case on a model that predicts positives)
    if (closestValidPoint(layers, x0, layout, candidates, TRUSTED_BELOW, 'l1', true)) continue;
    const r = await reluMilpRecourse(layers, x0, layout, { norm: 'l1', margin: TRUSTED_BELOW, timeLimit: CERTIFY_SECONDS });
    out[i] = r.status === 'infeasible';
    if (out[i]) proven++;
    if (r.status === 'time-limit') unproven++;
  }
  return out;
}
