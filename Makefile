# lddgan-notebooks: the two commands are `make run` and `make test` (README.md).
# Both install what is missing first (environment/setup.sh): Debian's Jupyter, the Maven build, the Java kernel.

PROFILE ?= $(or $(LDDGAN_PROFILE),smoke)
# NB=02 runs only notebooks/02-*.ipynb
NB ?=
# the Jupyter kernel: the project's (lddgan-java), or e.g. java (IJava / JJava) with their classpath set (README)
KERNEL ?= lddgan-java
NOTEBOOKS := $(sort $(wildcard notebooks/$(if $(NB),$(NB)-,)*.ipynb))
ROOT := $(CURDIR)
PYTHON := /usr/bin/python3
MVN := mvn -B -ntp

export LDDGAN_PROFILE := $(PROFILE)
# prepended: a kernel installed in the user's own Jupyter data folders (KERNEL=java) stays findable (issue 27)
export JUPYTER_PATH := $(ROOT)/build/jupyter$(if $(JUPYTER_PATH),:$(JUPYTER_PATH))
export LDDGAN_ROOT := $(ROOT)
# DJL: offline, engine cache inside the project
export DJL_OFFLINE := true
export OPT_OUT_TRACKING := true
export DJL_CACHE_DIR := $(ROOT)/.cache/djl
export ENGINE_CACHE_DIR := $(ROOT)/.cache/djl
# build/engine.env (written by environment/setup.sh): DNNL_MAX_CPU_ISA=SSE41 on machines whose CPU convolution
# kernels fail lddgan.config.ConvolutionCheck (lib/PERFORMANCE.md "Engine self-check"), else empty
ENGINE_ENV = env $$(cat $(ROOT)/build/engine.env 2>/dev/null)
# the kernel's heap settings, written by environment/setup.sh (LDDGAN_KERNEL_HEAP, LDDGAN_KERNEL_YOUNG) to build/jvm-memory
JVM_MEMORY = $$(cat $(ROOT)/build/jvm-memory)
JAVA_RUN = $(ENGINE_ENV) java $(JVM_MEMORY) --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -Doffline=true \
  -Dai.djl.pytorch.num_threads=$$(nproc) -Dai.djl.pytorch.num_interop_threads=1 -cp "$$(cat build/classpath.txt)"

.PHONY: run test junit notebooks-smoke verify claims browser-test setup check-profile determinism lab data audit bench profile train calibrate calibrate-study parity clean help

help:
	@echo "make run [PROFILE=smoke|cpu|paper] [NB=02]  execute the notebooks headless, write results/<profile>/"
	@echo "make test                                   JUnit + every notebook at smoke, verified + determinism + the browser test"
	@echo "make verify [PROFILE=...] [NB=02]           re-execute into build/verify/, check results/claims.json -> results/verify/report.{md,html}"
	@echo "make claims [PROFILE=...] [NB=02]           judge results/claims.json on the committed results alone (nothing re-executed)"
	@echo "make determinism [NB=01]                   a smoke notebook twice, empty vs filled .cache/extractors: every number bit-identical"
	@echo "make browser-test                           notebook 00 run through Jupyter's web UI in headless Chromium"
	@echo "make lab [LAB_APP=lab] [LAB_ARGS=...]       Jupyter (classic, or JupyterLab) on 127.0.0.1 with a token"
	@echo "make kernel-starts [STARTS=50]              start the kernel N times, count first-attempt answers"
	@echo "make data                                   download CIFAR-10 (connected machines)"
	@echo "make lpips                                  export LPIPS-VGG16 to TorchScript (needs torch + lpips, network)"
	@echo "make audit                                  parameters and MACs of every preset (Table 2) -> results/audit/"
	@echo "make parity [FIXTURES=dir]                  our G/D/AE and FID Inception-v3 against the reference code's outputs (default ../shared/parity)"
	@echo "make weights                                download the FID Inception-v3 weights (pytorch-fid's; NVIDIA's TorchScript) to data/weights/"
	@echo "make bench                                  sampling time and training steps/s + memory of LDDGAN/DDGAN/WDDGAN -> results/bench/"
	@echo "make train [MODEL=ddgan-cifar10] [STEPS=300] train one preset on the profile, FID before/after -> results/<profile>/train/"
	@echo "make profile [WHAT=train|sample] [MODEL=ddgan-cifar10] [PROFILE_STEPS=20] [TRAIN_BATCH=] [BATCH=100]  operator profile -> results/bench/"
	@echo "make calibrate [SECONDS=300]                 time each model of notebook 02 at PROFILE, print the steps for SECONDS of training each"
	@echo "make calibrate-study [SECONDS=90] [DIFFUSION_SECONDS=150]  the same for notebook 07's GANs and epsilon networks"

