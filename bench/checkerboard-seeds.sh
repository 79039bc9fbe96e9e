#!/usr/bin/env bash
# The acceptance example cluster-conf/examples/train-checkerboard-sphere.conf at several seeds:
# tile accuracy and SW2 of 10,000 EMA samples, and the wall time of each run.
#   mvn -B package -DskipTests && SEEDS="1 2 3" bench/checkerboard-seeds.sh
# Appends to bench/results/checkerboard-sphere.jsonl; run directories under runs/checkerboard/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cells="$(mktemp)"
trap 'rm -f "$cells"' EXIT
echo "checkerboard-sphere" > "$cells"
exec "$root/bench/train-runs.sh" "$root/cluster-conf/examples/train-checkerboard-sphere.conf" \
  "$root/bench/results/checkerboard-sphere.jsonl" "$root/runs/checkerboard" "${SEEDS:-1 2 3}" \
  "$cells"
