import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureLayout } from '../../data/layout';
import { RecourseError } from '../../util/errors';
import { FN, KN, WN } from '../../util/normal';
import { projectRoot } from '../../util/paths';
import type { Rng } from '../../util/rng';
import type { ShellSpec } from '../../util/sampling';

/** The compiled shell-sampler.wat (`npm run build:wasm`), next to this file. */
export const SHELL_WASM_FILE = join('src', 'engine', 'shells', 'shell-sampler.wasm');

/** The part of the WebAssembly JS API used here (the ES2022 and Node type libraries do not declare it). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, (x: number) => number>>) => { exports: unknown };
};

interface Exports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  draw(
    st: number,
    count: number,
    k: number,
    g: number,
    norms: number,
    xs: number,
    a0: number,
    a1: number,
    lo: number,
    hi: number,
    l2: number,
    volume: number,
  ): number;
  write(count: number, width: number, k: number, center: number, dims: number, g: number, norms: number, rs: number, out: number): void;
  project(
    out: number,
    rows: number,
    width: number,
    center: number,
    cont: number,
    nCont: number,
    bin: number,
    nBin: number,
    groups: number,
    groupWords: number,
    imm: number,
    nImm: number,
  ): void;
  complete(rows: number, width: number, k: number, factual: number, dec: number, cols: number, out: number): void;
}

/** Bytes below this hold the ziggurat tables (KN at 0, WN at 512, FN at 1536: the offsets shell-sampler.wat reads). */
const TABLES_END = 2560;
/** Bytes of samples per call: a chunk stays in the cache between sampling, projecting and copying it out. */
const CHUNK_BYTES = 1 << 18;
/** Plans kept at once (C-CHVAE alternates two: its latent samples and its candidate rows). */
const MAX_PLANS = 16;

/**
 * Where one kind of call's inputs sit in the module's memory: rows `width` wide, the k columns `dims` that
 * change (sampled, or filled with decoded values), and the layout they are projected onto.
 */
interface Plan {
  width: number;
  k: number;
  /** The center (or factual) row, float32. */
  center: number;
  dims: number;
  /** Scratch of a chunk: float64 normals (chunkRows × k; or a chunk's float32 decoded values), norms and radii. */
  g: number;
  norms: number;
  rs: number;
  cont: number;
  nCont: number;
  bin: number;
  nBin: number;
  groups: number;
  groupWords: number;
  imm: number;
  nImm: number;
  out: number;
  chunkRows: number;
}

/**
 * Shell samples written by WebAssembly (src/engine/shells/shell-sampler.wat), equal bit for bit to sampleShell and
 * projectRows in TypeScript (test/shell-wasm.test.ts) and faster: on Adult's 11 mutable columns, 180–240 ns a
 * projected sample against 250–330 ns, of which ≈ 50 ns is the Math.pow left in JS. One per thread.
 */
class ShellKernel {
  private readonly x: Exports;
  private readonly plans = new Map<string, Plan>();
  /** The plan of the last call and its arguments: a job's rows reuse it without building the key. */
  private last: { width: number; dims: readonly number[]; layout: FeatureLayout | null; plan: Plan } | null = null;
  /** The first free byte after the plans' regions. */
  private free = TABLES_END;

  constructor() {
    const file = join(projectRoot(), SHELL_WASM_FILE);
    if (!existsSync(file)) {
      throw new RecourseError(
        `the shell sampler's WebAssembly module ${file} is missing: run the toolkit from inside its checkout, or rebuild the file with npm run build:wasm`,
      );
    }
    const module = new WebAssembly.Module(readFileSync(file));
    this.x = new WebAssembly.Instance(module, { math: { log: Math.log, exp: Math.exp } }).exports as Exports;
    new Int32Array(this.x.memory.buffer, 0, 128).set(KN);
    new Float64Array(this.x.memory.buffer, 512, 128).set(WN);
    new Float64Array(this.x.memory.buffer, 1536, 128).set(FN);
  }

  /** The memory plan of a kind of call (its columns and projection), laid out on first use. */
  private planFor(width: number, dims: readonly number[], layout: FeatureLayout | null): Plan {
    const last = this.last;
    if (last && last.width === width && last.dims === dims && last.layout === layout) return last.plan;
    const key = JSON.stringify([width, dims, layout && [layout.continuous, layout.binary, layout.groups, layout.immutable]]);
    const plan = this.plans.get(key) ?? this.layOut(key, width, dims, layout);
    this.last = { width, dims, layout, plan };
    return plan;
  }

  /** Places a new plan after the others (starting over when MAX_PLANS are kept) and writes its column lists. */
  private layOut(key: string, width: number, dims: readonly number[], layout: FeatureLayout | null): Plan {
    if (this.plans.size >= MAX_PLANS) {
      this.plans.clear();
      this.last = null;
      this.free = TABLES_END;
    }
    const groupWords = layout ? layout.groups.flatMap((g) => [g.length, ...g]) : [];
    const lists = [dims, layout?.continuous ?? [], layout?.binary ?? [], groupWords, layout?.immutable ?? []];
    let at = this.free;
    const center = at;
    at += 4 * width;
    const starts = lists.map((l) => {
      const s = at;
      at += 4 * l.length;
      return s;
    });
    const chunkRows = Math.max(1, Math.floor(CHUNK_BYTES / (4 * width)));
    at = Math.ceil(at / 16) * 16;
    const g = at;
    const norms = g + 8 * dims.length * chunkRows;
    const rs = norms + 8 * chunkRows;
    const out = rs + 8 * chunkRows;
    const need = out + 4 * width * chunkRows;
    const pages = Math.ceil(need / 65536) - this.x.memory.buffer.byteLength / 65536;
    if (pages > 0) this.x.memory.grow(pages);
    const i32 = new Int32Array(this.x.memory.buffer);
    lists.forEach((l, i) => i32.set(l, starts[i] / 4));
    const plan = {
      width,
      k: dims.length,
      center,
      dims: starts[0],
      g,
      norms,
      rs,
      cont: starts[1],
      nCont: lists[1].length,
      bin: starts[2],
      nBin: lists[2].length,
      groups: starts[3],
      groupWords: groupWords.length,
      imm: starts[4],
      nImm: lists[4].length,
      out,
      chunkRows,
    };
    this.plans.set(key, plan);
    this.free = Math.ceil(need / 16) * 16;
    return plan;
  }

