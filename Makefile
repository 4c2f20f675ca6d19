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

.PHONY: run test junit notebooks-smoke setup check-profile lab data clean help

help:
	@echo "make run [PROFILE=smoke|cpu|paper] [NB=02]  execute the notebooks headless, write results/<profile>/"
	@echo "make test                                   JUnit + every notebook at the smoke profile"
	@echo "make lab                                    Jupyter on 127.0.0.1 with a token"
	@echo "make data                                   download CIFAR-10 (connected machines)"

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
	java -cp "$$(cat build/classpath.txt)" -Dlddgan.root=$(ROOT) lddgan.data.Cifar10Download

clean:
	$(MVN) -q clean
	rm -rf build
