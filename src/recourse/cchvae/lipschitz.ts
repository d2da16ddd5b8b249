import { spectralNorm } from '../../util/spectral';
import { Vae, type VaeWeights } from './vae';

export interface DecoderLipschitz {
  /** Upper bound on ‖G(z₁, c) − G(z₂, c)‖₂ / ‖z₁ − z₂‖₂ for a fixed condition c. */
  readonly bound: number;
  /** Spectral norm of each decoder layer (the first restricted to its latent rows). */
  readonly spectralNorms: number[];
  /** The output sigmoid's slope bound, 1/4. */
  readonly sigmoidFactor: number;
}

/**
 * The decoder's Lipschitz upper bound (Theorem 3's L_G): the product of the layers' spectral norms times
 * the activations' slopes (ReLU 1, output sigmoid 1/4). The condition is fixed during a search, so only the
 * latent rows of the first layer count. The bound is for the continuous decoder output; the rounding of
 * binary / one-hot columns after decoding is not Lipschitz. Since ‖ζ‖₂ ≤ ‖ζ‖₁, it also bounds the change
 * per unit of ℓ1 latent radius.
 */
export function decoderLipschitz(vae: Vae | VaeWeights): DecoderLipschitz {
  const w = vae instanceof Vae ? vae.weights() : vae;
  const norms = w.decoder.map((l, i) => (i === 0 ? spectralNorm(l.W.slice(0, w.latent * l.outDim), w.latent, l.outDim) : spectralNorm(l.W, l.inDim, l.outDim)));
  return { bound: norms.reduce((p, s) => p * s, 1) * 0.25, spectralNorms: norms, sigmoidFactor: 0.25 };
}
