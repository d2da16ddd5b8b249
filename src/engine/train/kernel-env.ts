import * as tf from '@tensorflow/tfjs';

/** A tensor as kernels see it: data id, shape and dtype, without the engine's bookkeeping. */
export type Info = tf.TensorInfo;

/**
 * What a JS kernel needs from its backend: views of tensor data, new outputs, freeing intermediates, and
 * calling another registered kernel directly (no engine op, no tape). wasm and cpu are supported.
 * On wasm a view is into the module's heap, which any allocation may move: take views after allocating.
 */
export interface KernelEnv {
  view(t: Info): Float32Array;
  alloc(shape: number[]): Info;
  free(t: Info): void;
  run(kernelName: string, inputs: Record<string, Info | null>, attrs: Record<string, unknown>): Info;
}

/** Backends the fused kernels are registered for. */
export const KERNEL_BACKENDS = ['wasm', 'cpu'] as const;

/** The env of a backend instance passed to a kernel function. */
export function kernelEnv(backendName: string, backend: unknown): KernelEnv {
  const b = backend as any;
  const run = (name: string, inputs: Record<string, Info | null>, attrs: Record<string, unknown>) => {
    const k = tf.getKernel(name, backendName);
    if (!k) throw new Error(`the ${backendName} backend has no ${name} kernel`);
    return k.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, backend: b, attrs: attrs as tf.NamedAttrMap }) as Info;
  };
  if (backendName === 'wasm') {
    return {
      view: (t) => b.typedArrayFromHeap(t) as Float32Array,
      alloc: (shape) => b.makeOutput(shape, 'float32') as Info,
      free: (t) => b.disposeData(t.dataId),
      run,
    };
  }
  return {
    view: (t) => b.data.get(t.dataId).values as Float32Array,
    alloc: (shape) => b.makeTensorInfo(shape, 'float32', new Float32Array(shape.reduce((x: number, y: number) => x * y, 1))) as Info,
    free: (t) => b.disposeIntermediateTensorInfo(t),
    run,
  };
}

/** True when the fused kernels can run on the active backend. */
export function kernelsAvailable(): boolean {
  return (KERNEL_BACKENDS as readonly string[]).includes(tf.getBackend());
}
