#!/usr/bin/env bash
# make browser-test: notebook 00 executed through Jupyter's classic web UI in headless Chromium.
# Installs what is missing: Debian's chromium (apt) and playwright-core (npm registry, into build/browser-test; it
# never downloads a browser). Serves a scratch copy of the notebook (the committed one is never saved over) on
# 127.0.0.1 with a random token, its results in build/browser-test/results; the screenshot goes to results/browser/.
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
cp "$ROOT/notebooks/00-environment.ipynb" "$WORK/notebooks/"
cp "$ROOT/environment/browser-test/notebook00.mjs" "$WORK/"

PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(24))')
ROOT_FLAG=""; [ "$(id -u)" -eq 0 ] && ROOT_FLAG="--allow-root"
say "Jupyter on 127.0.0.1:$PORT (token), notebook 00 at profile smoke"
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
node notebook00.mjs "http://127.0.0.1:$PORT/notebooks/00-environment.ipynb?token=$TOKEN" "$SHOT_DIR/00-environment.png" &
NODE=$!
wait "$NODE"