  /**
   * n draws of the module's generator, each a normal (ZigguratNormal.next) then a uniform (Rng.next), as the
   * samples of a one-column shell use them; for checking the stream against the TypeScript generators.
   */
  drawStream(rng: Rng, n: number): { normals: Float64Array; uniforms: Float64Array } {
    const p = this.planFor(1, [0], null);
    const normals = new Float64Array(n);
    const uniforms = new Float64Array(n);
    let state = rng.getState();
    for (let done = 0; done < n; done += p.chunkRows) {
      const m = Math.min(p.chunkRows, n - done);
      state = this.x.draw(state, m, 1, p.g, p.norms, p.rs, 0, 1, 0, 1, 1, 0);
      normals.set(new Float64Array(this.x.memory.buffer, p.g, m), done);
      uniforms.set(new Float64Array(this.x.memory.buffer, p.rs, m), done);
    }
    rng.setState(state);
    return { normals, uniforms };
  }

  /**
   * sampleShell(rng, center, dims, s, count, out, firstRow, width), then, with a layout, projectRows of those rows
   * with `center` as their factual: the same numbers, and the generator continues at the same position.
   */
  sampleRow(
    rng: Rng,
    center: Float32Array,
    dims: readonly number[],
    s: ShellSpec,
    count: number,
    out: Float32Array,
    firstRow: number,
    width: number,
    layout: FeatureLayout | null,
  ): void {
    const p = this.planFor(width, dims, layout);
    const x = this.x;
    const f32 = new Float32Array(x.memory.buffer);
    const radii = new Float64Array(x.memory.buffer, p.rs, p.chunkRows);
    f32.set(center, p.center / 4);
    const k = dims.length;
    const lo = s.a0 ** k;
    const hi = s.a1 ** k;
    const volume = s.radial === 'volume' && k > 0 && Number.isFinite(hi);
    const invk = 1 / k;
    let state = rng.getState();
    for (let done = 0; done < count; done += p.chunkRows) {
      const n = Math.min(p.chunkRows, count - done);
      if (k) {
        // draw writes lo + u·(hi − lo) into rs: the radius is its 1/k-th power, taken here with Math.pow as in sampleShell
        state = x.draw(state, n, k, p.g, p.norms, p.rs, s.a0, s.a1, lo, hi, s.p === 2 ? 1 : 0, volume ? 1 : 0);
        if (volume) for (let c = 0; c < n; c++) radii[c] = radii[c] ** invk;
      }
      x.write(n, width, k, p.center, p.dims, p.g, p.norms, p.rs, p.out);
      if (layout) this.project(p, n);
      out.set(f32.subarray(p.out / 4, p.out / 4 + n * width), (firstRow + done) * width);
    }
    rng.setState(state);
  }

  /** projectRows onto the plan's layout of the chunk's n rows at p.out, with p.center as their factual. */
  private project(p: Plan, n: number): void {
    this.x.project(p.out, n, p.width, p.center, p.cont, p.nCont, p.bin, p.nBin, p.groups, p.groupWords, p.imm, p.nImm);
  }

  /**
   * C-CHVAE's candidate rows (decodeSamples): row r of `out` is row ⌊r / count⌋ of `factuals` with its `columns`
   * replaced by row r of `dec` (rows × columns.length), then projected onto `layout` with that factual, as
   * projectRows does.
   */
  completeRows(
    dec: Float32Array,
    rows: number,
    count: number,
    factuals: Float32Array,
    columns: readonly number[],
    layout: FeatureLayout,
    out: Float32Array,
  ): void {
    const width = layout.d;
    const k = columns.length;
    const p = this.planFor(width, columns, layout);
    const x = this.x;
    const f32 = new Float32Array(x.memory.buffer);
    for (let first = 0; first < rows; first += count) {
      f32.set(factuals.subarray((first / count) * width, (first / count + 1) * width), p.center / 4);
      const end = Math.min(rows, first + count);
      for (let done = first; done < end; done += p.chunkRows) {
        const n = Math.min(p.chunkRows, end - done);
        f32.set(dec.subarray(done * k, (done + n) * k), p.g / 4);
        x.complete(n, width, k, p.center, p.g, p.dims, p.out);
        this.project(p, n);
        out.set(f32.subarray(p.out / 4, p.out / 4 + n * width), done * width);
      }
    }
  }
}

let kernel: ShellKernel | null = null;

/** This thread's shell kernel, compiled on first use (≈ 1 ms). */
export function shellKernel(): ShellKernel {
  kernel ??= new ShellKernel();
  return kernel;
}