# A wrong profile fails at once, before anything is installed (Profile.java runs as a single-file program).
check-profile:
	@java lib/src/main/java/lddgan/config/Profile.java "$(PROFILE)"

setup:
	@environment/setup.sh

run: check-profile setup
	@test -n "$(NOTEBOOKS)" || { echo "no notebooks match NB=$(NB)"; exit 1; }
	LDDGAN_RESULTS_DIR=$(ROOT)/results/$(PROFILE) $(PYTHON) environment/run_notebooks.py $(NOTEBOOKS) \
	  --kernel $(KERNEL) --out $(ROOT)/results/$(PROFILE)/executed

junit: setup
	$(ENGINE_ENV) $(MVN) test

# Reviewer verification (README "For reviewers"): re-executes the notebooks from scratch into build/verify/<profile>/
# (the runner runs in the background so that a SIGTERM to make reaches it: it stops its kernel and exits 143; Ctrl-C
# reaches it through the terminal's process group; either way no verification report is written)
# (fresh training state: LDDGAN_STATE_DIR), then lddgan.verify.Verify checks results/claims.json against the fresh
# results and the committed results/<profile>/, compares every number, writes report.md and report.html to
# VERIFY_OUT and exits non-zero on a regression or a failed notebook.
VERIFY_OUT ?= $(ROOT)/results/verify
VERIFY_DIR = $(ROOT)/build/verify/$(PROFILE)
verify: check-profile setup
	@test -n "$(NOTEBOOKS)" || { echo "no notebooks match NB=$(NB)"; exit 1; }
	rm -rf $(VERIFY_DIR)
	@note=""; mkdir -p $(VERIFY_DIR)/state/checkpoints/$(PROFILE) $(VERIFY_DIR)/state/latents/$(PROFILE); \
	if ! echo "$(notdir $(NOTEBOOKS))" | grep -q "01-"; then \
	  for d in $(ROOT)/.cache/checkpoints/$(PROFILE)/autoencoder-cifar10-* $(ROOT)/.cache/latents/$(PROFILE)/cifar10-*; do \
	    [ -e "$$d" ] && ln -s "$$d" "$(VERIFY_DIR)/state/$${d#$(ROOT)/.cache/}"; \
	  done; \
	  note="notebook 01 was not re-executed: its trained first stage (autoencoder and latent cache) comes from .cache/"; \
	  echo "[verify] $$note"; \
	fi; \
	start=$$(date +%s); status=0; \
	LDDGAN_STATE_DIR=$(VERIFY_DIR)/state LDDGAN_RESULTS_DIR=$(VERIFY_DIR)/results $(PYTHON) environment/run_notebooks.py \
	  $(NOTEBOOKS) --kernel $(KERNEL) --out $(VERIFY_DIR)/results/executed & runner=$$!; \
	trap 'kill -TERM $$runner 2>/dev/null; wait $$runner; exit 143' TERM; trap 'wait $$runner; exit 130' INT; \
	wait $$runner || status=$$?; trap - TERM INT; \
	if [ $$status -ge 128 ]; then exit $$status; fi; \
	$(JAVA_RUN) lddgan.verify.Verify --profile $(PROFILE) --claims $(ROOT)/results/claims.json \
	  --committed $(ROOT)/results/$(PROFILE) --fresh $(VERIFY_DIR)/results --notebooks "$(notdir $(NOTEBOOKS))" \
	  --out $(VERIFY_OUT) --run-status $$status --wall-seconds $$(( $$(date +%s) - start )) --note "$$note"

