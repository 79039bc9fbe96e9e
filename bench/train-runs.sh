#!/usr/bin/env bash
# Runs `driftsim train` once per line of a cell list and appends each run's final metrics line
# (the test split), labelled with the cell and the seed, to a JSONL file. Used by fig4.sh,
# table1.sh and checkerboard-seeds.sh; not meant to be called directly.
#   train-runs.sh CONFIG OUT.jsonl RUNS_DIR SEEDS CELLS_FILE
# CELLS_FILE: one cell per line, "<label> <--set arguments...>" (the label has no spaces).
set -euo pipefail
set -f  # cells hold brackets (HOCON lists); no pathname expansion
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="$1"; out="$2"; runs="$3"; seeds="$4"; cells="$5"
mkdir -p "$runs" "$(dirname "$out")"
while read -r label rest; do
  [[ -z "$label" || "$label" == \#* ]] && continue
  for seed in $seeds; do
    dir="$runs/$label-seed$seed"
    if [[ -e "$dir" ]]; then
      echo "train-runs: $dir exists; skipped (remove it to run the cell again)" >&2
      continue
    fi
    start=$(date +%s)
    # shellcheck disable=SC2086  # the cell's --set arguments are split on purpose
    "$root/bin/driftsim" train "$config" --run-dir "$dir" --set "driftsim.job.seed=$seed" \
      $rest > "$dir.log" 2>&1 || { echo "train-runs: $label seed $seed failed, see $dir.log" >&2; continue; }
    seconds=$(( $(date +%s) - start ))
    final=$(tail -n 1 "$dir/metrics.jsonl")
    echo "{\"cell\": \"$label\", \"seed\": $seed, \"wall_seconds\": $seconds, \"run\": \"$dir\", ${final#\{}" >> "$out"
    echo "train-runs: $label seed $seed: $final (${seconds} s)" >&2
  done
done < "$cells"
