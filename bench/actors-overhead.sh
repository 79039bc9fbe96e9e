#!/usr/bin/env bash
# Actor path overhead: the field through P = 8 bank partition actors on the embedded one-node
# cluster (driftsim field --engine actors --partitions 8) against the nd4j engine called directly
# on the same 8 shards (8 threads, one engine thread each, the same merge), in the same JVM,
# evaluations alternating. N = 4096 queries, M = 262,144 references (half positives, half
# negatives), d = 3, laplace tau = 0.5, gradient field. One JSON line on standard output; the
# per-run timings go to standard error.
#   mvn -B package -DskipTests && bench/actors-overhead.sh >> bench/results/actors-overhead.jsonl
# A shorter run (e.g. to check that it works): WARMUP=1 REPEATS=2 M=65536 bench/actors-overhead.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bin/driftsim" bench actors --n "${N:-4096}" --m "${M:-262144}" --dim 3 \
  --partitions "${P:-8}" --geometry euclidean --kernel laplace --tau 0.5 --field gradient \
  --engine nd4j --warmup "${WARMUP:-3}" --repeats "${REPEATS:-7}" --json
