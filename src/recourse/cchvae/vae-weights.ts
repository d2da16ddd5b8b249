/** The weights of C-CHVAE's conditional VAE, as plain arrays: what the tfjs model and the fused trainer exchange. */
import type { LayerWeights } from '../../models/dense';

/** The VAE's columns, latent size and layer weights. */
export interface VaeWeights {
  /** Columns the VAE reconstructs (the mutable ones) and conditions on (the immutable ones). */
  readonly mutableCols: number[];
  readonly condCols: number[];
  readonly latent: number;
  readonly encoder: LayerWeights[];
  readonly mu: LayerWeights;
  readonly logVar: LayerWeights;
  /** Hidden layers then the output layer (sigmoid). */
  readonly decoder: LayerWeights[];
}
