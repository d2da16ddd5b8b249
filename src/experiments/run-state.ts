/**
 * What a run keeps while it works: the clock per stage, one progress object that counts finished units and
 * reports them, and the results of the units so far. Every stage of runner.ts reads and writes this one object.
 */
import type { Dataset } from '../data/types';
import type { ModelMetrics } from '../models/evaluate';
import type { RecourseMeasurements } from './recourse-run';
import type { ModelRow } from './results';
import { Stopped } from '../util/stop';
import type { UnitCache } from './unit-cache';

export type StageName = 'data' | 'train' | 'eval' | 'vae' | 'recourse' | 'theory' | 'tables';

/** One finished unit. */
export interface ProgressEvent {
  readonly stage: StageName;
  readonly done: number;
  readonly total: number;
  readonly label: string;
  /** Seconds this unit took (0 for a cache hit). */
  readonly seconds: number;
  readonly cached: boolean;
}

/** How runExperiment runs: caching, progress and message callbacks, a stop signal, and which units this process owns. */
export interface RunOptions {
  /** Use and fill the caches (default true). */
  cache?: boolean;
  /** Called after each unit of every stage (data, train, vae, recourse, theory) with how far the stage is. */
  onProgress?: (e: ProgressEvent) => void;
  /** Warnings (invalid cache files, skipped checks) and long-work messages. */
  onMessage?: (msg: string) => void;
  /** The groups this process computes, by key and position in the plan's order (default all); others are left to other processes sharing the cache. */
  owns?: (groupKey: string, position: number) => boolean;
  /** Build the results from the cache only; a unit missing from it is an error (merging shards). */
  cachedOnly?: boolean;
  /** Stops the run between units once aborted (the unit in progress finishes and is cached); the run then throws RunStopped. */
  signal?: AbortSignal;
}

/** Thrown by a run whose `signal` was aborted: how far it got; what it finished is in the cache, so the same run resumes. */
export class RunStopped extends Stopped {
  /** `done` of `total` units were finished (and cached) before the stop. */
  constructor(
    readonly done: number,
    readonly total: number,
  ) {
    super(`stopped after ${done} of ${total} units; run it again to resume from the cache`);
  }
}

/** Counts finished units per stage against their totals and reports each one (RunOptions.onProgress). */
export class RunProgress {
  private readonly done: Record<string, number> = {};
  constructor(
    private readonly totals: Readonly<Partial<Record<StageName, number>>>,
    private readonly onProgress?: RunOptions['onProgress'],
  ) {}

  /** Records one finished unit of `stage` (a stage without a total, as the artefacts, counts up to what it has done). */
  unit(stage: StageName, label: string, seconds: number, cached: boolean): void {
    const done = (this.done[stage] = (this.done[stage] ?? 0) + 1);
    this.onProgress?.({ stage, done, total: this.totals[stage] ?? done, label, seconds, cached });
  }

  /** Finished model and recourse units, and how many there are: how far a run is when it stops. */
  get units(): { done: number; total: number } {
    const count = (s: StageName) => this.done[s] ?? 0;
    return { done: count('train') + count('recourse'), total: (this.totals.train ?? 0) + (this.totals.recourse ?? 0) };
  }
}

/** A run's state: its options, data and cache, the stage clock, its progress, and the results of its units so far. */
export class RunState {
  readonly stageSeconds: Record<StageName, number> = { data: 0, train: 0, eval: 0, vae: 0, recourse: 0, theory: 0, tables: 0 };
  readonly metrics = new Map<string, { metrics: ModelMetrics; row: ModelRow }>();
  readonly measurements = new Map<string, RecourseMeasurements>();
  /** Artefacts (MethodArtefact) already trained in this run, by content key. */
  readonly artefactsSeen = new Set<string>();
  progress = new RunProgress({});

  constructor(
    readonly o: RunOptions,
    readonly cache: UnitCache,
    public datasets: ReadonlyMap<string, Dataset> = new Map(),
  ) {}

  /** Runs `f` and adds its wall time to `stage`. */
  async timed<T>(stage: StageName, f: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      this.stageSeconds[stage] += (performance.now() - t0) / 1000;
    }
  }

  /** Moves seconds the train stage spent evaluating models to the eval stage. */
  countAsEvaluation(seconds: number): void {
    this.stageSeconds.train -= seconds;
    this.stageSeconds.eval += seconds;
  }
}
