#!/usr/bin/env bash
# A one-node Slurm cluster on localhost, for the cluster test (test/slurm.test.ts) and for trying the job
# array by hand. Needs root and Debian's slurm-wlm and munge (apt-get install slurm-wlm munge).
#
#   scripts/cluster/local-slurm.sh start DIR   # munged, slurmctld and slurmd with state, logs and pid files in DIR
#   scripts/cluster/local-slurm.sh stop DIR    # stops them by their pid files and removes nothing else
#
# `start` writes DIR/slurm.conf (one node with this machine's CPUs, one default partition, no accounting,
# no cgroups) and prints `export SLURM_CONF=DIR/slurm.conf`; it waits until the node is idle (at most 30 s).
set -euo pipefail
cmd="${1:?usage: local-slurm.sh start|stop DIR}"
dir="$(mkdir -p "${2:?usage: local-slurm.sh start|stop DIR}" && cd "$2" && pwd)"
host="$(hostname -s)"

stop() {
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "local-slurm.sh: unknown command '$cmd' (start or stop)" >&2; exit 2; }
[ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/munged ] \
  || { echo "local-slurm.sh: Slurm or munge is not installed (apt-get install slurm-wlm munge)" >&2; exit 3; }

# a start that fails half way stops what it started
trap 'stop' ERR
# munge: its own socket, key and state under DIR, owned by the munge user (who must be able to reach DIR)
chmod 755 "$dir" "$(dirname "$dir")"
mkdir -p "$dir/munge" "$dir/state" "$dir/spool"
[ -f "$dir/munge/munge.key" ] || { dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none; }
chown -R munge:munge "$dir/munge"
chmod 700 "$dir/munge"
chmod 400 "$dir/munge/munge.key"
runuser -u munge -- /usr/sbin/munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/seed"
for _ in $(seq 1 50); do [ -s "$dir/munge/munged.pid" ] && break; sleep 0.1; done

cpus="$(nproc)"
memory="$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))"
cat > "$dir/slurm.conf" <<EOF
ClusterName=local
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$dir/slurm.conf"
/usr/sbin/slurmctld -f "$SLURM_CONF"
/usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 1 300); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qx idle; then echo "export SLURM_CONF=$SLURM_CONF"; exit 0; fi
  sleep 0.1
done
echo "local-slurm.sh: the node did not become idle within 30 s; see $dir/slurmctld.log and $dir/slurmd.log" >&2
stop
exit 1
