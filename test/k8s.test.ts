/**
 * The Kubernetes manifests, checked offline (no cluster runs here): well-formed YAML, valid against the
 * Kubernetes API schema of a batch/v1 Job, an Indexed Job whose completion index becomes `--shard k+1/N` for
 * every pod and covers 1..N once, commands the CLI's own parser accepts, and a merge Job over the same cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { parseDocument } from 'yaml';
import { parseArgs } from '../src/cli/args';
import { reproduceCommand } from '../src/cli/reproduce';
import { parseShard } from '../src/experiments/shards';
import { tempDir } from './helpers';

const SHARDS = 'scripts/cluster/k8s-indexed-job.yaml';
const MERGE = 'scripts/cluster/k8s-merge-job.yaml';

/** The manifest as a plain object; YAML errors and warnings (duplicate keys included) fail the test. */
function manifest(file: string): Record<string, any> {
  const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true, strict: true });
  assert.deepEqual(
    [...doc.errors, ...doc.warnings].map((e) => e.message),
    [],
    `${file} is not well-formed YAML`,
  );
  return doc.toJS();
}

/** The argv a container's command runs `recourse` with, `npx` replaced by a stub that prints its arguments. */
function recourseArgv(container: Record<string, any>, env: Record<string, string>): string[] {
  const bin = tempDir('k8s-bin-');
  writeFileSync(join(bin, 'npx'), '#!/bin/sh\nprintf "%s\\0" "$@"\n');
  chmodSync(join(bin, 'npx'), 0o755);
  const [cmd, ...args] = container.command as string[];
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, ...env } });
  assert.equal(r.status, 0, r.stderr);
  const argv = r.stdout.split('\0').slice(0, -1);
  assert.equal(argv[0], 'recourse', `the container runs ${argv.join(' ')}`);
  return argv.slice(1);
}

/** The container's environment as name → value. */
const envOf = (c: Record<string, any>): Record<string, string> =>
  Object.fromEntries((c.env ?? []).map((e: { name: string; value: string }) => [e.name, e.value]));

test('both manifests are well-formed YAML and valid batch/v1 Jobs by the Kubernetes API schema', () => {
  for (const file of [SHARDS, MERGE]) {
    const body = manifest(file);
    assert.equal(`${body.apiVersion} ${body.kind}`, 'batch/v1 Job', file);
    assert.doesNotThrow(() => new Job(body as ConstructorParameters<typeof Job>[0]).validate(), file);
  }
  // the schema check is real: a misspelt enum value is refused
  const bad = manifest(SHARDS);
  bad.spec.completionMode = 'Indexd';
  assert.throws(() => new Job(bad as ConstructorParameters<typeof Job>[0]).validate(), /completionMode/);
});

test('the shard Job is Indexed: pod k runs `reproduce --shard k+1/N`, N = completions, each shard once, with flags the CLI accepts', () => {
  const job = manifest(SHARDS);
  const { completions, parallelism, completionMode } = job.spec;
  assert.equal(completionMode, 'Indexed');
  assert.ok(Number.isInteger(completions) && completions >= 1 && parallelism <= completions, `${completions} completions, parallelism ${parallelism}`);
  const pod = job.spec.template.spec;
  assert.ok(['OnFailure', 'Never'].includes(pod.restartPolicy), 'a Job pod restarts OnFailure or Never');
  const [container] = pod.containers;
  const seen: number[] = [];
  for (let k = 0; k < completions; k++) {
    // Kubernetes sets JOB_COMPLETION_INDEX in every pod of an Indexed Job
    const argv = recourseArgv(container, { ...envOf(container), JOB_COMPLETION_INDEX: String(k) });
    assert.equal(argv[0], 'reproduce');
    const args = parseArgs(argv.slice(1), reproduceCommand);
    const shard = parseShard(String(args.shard));
    assert.equal(shard.count, completions, `pod ${k}: --shard ${args.shard}`);
    seen.push(shard.index);
  }
  assert.deepEqual(
    seen,
    Array.from({ length: completions }, (_, k) => k + 1),
    'shards 1..N, one per completion index',
  );
});

test('the merge Job merges the same profile from the same cache on the same volume claim', () => {
  const shards = manifest(SHARDS).spec.template.spec;
  const merge = manifest(MERGE).spec.template.spec;
  const [s, m] = [shards.containers[0], merge.containers[0]];
  const shardArgs = parseArgs(recourseArgv(s, { ...envOf(s), JOB_COMPLETION_INDEX: '0' }).slice(1), reproduceCommand);
  const mergeArgv = recourseArgv(m, envOf(m));
  assert.equal(mergeArgv[0], 'reproduce');
  const mergeArgs = parseArgs(mergeArgv.slice(1), reproduceCommand);
  assert.equal(mergeArgs.merge, true);
  assert.equal(mergeArgs.profile, shardArgs.profile);
  assert.equal(envOf(m).RECOURSE_CACHE_DIR, envOf(s).RECOURSE_CACHE_DIR, 'one cache for the shards and the merge');
  const claim = (spec: Record<string, any>) => spec.volumes.map((v: Record<string, any>) => v.persistentVolumeClaim?.claimName);
  assert.deepEqual(claim(merge), claim(shards));
  for (const spec of [shards, merge]) {
    const c = spec.containers[0];
    const mounts: Record<string, string> = Object.fromEntries(c.volumeMounts.map((v: { name: string; mountPath: string }) => [v.name, v.mountPath]));
    for (const name of Object.keys(mounts))
      assert.ok(
        spec.volumes.some((v: { name: string }) => v.name === name),
        `volume ${name} is declared`,
      );
    assert.ok(
      Object.values(mounts).some((p) => envOf(c).RECOURSE_CACHE_DIR.startsWith(p + '/')),
      'the cache sits on the mounted volume',
    );
  }
});
