#!/usr/bin/env bash
# make browser-test: notebooks 00 and 02 (smoke) executed through Jupyter's classic web UI in headless Chromium;
# 02 is watched while it runs (progress line and live loss chart replaced in place, issue 24).
# Installs what is missing: Debian's chromium (apt) and playwright-core (npm registry, into build/browser-test; it
# never downloads a browser). Serves scratch copies of the notebooks (the committed ones are never saved over) on
# 127.0.0.1 with a random token, their results in build/browser-test/results; the screenshots go to results/browser/.
# Notebook 02 trains LDDGAN in the latent of notebook 01's autoencoder at smoke: the one make verify just trained
# (build/verify/smoke/state), else notebook 01 is run headless first into the test's own state.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$ROOT/build/browser-test"
SHOT_DIR="$ROOT/results/browser"
say() { echo "[browser] $*"; }

if ! command -v chromium >/dev/null; then
  say "installing Debian's chromium"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
command -v node >/dev/null || { say "node not found: install Node.js 18+ (Debian: nodejs npm)" >&2; exit 1; }
mkdir -p "$WORK/notebooks" "$SHOT_DIR"
cp "$ROOT/environment/browser-test/package.json" "$WORK/package.json"
if [ ! -d "$WORK/node_modules/playwright-core" ]; then
  say "installing playwright-core from the npm registry"
  (cd "$WORK" && npm install --silent --no-audit --no-fund >/dev/null)
fi
cp "$ROOT/notebooks/00-environment.ipynb" "$ROOT/notebooks/02-main-results.ipynb" "$WORK/notebooks/"
cp "$ROOT"/environment/browser-test/*.mjs "$WORK/"

# notebook 01's first stage at smoke and its training log (notebook 02's budget reads it), for notebook 02 (fresh
# state otherwise: no checkpoint of an earlier run resumes)
rm -rf "$WORK/state" "$WORK/results"
mkdir -p "$WORK/state/checkpoints/smoke" "$WORK/state/latents/smoke" "$WORK/results/01-autoencoder"
VERIFIED="$ROOT/build/verify/smoke"
first_stage=("$VERIFIED"/state/checkpoints/smoke/autoencoder-cifar10-f2-seed0 "$VERIFIED"/state/latents/smoke/cifar10-f2-*)
if [ -e "${first_stage[0]}" ] && [ -e "${first_stage[1]}" ] && [ -e "$VERIFIED/results/01-autoencoder/train-log.jsonl" ]; then
  say "notebook 01's first stage from make verify ($VERIFIED)"
  for d in "${first_stage[@]}"; do cp -r "$d" "$WORK/state/${d#"$VERIFIED"/state/}"; done
  cp "$VERIFIED/results/01-autoencoder/train-log.jsonl" "$WORK/results/01-autoencoder/"
else
  say "running notebook 01 headless first (its first stage, for notebook 02)"
  JUPYTER_PATH="$ROOT/build/jupyter" LDDGAN_PROFILE=smoke LDDGAN_ROOT="$ROOT" LDDGAN_RESULTS_DIR="$WORK/results" \
    LDDGAN_STATE_DIR="$WORK/state" /usr/bin/python3 "$ROOT/environment/run_notebooks.py" \
    "$ROOT/notebooks/01-autoencoder.ipynb" --out "$WORK/results/executed"
fi

PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(24))')
ROOT_FLAG=""; [ "$(id -u)" -eq 0 ] && ROOT_FLAG="--allow-root"
say "Jupyter on 127.0.0.1:$PORT (token), notebooks 00 and 02 at profile smoke"
# its own session: only stop() signals it, once (a second SIGTERM during its kernels' shutdown would leave them)
JUPYTER_PATH="$ROOT/build/jupyter" LDDGAN_PROFILE=smoke LDDGAN_ROOT="$ROOT" LDDGAN_RESULTS_DIR="$WORK/results" \
  LDDGAN_STATE_DIR="$WORK/state" JUPYTER_CONFIG_DIR="$WORK/config" JUPYTER_RUNTIME_DIR="$WORK/runtime" \
  setsid jupyter notebook --no-browser --ip=127.0.0.1 --port="$PORT" --NotebookApp.token="$TOKEN" \
  --NotebookApp.notebook_dir="$WORK/notebooks" --MultiKernelManager.default_kernel_name=lddgan-java $ROOT_FLAG \
  >"$WORK/jupyter.log" 2>&1 &
SERVER=$!
NODE=""
# Whatever ends this script (success, failure, Ctrl-C, SIGTERM), the browser and then the server are stopped; the
# server shuts its kernels down on SIGTERM, so no kernel outlives the test (issue 26).
stop() {
  trap '' INT TERM
  [ -n "$NODE" ] && kill "$NODE" 2>/dev/null || true
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/api/status?token=$TOKEN" >/dev/null 2>&1 && break
  kill -0 $SERVER 2>/dev/null || { say "Jupyter did not start:"; tail -20 "$WORK/jupyter.log"; exit 1; }
  sleep 1
done
cd "$WORK"
# in the background, so that a signal to this script is handled at once, not after the browser run
for nb in 00-environment 02-main-results; do
  node "notebook${nb%%-*}.mjs" "http://127.0.0.1:$PORT/notebooks/$nb.ipynb?token=$TOKEN" "$SHOT_DIR/$nb.png" &
  NODE=$!
  wait "$NODE"
  NODE=""
done