# Issue 23's acceptance table in seconds: the claims of the committed results/<profile>/ judged alone, nothing
# re-executed (the paper's claims with means, stds, n and verdicts; regression checks listed as not checked, since
# only a re-execution can make them) -> VERIFY_OUT/report.{md,html}.
claims: check-profile setup
	@test -n "$(NOTEBOOKS)" || { echo "no notebooks match NB=$(NB)"; exit 1; }
	$(JAVA_RUN) lddgan.verify.Verify --profile $(PROFILE) --claims $(ROOT)/results/claims.json \
	  --committed $(ROOT)/results/$(PROFILE) --judge committed --notebooks "$(notdir $(NOTEBOOKS))" --out $(VERIFY_OUT)

# make test's notebook stage: every notebook at smoke from scratch, verified against the committed results/smoke/.
notebooks-smoke:
	@$(MAKE) --no-print-directory verify PROFILE=smoke VERIFY_OUT=$(ROOT)/build/test-results/verify

# Issue 27: notebook NB (default 01) at smoke twice, fresh training state each, first with no cached feature extractor
# (trained in the kernel) then with the one that run cached; Verify compares every number, any difference fails.
determinism: setup
	@environment/cache-determinism.sh $(or $(NB),01)

# Notebook 00 executed through Jupyter's web UI in headless Chromium (Debian's chromium, Playwright from npm);
# screenshot in results/browser/ (README "For reviewers"; environment/browser-test/run.sh).
browser-test: setup
	@environment/browser-test/run.sh

# Not a test: starts the project kernel STARTS times as the runner does and counts the first-attempt answers
# (issue 24; thread dumps of hung starts in build/kernel-starts/).
STARTS ?= 50
.PHONY: kernel-starts
kernel-starts: setup
	rm -rf $(ROOT)/build/kernel-starts
	$(PYTHON) environment/kernel_starts.py --starts $(STARTS) --kernel $(KERNEL) --out $(ROOT)/build/kernel-starts

test: junit notebooks-smoke determinism browser-test

# Jupyter's runtime files (connection files, server info) stay in the project's build/, not in ~/.local
# The server runs in its own session, and the recipe's shell turns Ctrl-C (SIGINT) or a SIGTERM to make's process
# group into exactly one SIGTERM to it, then ignores further signals until it is gone: Jupyter shuts its kernels down
# (a busy one too) and exits; a second SIGTERM during that shutdown would stop it half-way, leaving kernels (issue 26).
# LAB_APP=lab serves JupyterLab instead of the classic notebook (when installed: README "JupyterLab"); LAB_ARGS are
# passed on (e.g. --port=8890).
LAB_APP ?= notebook
LAB_ARGS ?=
lab: setup
	@jupyter $(LAB_APP) --version >/dev/null 2>&1 || { echo "make lab: 'jupyter $(LAB_APP)' is not installed" \
	  "(Debian has jupyter-notebook; JupyterLab: README \"JupyterLab\")"; exit 1; }
	mkdir -p $(ROOT)/build/jupyter-runtime
	cd notebooks && JUPYTER_RUNTIME_DIR=$(ROOT)/build/jupyter-runtime setsid jupyter $(LAB_APP) --ip=127.0.0.1 \
	  --no-browser $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS) & server=$$!; \
	trap 'trap "" INT TERM; kill -TERM $$server 2>/dev/null; wait $$server; exit 143' TERM; \
	trap 'trap "" INT TERM; kill -TERM $$server 2>/dev/null; wait $$server; exit 130' INT; \
	wait $$server

data: setup
	$(JAVA_RUN) lddgan.data.Cifar10Download

audit: setup
	$(JAVA_RUN) lddgan.bench.ArchitectureAudit

