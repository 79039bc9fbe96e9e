#!/usr/bin/env bash
# The paper's Fig. 4 with driftsim train: Matern nu in {0.5, 1, 1.5, 2, 2.5, 5, 100} x
# {deng, gradient} on the R^2 swiss roll, config cluster-conf/examples/train-fig4-swissroll.conf;
# C2ST accuracy of 4000 EMA samples against 4000 fresh target samples.
#   mvn -B package -DskipTests && SEEDS="0" bench/fig4.sh
# Appends to bench/results/fig4.jsonl; run directories under runs/fig4/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cells="$(mktemp)"
trap 'rm -f "$cells"' EXIT
for nu in 0.5 1 1.5 2 2.5 5 100; do
  for field in deng gradient; do
    echo "nu$nu-$field --set driftsim.training.kernels=[\"matern(tau=0.2,nu=$nu)\"]" \
      "--set driftsim.training.field=$field" >> "$cells"
  done
done
exec "$root/bench/train-runs.sh" "$root/cluster-conf/examples/train-fig4-swissroll.conf" \
  "$root/bench/results/fig4.jsonl" "$root/runs/fig4" "${SEEDS:-0}" "$cells"
