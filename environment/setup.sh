#!/usr/bin/env bash
# Installs what is missing, idempotently: Debian's Jupyter, the library build (Maven Central), the Java kernel
# (rapaio-jupyter-kernel from Maven Central) registered as the project kernelspec `lddgan-java` in a project-local
# Jupyter data folder (build/jupyter), and the DJL engine cache (.cache/djl). Run by `make run` / `make test`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RJK_VERSION=3.0.1
KERNEL_NAME=lddgan-java
JUPYTER_DIR="$ROOT/build/jupyter"
KERNEL_DIR="$JUPYTER_DIR/kernels/$KERNEL_NAME"
say() { echo "[setup] $*"; }

# 1. Jupyter from Debian (notebook, nbconvert, nbclient, jupyter-client).
DEB_PACKAGES=(jupyter-notebook jupyter-nbconvert python3-nbclient python3-jupyter-client python3-nbformat)
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v java >/dev/null || { echo "[setup] java not found: install a JDK 17+ (Debian: openjdk-17-jdk-headless)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "[setup] mvn not found: install Maven (Debian: maven)" >&2; exit 1; }

# 2. The library and its runtime classpath (lib/target/classpath.txt), built when a source is newer.
stamp=lib/target/classpath.txt
if [ ! -f "$stamp" ] || [ -n "$(find pom.xml lib/pom.xml lib/src/main -newer "$stamp" -print -quit)" ]; then
  say "building lib (mvn package${LDDGAN_GPU:+ -Pgpu})"
  mvn -B -q package -DskipTests ${LDDGAN_GPU:+-Pgpu}
fi

# 3. The kernel jar from Maven Central, copied into build/kernel.
JAR="$ROOT/build/kernel/rapaio-jupyter-kernel-$RJK_VERSION.jar"
if [ ! -f "$JAR" ]; then
  say "fetching io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION"
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact=io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION -DoutputDirectory="$ROOT/build/kernel"
fi

# 3b. rapaio 3.0.1's channel threads can end before they start polling (a start race: a kernel that never answers,
# issue 24): our LoopThread, compiled here, is put ahead of the jar on the kernel's class path
# (environment/rapaio-fix/...LoopThread.java says why).
FIX_SRC="$ROOT/environment/rapaio-fix"
FIX_DIR="$ROOT/build/kernel/fix"
FIX_CLASS="$FIX_DIR/org/rapaio/jupyter/kernel/channels/LoopThread.class"
if [ ! -f "$FIX_CLASS" ] || [ -n "$(find "$FIX_SRC" -name '*.java' -newer "$FIX_CLASS" -print -quit)" ]; then
  say "compiling the kernel's LoopThread fix (environment/rapaio-fix)"
  rm -rf "$FIX_DIR"
  javac --release 17 -d "$FIX_DIR" $(find "$FIX_SRC" -name '*.java')
fi

# 4. The kernelspec: JVM options, DJL offline with a project-local engine cache, thread counts, library classpath.
CP="$ROOT/lib/target/classes:$(cat lib/target/classpath.txt)"
RJK_CP="${CP//:/;}"   # rapaio splits RJK_CLASSPATH on ';'; IJava and JJava use ':'.
THREADS="${LDDGAN_THREADS:-$(nproc)}"
OFFLINE=true; [ -n "${LDDGAN_GPU:-}" ] && [ -z "${PYTORCH_LIBRARY_PATH:-}" ] && OFFLINE=false   # GPU: first use fetches libtorch
HEAP="${LDDGAN_KERNEL_HEAP:-12g}"
# The young generation's cap: without it ParallelGC grows eden to a third of the heap, so garbage a collection would
# free stays resident (notebook 07 at smoke: 2,035 MiB of heap occupied for 83 MiB live; lib/PERFORMANCE.md, "Memory").
YOUNG="${LDDGAN_KERNEL_YOUNG:-384m}"
mkdir -p "$KERNEL_DIR" "$ROOT/.cache/djl"
# One source for the memory options: the kernelspec below and the make targets' JVMs (Makefile JVM_MEMORY) read them
# from build/jvm-memory, rewritten on every setup so that a changed LDDGAN_KERNEL_HEAP / _YOUNG reaches both.
JVM_MEMORY="-Xmx$HEAP -XX:+UseParallelGC -XX:MaxNewSize=$YOUNG"
printf '%s\n' "$JVM_MEMORY" > "$ROOT/build/jvm-memory.tmp" && mv "$ROOT/build/jvm-memory.tmp" "$ROOT/build/jvm-memory"

# 5. The engine self-check (lddgan.config.ConvolutionCheck, lib/PERFORMANCE.md "Engine self-check"): on machines whose
# CPU convolution kernels (oneDNN's, inside libtorch) compute wrong numbers, the kernelspec and the make targets run
# with DNNL_MAX_CPU_ISA=SSE41 (correct, convolutions 3-6x slower), recorded in build/engine.env; a limit the user set
# is kept, and setup fails when even SSE41 is wrong. Run every time: the checkout may have moved to another machine.
ENGINE_ENV="$ROOT/build/engine.env"
convolution_check() {
  env DJL_OFFLINE="$OFFLINE" OPT_OUT_TRACKING=true DJL_CACHE_DIR="$ROOT/.cache/djl" ENGINE_CACHE_DIR="$ROOT/.cache/djl" \
    OMP_NUM_THREADS="$THREADS" "$@" java --enable-native-access=ALL-UNNAMED -Dai.djl.offline="$OFFLINE" \
    -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" lddgan.config.ConvolutionCheck
}
# exit 0: right; 3: wrong (lddgan.config.ConvolutionCheck.EXIT_WRONG); anything else: the check itself did not run
run_check() {
  local rc=0
  check_out="$(convolution_check "$@" 2>"$ROOT/build/convolution-check.err")" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
    echo "[setup] the engine self-check did not run (exit $rc):" >&2; cat "$ROOT/build/convolution-check.err" >&2; exit 1
  fi
  return "$rc"
}
engine_setting=""
if ! run_check; then
  echo "$check_out" | sed 's/^/[setup] /'
  if [ -n "${DNNL_MAX_CPU_ISA:-}" ]; then
    echo "[setup] wrong under your DNNL_MAX_CPU_ISA=$DNNL_MAX_CPU_ISA: unset it or set DNNL_MAX_CPU_ISA=SSE41" >&2; exit 1
  fi
  if ! run_check DNNL_MAX_CPU_ISA=SSE41; then
    echo "$check_out" | sed 's/^/[setup] /' >&2
    echo "[setup] the engine's convolutions are wrong even under DNNL_MAX_CPU_ISA=SSE41: nothing here would be right" >&2; exit 1
  fi
  engine_setting="DNNL_MAX_CPU_ISA=SSE41"
  say "$check_out: the kernel and make targets run with $engine_setting (correct; convolutions 3-6x slower)"
fi
printf '%s\n' "$engine_setting" > "$ENGINE_ENV.tmp" && mv "$ENGINE_ENV.tmp" "$ENGINE_ENV"
/usr/bin/python3 - "$KERNEL_DIR/kernel.json" <<PY
import json, os, sys
spec = {
  "argv": ["java", *"$JVM_MEMORY".split(), "--enable-native-access=ALL-UNNAMED",
           "-Djava.awt.headless=true", "-Djava.util.logging.config.file=$ROOT/environment/kernel-logging.properties", "-Doffline=$OFFLINE", "-Dai.djl.offline=$OFFLINE",
           "-Dai.djl.pytorch.num_threads=$THREADS", "-Dai.djl.pytorch.num_interop_threads=1",
           "-Dlddgan.root=$ROOT", "-cp", "$FIX_DIR:$JAR", "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
  "display_name": "Java (lddgan, rapaio $RJK_VERSION)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "RJK_CLASSPATH": "$RJK_CP",
    "RJK_COMPILER_OPTIONS": "",
    "RJK_INIT_SCRIPT": "",
    "RJK_TIMEOUT_MILLIS": "-1",
    "RJK_MIMA_CACHE": "$ROOT/build/kernel/mima_cache",
    "DJL_OFFLINE": "$OFFLINE",
    "PYTORCH_FLAVOR": "${PYTORCH_FLAVOR:-}",
    "PYTORCH_LIBRARY_PATH": "${PYTORCH_LIBRARY_PATH:-}",
    "OPT_OUT_TRACKING": "true",
    "DJL_CACHE_DIR": "$ROOT/.cache/djl",
    "ENGINE_CACHE_DIR": "$ROOT/.cache/djl",
    "OMP_NUM_THREADS": "$THREADS",
    "LDDGAN_ROOT": "$ROOT"
  }
}
for line in open("$ENGINE_ENV").read().split():
    key, value = line.split("=", 1)
    spec["env"][key] = value

tmp = sys.argv[1] + ".tmp"
with open(tmp, "w") as f:
    json.dump(spec, f, indent=2)
os.replace(tmp, sys.argv[1])
PY
# For IJava / JJava users: the same classpath, one line (README "Kernels").
echo "$CP" > "$ROOT/build/classpath.txt"
say "kernel '$KERNEL_NAME' ready in $JUPYTER_DIR (classpath in build/classpath.txt)"
