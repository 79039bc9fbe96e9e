#!/usr/bin/env bash
# The paper's Table 1 with driftsim train: {checkerboard, swissroll} x {S^2, H^2} x
# {euclidean, manifold} drift x {deng, gradient}, config cluster-conf/examples/train-table1.conf.
#   mvn -B package -DskipTests && SEEDS="0 1 2" bench/table1.sh
# Appends to bench/results/table1.jsonl; run directories under runs/table1/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cells="$(mktemp)"
trap 'rm -f "$cells"' EXIT
for data in checkerboard swissroll; do
  for geometry in sphere hyperboloid; do
    for drift in euclidean manifold; do
      for field in deng gradient; do
        metrics='[sw2]'
        [[ "$data" == checkerboard ]] && metrics='[sw2,tile]'
        echo "$data-$geometry-$drift-$field --set driftsim.training.data=$data" \
          "--set driftsim.training.data-geometry=$geometry" \
          "--set driftsim.training.drift-geometry=$drift --set driftsim.training.field=$field" \
          "--set driftsim.training.eval-metrics=$metrics" >> "$cells"
      done
    done
  done
done
exec "$root/bench/train-runs.sh" "$root/cluster-conf/examples/train-table1.conf" \
  "$root/bench/results/table1.jsonl" "$root/runs/table1" "${SEEDS:-0}" "$cells"
