#!/usr/bin/env bash
# End-to-end test of hcsim on a real single-node Slurm cluster, started by hand (no systemd): the default scenario
# (smaller, 2 replicates) swept over 4 array tasks with 'hcsim slurm --submit --wait', merged, and compared byte for
# byte (so row by row) with the same scenario run on one machine; one task made to fail must be named, and a second
# 'hcsim slurm --submit --wait' must rerun that task alone. Then a tiny 'hcsim optimise --slurm' must write the
# single-machine search.parquet. Installs slurm-wlm and munge when missing (Debian).
# Usage: .ci/slurm-test.sh [HCSIM]  (default: the Release build in src/Runner/bin). Stops every daemon it started.
set -euo pipefail
cd "$(dirname "$0")/.."
hcsim=${1:-$PWD/src/Runner/bin/Release/net10.0/hcsim}
[ -x "$hcsim" ] || { echo "slurm-test: $hcsim not found; build first (dotnet build Simulator.sln -c Release)"; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  echo "slurm-test: installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq slurm-wlm munge >/dev/null
fi

work=$(mktemp -d /tmp/hcsim-slurm.XXXXXX)
mkdir -p "$work"/{state,spool,log,run}
started=()
cleanup() {
  local status=$?
  for pidfile in "${started[@]}"; do
    if [ -s "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  if [ "$status" -ne 0 ]; then
    echo "slurm-test: FAILED (exit $status); daemon logs:"; tail -n 20 "$work"/log/*.log 2>/dev/null || true
    for f in "$work"/sweep/slurm/logs/*.out; do [ -f "$f" ] && { echo "== $f"; tail -n 5 "$f"; }; done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT INT TERM

# munge authenticates Slurm's daemons and commands; reuse a munged that is already running.
if ! pgrep -x munged >/dev/null; then
  mkdir -p /run/munge && chown munge:munge /run/munge && chmod 0755 /run/munge
  # munged refuses log files in folders others may write; /run/munge is its own.
  runuser -u munge -- munged --pid-file=/run/munge/munged.pid.hcsim --log-file=/run/munge/munged-hcsim.log
  started+=(/run/munge/munged.pid.hcsim)
fi

host=$(hostname -s)
memory=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) - 512 ))
export SLURM_CONF=$work/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=hcsimci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=2
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/run/slurmctld.pid
SlurmdPidFile=$work/run/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF"
started+=("$work/run/slurmctld.pid")
slurmd -f "$SLURM_CONF"
started+=("$work/run/slurmd.pid")
for _ in $(seq 1 60); do
  [ "$(sinfo -h -o %t 2>/dev/null)" = idle ] && break
  sleep 0.5
done
[ "$(sinfo -h -o %t)" = idle ] || { echo "slurm-test: the node did not become idle"; sinfo; exit 1; }
echo "slurm-test: Slurm is up ($(sinfo -h -o '%N %c CPUs %m MB %t'))"

small=(--set population.size=20000 --set days=60 --set replicates=2)
"$hcsim" run --out "$work/single" "${small[@]}" --quiet

# Task 2 is made to fail: a file stands where its shard folder goes, so hcsim refuses to write there (exit 3).
mkdir -p "$work/sweep/shards" && touch "$work/sweep/shards/shard-0002-of-0004"
set +e
"$hcsim" slurm --out "$work/sweep" "${small[@]}" --tasks 4 --submit --wait >"$work/first.log" 2>&1
code=$?
set -e
cat "$work/first.log"
[ "$code" -eq 5 ] || { echo "slurm-test: a failed task should give exit code 5, got $code"; exit 1; }
grep -q "hcsim: task 2 of array job .* failed (shard 2/4): its task failed with exit code 3" "$work/first.log" \
  || { echo "slurm-test: the failed task 2 should be named with its exit code"; exit 1; }
if grep -Eq "hcsim: task [013] " "$work/first.log"; then echo "slurm-test: only task 2 failed"; exit 1; fi
[ ! -e "$work/sweep/manifest.json" ] || { echo "slurm-test: nothing should be merged after a failure"; exit 1; }

rm "$work/sweep/shards/shard-0002-of-0004"
"$hcsim" slurm --out "$work/sweep" "${small[@]}" --submit --wait | tee "$work/second.log"
grep -q "1 task(s) (--array=2); 3 shard(s) already complete are not rerun" "$work/second.log" \
  || { echo "slurm-test: the resubmission should run task 2 alone"; exit 1; }

for file in daily.parquet summary.parquet variants.parquet report.md plots/epidemic.png; do
  cmp "$work/single/$file" "$work/sweep/$file" || { echo "slurm-test: merged $file differs from the single-machine run"; exit 1; }
done
# hcsim optimise --slurm: a tiny policy search, each generation as 2 array tasks and a merge; same search.parquet as one machine.
sed -e 's/^  population_size: 10/  population_size: 4/; s/^  generations: 6/  generations: 2/; s/^  replicates: 5 .*/  replicates: 2/' \
    -e 's/^  max_minutes: 14 .*/  max_minutes: 0/; s/^  size: 100000/  size: 1000/; s/^days: 90/days: 20/' scenarios/policy-search.yaml > "$work/search.yaml"
"$hcsim" optimise "$work/search.yaml" --out "$work/search-single" --quiet
"$hcsim" optimise "$work/search.yaml" --out "$work/search-slurm" --slurm --tasks 2 --quiet
cmp "$work/search-single/search.parquet" "$work/search-slurm/search.parquet" \
  || { echo "slurm-test: optimise --slurm's search.parquet differs from the single-machine search"; exit 1; }
echo "slurm-test: passed (4 array tasks, one failed and was rerun alone; merged files identical to a single-machine run; optimise --slurm identical to one machine)"
