#!/usr/bin/env bash
# The partial-sums table of bench/RESULTS.md: every kernel and dimension, the fused `nd4j` engine
# and its `nd4j-dense` baseline measured in the same run. One JSON line per configuration.
#   mvn -B package -DskipTests && bench/sums-table.sh > bench/results/sums.jsonl
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run() { "$root/bin/driftsim" bench sums --warmup 1 --repeats 3 --json "$@" 2>/dev/null; }
for dim in 3 16 64 512; do
  for kernel in laplace gaussian matern32 matern52 rq; do
    for engine in nd4j nd4j-dense; do
      run --n 4096 --m 65536 --dim "$dim" --kernel "$kernel" --field gradient --engine "$engine"
    done
  done
done
for engine in nd4j nd4j-dense; do
  run --n 4096 --m 65536 --dim 3 --geometry sphere --kernel laplace --field gradient --engine "$engine"
done
# Kernels without a float32 closed form (scalar float64 paths): smaller problems.
run --n 256 --m 4096 --dim 3 --kernel matern --nu 1.5 --field gradient --engine nd4j
run --n 1024 --m 16384 --dim 3 --geometry sphere --kernel spectral-heat --lmax 30 --field gradient --engine nd4j
run --n 1024 --m 16384 --dim 3 --geometry sphere --kernel spectral-matern --nu 1.5 --lmax 30 --field gradient --engine nd4j
run --n 1024 --m 16384 --dim 3 --geometry hyperboloid --kernel laplace --field gradient --engine nd4j
run --n 1024 --m 16384 --dim 8 --geometry simplex --kernel laplace --field gradient --engine nd4j
