#!/usr/bin/env bash
# The paper's Fig. 4 with driftsim train: Matern smoothness nu x {deng, gradient} on the R^2
# swiss roll, config cluster-conf/examples/train-fig4-swissroll.conf; C2ST accuracy of 4000 EMA
# samples against 4000 fresh target samples.
#   mvn -B package -DskipTests && SEEDS="0" bench/fig4.sh
# By default the closed-form kernels: nu = 0.5 (laplace), 1.5 (matern32), 2.5 (matern52) and the
# Gaussian limit nu -> infinity (gaussian; the paper uses nu = 100 for it). GENERAL_NUS="1 2 5"
# adds general-nu Matern points; the float32 engine evaluates that kernel with a scalar float64
# fallback (about 5.5e5 pairs/s, bench/RESULTS.md), so each such run takes about 12 minutes here.
# Appends to bench/results/fig4.jsonl; run directories under runs/fig4/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cells="$(mktemp)"
trap 'rm -f "$cells"' EXIT
kernels=("nu0.5 laplace(tau=0.2)" "nu1.5 matern32(tau=0.2)" "nu2.5 matern52(tau=0.2)"
  "nu-inf gaussian(tau=0.2)")
for nu in ${GENERAL_NUS:-}; do
  kernels+=("nu$nu matern(tau=0.2,nu=$nu)")
done
for k in "${kernels[@]}"; do
  label="${k%% *}"
  spec="${k#* }"
  for field in deng gradient; do
    echo "$label-$field --set driftsim.training.kernels=[\"$spec\"]" \
      "--set driftsim.training.field=$field" >> "$cells"
  done
done
exec "$root/bench/train-runs.sh" "$root/cluster-conf/examples/train-fig4-swissroll.conf" \
  "$root/bench/results/fig4.jsonl" "$root/runs/fig4" "${SEEDS:-0}" "$cells"
