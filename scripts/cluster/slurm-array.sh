#!/usr/bin/env bash
# A Slurm job array for `recourse reproduce`: task i of N computes the i-th shard of the plan into a cache
# folder every node can see; a last job, started after the array, merges the tables, figures and verdicts.
#
#   sbatch --array=1-8 scripts/cluster/slurm-array.sh            # 8 shards
#   sbatch --dependency=afterok:<array job id> --export=ALL,MERGE=1 scripts/cluster/slurm-array.sh
#   sbatch --array=3 --export=ALL,SHARDS=8 scripts/cluster/slurm-array.sh   # shard 3 of 8 again (after a cancel)
#
# Environment (exported from the submitting shell by --export=ALL, Slurm's default; a value with commas, such
# as EXTRA, cannot go in --export's own comma-separated list):
#   PROFILE             the profile (default paper); EXTRA: more reproduce flags, e.g. "--seeds 10 --datasets adult"
#   SHARDS              the number of shards (default: the array's size; set it when resubmitting some tasks)
#   RECOURSE_CACHE_DIR  a folder every task can see (required): the shards write into it, the merge reads it
#   RECOURSE_DATA_DIR   where the CSVs are (else each task downloads them into the cache)
#   MERGE=1, OUT        the merge job, and its output folder (default reproduction)
# On a real cluster: add --partition and --account as your site wants; --time must cover one shard (the paper
# profile is about 50 CPU-minutes of work for 2 cores in all, so 8 shards need well under an hour each);
# --mem=4G is ample (a task peaks below 1 GB); RECOURSE_CACHE_DIR must be on a shared file system that supports
# rename (NFS, Lustre, GPFS: the cache writes every file under a temporary name and renames it into place).
# The project must be installed (npm ci) in the working directory, which the tasks start in.
#SBATCH --job-name=recourse
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=04:00:00
set -euo pipefail
: "${RECOURSE_CACHE_DIR:?set RECOURSE_CACHE_DIR to a folder every task can see}"
PROFILE="${PROFILE:-paper}"
if [ "${MERGE:-0}" = 1 ]; then
  exec npx recourse reproduce --profile "$PROFILE" ${EXTRA:-} --merge --out "${OUT:-reproduction}"
fi
: "${SLURM_ARRAY_TASK_ID:?submit with sbatch --array=1-N}"
N="${SHARDS:-${SLURM_ARRAY_TASK_COUNT:-$SLURM_ARRAY_TASK_MAX}}"
exec npx recourse reproduce --profile "$PROFILE" ${EXTRA:-} --shard "${SLURM_ARRAY_TASK_ID}/${N}"
