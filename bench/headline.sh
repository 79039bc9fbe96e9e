#!/usr/bin/env bash
# The acceptance targets of the engine issue, three JVMs per configuration, engines interleaved:
#   mvn -B package -DskipTests && bench/headline.sh > bench/results/headline.jsonl
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for rep in 1 2 3; do
  for cfg in "euclidean 3" "euclidean 64" "sphere 3"; do
    set -- $cfg
    for engine in nd4j nd4j-dense; do
      "$root/bin/driftsim" bench sums --n 4096 --m 65536 --geometry "$1" --dim "$2" \
        --kernel laplace --field gradient --engine "$engine" --warmup 2 --repeats 5 --json 2>/dev/null
    done
  done
done
