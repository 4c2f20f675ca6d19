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
export JUPYTER_PATH := $(ROOT)/build/jupyter
export LDDGAN_ROOT := $(ROOT)
# DJL: offline, engine cache inside the project
export DJL_OFFLINE := true
export OPT_OUT_TRACKING := true
export DJL_CACHE_DIR := $(ROOT)/.cache/djl
export ENGINE_CACHE_DIR := $(ROOT)/.cache/djl
JAVA_RUN = java -Xmx12g --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -Doffline=true \
  -Dai.djl.pytorch.num_threads=$$(nproc) -Dai.djl.pytorch.num_interop_threads=1 -cp "$$(cat build/classpath.txt)"

.PHONY: run test junit notebooks-smoke setup check-profile lab data audit bench train clean help

help:
	@echo "make run [PROFILE=smoke|cpu|paper] [NB=02]  execute the notebooks headless, write results/<profile>/"
	@echo "make test                                   JUnit + every notebook at the smoke profile"
	@echo "make lab                                    Jupyter on 127.0.0.1 with a token"
	@echo "make data                                   download CIFAR-10 (connected machines)"
	@echo "make lpips                                  export LPIPS-VGG16 to TorchScript (needs torch + lpips, network)"
	@echo "make audit                                  parameters and MACs of every preset (Table 2) -> results/audit/"
	@echo "make bench                                  sampling time and training steps/s + memory of LDDGAN/DDGAN/WDDGAN -> results/bench/"
	@echo "make train [MODEL=ddgan-cifar10] [STEPS=300] train one preset on the profile, FID before/after -> results/<profile>/train/"

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
	$(MVN) test

# Smoke-profile execution of every notebook, into a scratch folder (never over committed results).
notebooks-smoke: setup
	LDDGAN_PROFILE=smoke LDDGAN_RESULTS_DIR=$(ROOT)/build/test-results $(PYTHON) environment/run_notebooks.py \
	  $(NOTEBOOKS) --out $(ROOT)/build/test-results/executed

test: junit notebooks-smoke

lab: setup
	cd notebooks && jupyter notebook --ip=127.0.0.1 --no-browser $(if $(filter 0,$(shell id -u)),--allow-root)

data: setup
	$(JAVA_RUN) lddgan.data.Cifar10Download

audit: setup
	$(JAVA_RUN) lddgan.bench.ArchitectureAudit

# Benchmarks, not tests: LDDGAN_BENCH_WARMUP / LDDGAN_BENCH_REPS set the repetitions.
bench: setup
	$(JAVA_RUN) lddgan.bench.SamplingBenchmark
	$(JAVA_RUN) lddgan.bench.TrainingBenchmark

MODEL ?= ddgan-cifar10
STEPS ?= 300
train: check-profile setup
	LDDGAN_RESULTS_DIR=$(ROOT)/results/$(PROFILE) $(JAVA_RUN) lddgan.train.TrainRun $(MODEL) $(STEPS)

clean:
	$(MVN) -q clean
	rm -rf build

# Downloads the FID Inception-v3 network (TorchScript, SHA-256 checked) to data/weights/, or to LDDGAN_INCEPTION;
# LDDGAN_INCEPTION_URL and LDDGAN_INCEPTION_SHA256 override the source and digest (lddgan.metrics.InceptionWeights).
.PHONY: weights
weights: setup
	$(JAVA_RUN) lddgan.metrics.InceptionWeights

# Exports LPIPS-VGG16 to TorchScript with its SHA-256 sidecar (lddgan.autoencoder.Lpips; README "Perceptual loss
# (LPIPS)"): needs a Python with torch and lpips (pip install torch==2.7.1 torchvision==0.22.1 lpips) and network.
# LPIPS_PYTHON chooses that Python; LDDGAN_LPIPS the file (default .cache/weights/lpips-vgg16.pt).
LPIPS_PYTHON ?= python3
.PHONY: lpips
lpips:
	$(LPIPS_PYTHON) environment/export_lpips.py $(or $(LDDGAN_LPIPS),$(ROOT)/.cache/weights/lpips-vgg16.pt)
