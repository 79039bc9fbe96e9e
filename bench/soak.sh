#!/usr/bin/env bash
# Soak run: a long simulation of many small steps (default 300,000 steps of 256 particles against
# 256 positives in R^2, through 2 bank and 2 particle partitions on the embedded node, with a
# checkpoint every 10,000 steps), sampling the JVM every INTERVAL seconds: used heap right after
# a full GC (jcmd GC.run, then GC.heap_info) and the process RSS (VmRSS; ND4J's memory is
# off-heap). Prints one JSON line: the medians of the first and the last three samples after the
# warm-up (the first WARMUP_FRACTION of the samples) and their growth in percent. The heap figure
# is the JVM's own "after" value of each full collection jcmd asks for (-Xlog:gc), so objects
# allocated between two jcmd calls do not count.
#   mvn -B package -DskipTests && bench/soak.sh >> bench/results/soak.jsonl
# Samples go to bench/results/soak-<timestamp>.csv; the run directory to runs/soak-<timestamp>.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${STEPS:-300000}"
interval="${INTERVAL:-10}"
warmup="${WARMUP_FRACTION:-0.2}"
stamp="$(date -u +%Y%m%d-%H%M%S)"
csv="$root/bench/results/soak-$stamp.csv"
run="$root/runs/soak-$stamp"
mkdir -p "$root/bench/results" "$root/runs"
gclog="$root/bench/results/soak-$stamp.gc.log"
JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc:file=$gclog" "$root/bin/driftsim" simulate "$root/cluster-conf/examples/simulate-swissroll.conf" \
  --run-dir "$run" --set "driftsim.simulation.steps=$steps" \
  --set driftsim.simulation.particles=256 --set driftsim.simulation.positives=256 \
  --set driftsim.simulation.metrics-every=1000 --set "driftsim.simulation.snapshot-steps=[0]" \
  --set "driftsim.simulation.plot-steps=[0]" --set driftsim.simulation.sw2-every=0 \
  --set driftsim.simulation.checkpoint-every=10000 > "$run.out" 2> "$run.err" &
pid=$!
echo "seconds,heap_used_kb_after_gc,rss_kb" > "$csv"
start=$(date +%s)
while kill -0 "$pid" 2> /dev/null; do
  sleep "$interval"
  kill -0 "$pid" 2> /dev/null || break
  jcmd "$pid" GC.run > /dev/null 2>&1 || break
  sleep 1
  # e.g. "[15.9s][info][gc] GC(31) Pause Full (Diagnostic Command) 205M->19M(96M) 155.9ms"
  heap=$(grep 'Pause Full' "$gclog" | tail -n 1 \
    | sed -n 's/.*->\([0-9]*\)M(.*/\1/p')
  [[ -n "$heap" ]] && heap=$(( heap * 1024 ))
  rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2> /dev/null || true)
  [[ -n "$heap" && -n "$rss" ]] && echo "$(( $(date +%s) - start )),$heap,$rss" >> "$csv"
done
wait "$pid"
python3 - "$csv" "$warmup" "$steps" "$run" <<'PY'
import csv, json, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
skip = int(len(rows) * float(sys.argv[2]))
kept = rows[skip:]
if len(kept) < 6:
    sys.exit("soak: too few samples after the warm-up (%d); lower INTERVAL or raise STEPS" % len(kept))
def med(rs, k): return statistics.median(float(r[k]) for r in rs)
first, last = kept[:3], kept[-3:]
out = {"benchmark": "soak", "steps": int(sys.argv[3]), "samples": len(rows),
       "warmup_samples": skip, "seconds": int(rows[-1]["seconds"]),
       "heap_after_gc_kb_first": med(first, "heap_used_kb_after_gc"),
       "heap_after_gc_kb_last": med(last, "heap_used_kb_after_gc"),
       "rss_kb_first": med(first, "rss_kb"), "rss_kb_last": med(last, "rss_kb"),
       "samples_csv": sys.argv[1], "run": sys.argv[4]}
out["heap_growth_percent"] = 100 * (out["heap_after_gc_kb_last"] / out["heap_after_gc_kb_first"] - 1)
out["rss_growth_percent"] = 100 * (out["rss_kb_last"] / out["rss_kb_first"] - 1)
print(json.dumps(out))
PY
