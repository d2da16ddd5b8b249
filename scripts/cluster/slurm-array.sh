#!/usr/bin/env bash
# A Slurm job array for `recourse reproduce`: task i of N computes the i-th shard of the plan into a cache
# folder every node can see; a last job, started after the array, merges the tables, figures and verdicts.
#
#   sbatch --array=1-8 scripts/cluster/slurm-array.sh            # 8 shards
#   sbatch --dependency=afterok:<array job id> --export=ALL,MERGE=1 scripts/cluster/slurm-array.sh
#
# Set PROFILE (default paper), EXTRA (more reproduce flags, e.g. "--seeds 10"), and RECOURSE_CACHE_DIR /
# RECOURSE_DATA_DIR to shared folders. The project must be installed (npm ci) in the working directory.
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
N="${SLURM_ARRAY_TASK_COUNT:-$SLURM_ARRAY_TASK_MAX}"
exec npx recourse reproduce --profile "$PROFILE" ${EXTRA:-} --shard "${SLURM_ARRAY_TASK_ID}/${N}"