# Reference parity (lddgan.interop.ParityCheck): per case of the fixtures max|ours - ref| / max|ref|; exits 1 naming
# a failing case, 2 when the fixtures are absent. FIXTURES defaults to LDDGAN_PARITY_DIR, else ../shared/parity.
parity: setup
	$(JAVA_RUN) lddgan.interop.ParityCheck $(FIXTURES)

# Benchmarks, not tests: LDDGAN_BENCH_WARMUP / LDDGAN_BENCH_REPS set the repetitions.
bench: setup
	$(JAVA_RUN) lddgan.bench.SamplingBenchmark
	$(JAVA_RUN) lddgan.bench.TrainingBenchmark

# Matched budgets (issue 23): times each model of notebook 02 at PROFILE and prints the steps that train each for
# SECONDS; run on a quiet machine and write them into presets/experiments/02-main-results.json
SECONDS ?= 300
calibrate: check-profile setup
	LDDGAN_PROFILE=$(PROFILE) $(JAVA_RUN) lddgan.experiment.MatchedBudget $(SECONDS)

# Notebook 07's matched budgets: its GANs (one per compression factor) and its two epsilon networks, timed with
# untrained first stages of the right presets (a step costs the same), steps printed for SECONDS / DIFFUSION_SECONDS.
DIFFUSION_SECONDS ?= $(SECONDS)
calibrate-study: check-profile setup
	LDDGAN_PROFILE=$(PROFILE) $(JAVA_RUN) lddgan.experiment.LatentStudyCalibration $(SECONDS) $(DIFFUSION_SECONDS)

MODEL ?= ddgan-cifar10
STEPS ?= 300
train: check-profile setup
	LDDGAN_RESULTS_DIR=$(ROOT)/results/$(PROFILE) $(JAVA_RUN) lddgan.experiment.TrainRun $(MODEL) $(STEPS)

# Where one model's time goes (issue 22, item 1; lib/PERFORMANCE.md): WHAT=train profiles PROFILE_STEPS training steps
# of MODEL at PROFILE (at TRAIN_BATCH if set, else the profile's batch), WHAT=sample one sampling pass at the paper's
# sizes of batch BATCH; PyTorch's profiler, reduced
# to shares by operator group and convolution shape -> results/bench/profile-<what>-<model>-<profile>.json
WHAT ?= train
PROFILE_STEPS ?= 20
BATCH ?= 100
profile: check-profile setup
	LDDGAN_PROFILE=$(PROFILE) $(JAVA_RUN) lddgan.bench.OperatorProfile $(WHAT) $(MODEL) \
	  $(if $(filter sample,$(WHAT)),$(BATCH),$(PROFILE_STEPS) $(TRAIN_BATCH))

clean:
	$(MVN) -q clean
	rm -rf build

# Downloads the FID Inception-v3 networks to data/weights/ (digests checked): pytorch-fid's state_dict, the paper's
# (LDDGAN_FID_INCEPTION, _URL, _SHA256 override file, source and digest; lddgan.metrics.FidInceptionWeights), and
# NVIDIA's TorchScript translation, the alternative (LDDGAN_INCEPTION, _URL, _SHA256; lddgan.metrics.InceptionWeights).
.PHONY: weights
weights: setup
	$(JAVA_RUN) lddgan.metrics.FidInceptionWeights

# Exports LPIPS-VGG16 to TorchScript with its SHA-256 sidecar (lddgan.autoencoder.Lpips; README "Perceptual loss
# (LPIPS)"): needs a Python with torch and lpips (pip install torch==2.7.1 torchvision==0.22.1 lpips) and network.
# LPIPS_PYTHON chooses that Python; LDDGAN_LPIPS the file (default .cache/weights/lpips-vgg16.pt).
LPIPS_PYTHON ?= python3
.PHONY: lpips
lpips:
	$(LPIPS_PYTHON) environment/export_lpips.py $(or $(LDDGAN_LPIPS),$(ROOT)/.cache/weights/lpips-vgg16.pt)
