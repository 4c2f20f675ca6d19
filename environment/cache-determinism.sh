#!/bin/bash
# Issue 27, item 1: a smoke notebook (default 01, which trains the first stage and evaluates it with the offline
# feature extractor) executed twice with fresh training state each (LDDGAN_STATE_DIR): first with no cached extractor
# and reference statistics (.cache/extractors and .cache/fid-stats set aside, so the kernel trains and caches them),
# then with the cache that first run filled. lddgan.verify.Verify compares every number of the two runs' results;
# the script fails unless every compared number is bit-identical (and at least one was compared) and the weights and
# statistics digests the results' conditions record and the trained weight files agree.
# Usage: environment/cache-determinism.sh [NB] (run by `make determinism`; the project's environment comes from make)
set -uo pipefail
ROOT="${LDDGAN_ROOT:?run through make determinism}"
NB="${1:-01}"
KERNEL="${KERNEL:-lddgan-java}"
OUT="$ROOT/build/determinism"
NOTEBOOK=$(ls "$ROOT"/notebooks/"$NB"-*.ipynb 2>/dev/null | head -1)
[ -n "$NOTEBOOK" ] || { echo "[determinism] no notebook notebooks/$NB-*.ipynb" >&2; exit 2; }
rm -rf "$OUT"; mkdir -p "$OUT/aside"

# the user's cached extractors and statistics go back where they were, whatever happens
restore() {
  for d in extractors fid-stats; do
    if [ -e "$OUT/aside/$d" ]; then rm -rf "$ROOT/.cache/$d"; mv "$OUT/aside/$d" "$ROOT/.cache/$d"; fi
  done
}
trap restore EXIT
trap 'exit 143' TERM; trap 'exit 130' INT
for d in extractors fid-stats; do
  [ -e "$ROOT/.cache/$d" ] && mv "$ROOT/.cache/$d" "$OUT/aside/$d"
done

run() {   # run <name>: the notebook into $OUT/<name>/results with its own training state
  echo "[determinism] $(basename "$NOTEBOOK") with $2"
  LDDGAN_PROFILE=smoke LDDGAN_STATE_DIR="$OUT/$1/state" LDDGAN_RESULTS_DIR="$OUT/$1/results" \
    /usr/bin/python3 "$ROOT/environment/run_notebooks.py" "$NOTEBOOK" --kernel "$KERNEL" --out "$OUT/$1/results/executed" \
    || { echo "[determinism] the notebook failed ($1)" >&2; exit 1; }
}
run empty "an empty .cache/extractors (the extractor is trained in the kernel)"
ls "$ROOT/.cache/extractors"/*/parameters.bin >/dev/null 2>&1 \
  || { echo "[determinism] the first run cached no extractor: $(basename "$NOTEBOOK") does not exercise the cache" >&2; exit 1; }
run filled "the extractor and statistics the first run cached"

java -cp "$(cat "$ROOT/build/classpath.txt")" lddgan.verify.Verify --profile smoke --claims "$ROOT/results/claims.json" \
  --committed "$OUT/empty/results" --fresh "$OUT/filled/results" --notebooks "$(basename "$NOTEBOOK")" \
  --out "$OUT/report" --run-status 0 --wall-seconds 0 --note "cache determinism: empty vs filled .cache/extractors" \
  | tee "$OUT/verify.log"
status=${PIPESTATUS[0]}
compared=$(grep -c '^\[verify\] numbers ' "$OUT/verify.log")
differing=$(grep '^\[verify\] numbers ' "$OUT/verify.log" | grep -c 'largest relative difference')
# The extractor and reference-statistics digests the results' conditions record must agree, and so must the bytes of
# every trained weight file. Left out: "autoencoder sha256", the digest of the checkpoint's manifest.json, which holds
# its creation time (so it differs between any two runs; the weight files it lists are compared here instead).
digests() {
  (cd "$OUT/$1/results" && grep -r --include='*.json' -o '"[^"]*sha256" : "[0-9a-f]*"' . | grep -v '"autoencoder sha256"' | sort)
  (cd "$OUT/$1/state" && find checkpoints -type f ! -name manifest.json -exec sha256sum {} + | sort -k2)
}
digest_diff=$(diff <(digests empty) <(digests filled))
[ "$(digests empty | grep -c '\.params$')" -gt 0 ] || digest_diff="no trained weight file in $OUT/empty/state/checkpoints"
if [ -n "$digest_diff" ]; then echo "[determinism] recorded digests differ:"; echo "$digest_diff"; fi
if [ "$status" -ne 0 ] || [ "$compared" -eq 0 ] || [ "$differing" -ne 0 ] || [ -n "$digest_diff" ]; then
  echo "[determinism] FAILED: verify exit $status, $compared result files compared, $differing not bit-identical," \
    "$(echo -n "$digest_diff" | grep -c '^[<>]') differing digest lines" >&2
  exit 1
fi
echo "[determinism] passed: every number of $compared result files, the recorded digests and the weight files identical between the empty and the filled cache"
