#!/usr/bin/python3
"""Executes notebooks headless on the project kernel, one after another (`make run`, `make test`).

Each notebook runs in a fresh kernel whose working directory is notebooks/. The executed copy (with outputs) is
written atomically to the output folder; the committed notebook is never touched. The run stops at the first
failing cell, printing the notebook, the cell number and the error, and exits non-zero.

rapaio-jupyter-kernel 3.0.1 sometimes never answers after it starts (about one start in eight here): a kernel
that is not ready within --startup-timeout seconds is shut down and started again, up to --retries times.
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError


def log(msg):
    print(f"[run] {msg}", flush=True)


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:100]
    return ""


def execute(path, out_dir, kernel, startup_timeout, retries, cell_timeout):
    nb_dir = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    target = os.path.join(out_dir, name)
    for attempt in range(1, retries + 1):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name=kernel, timeout=cell_timeout, startup_timeout=startup_timeout,
                                allow_errors=False, record_timing=True, resources={"metadata": {"path": nb_dir}})
        started = False
        t0 = time.time()
        kernel_log = os.path.join(out_dir, name.replace(".ipynb", ".kernel.log"))
        os.makedirs(out_dir, exist_ok=True)
        try:
            with open(kernel_log, "w") as klog, client.setup_kernel(cwd=nb_dir, stdout=klog, stderr=klog):
                started = True
                log(f"{name}: kernel ready in {time.time() - t0:.1f} s (attempt {attempt})")
                code_index = 0
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type == "code":
                        code_index += 1
                    tc = time.time()
                    try:
                        client.execute_cell(cell, index, execution_count=code_index if cell.cell_type == "code" else None)
                    except CellExecutionError as e:
                        write(nb, target)
                        err = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
                        what = f"{err.get('ename', '')}: {err.get('evalue', '')}" if err else str(e).splitlines()[-1]
                        log(f"FAILED {name}, cell {index + 1} (code cell {code_index}: {first_line(cell.source)!r})")
                        log(f"  {what.strip()}")
                        if err and err.get("traceback"):
                            print("\n".join(err["traceback"][:20]), file=sys.stderr)
                        log(f"  executed copy with the error: {target}; kernel log: {kernel_log}")
                        return False
                    if cell.cell_type == "code" and time.time() - tc > 5:
                        log(f"{name}: code cell {code_index} took {time.time() - tc:.1f} s")
            write(nb, target)
            log(f"{name}: ok in {time.time() - t0:.1f} s -> {target}")
            return True
        except DeadKernelError as e:
            log(f"FAILED {name}: the kernel died ({e}); executed copy so far: {target}")
            write(nb, target)
            return False
        except (RuntimeError, TimeoutError) as e:
            if started:
                log(f"FAILED {name}: {e}")
                write(nb, target)
                return False
            log(f"{name}: kernel did not answer within {startup_timeout} s (attempt {attempt} of {retries}): {e}; "
                f"starting a new one (kernel log: {kernel_log})")
    log(f"FAILED {name}: the kernel never became ready after {retries} attempts")
    return False


def write(nb, target):
    os.makedirs(os.path.dirname(target), exist_ok=True)
    tmp = target + ".tmp"
    nbformat.write(nb, tmp)
    os.replace(tmp, target)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--out", required=True, help="folder for the executed copies")
    p.add_argument("--kernel", default="lddgan-java")
    p.add_argument("--startup-timeout", type=int, default=30)
    p.add_argument("--retries", type=int, default=4)
    p.add_argument("--cell-timeout", type=int, default=3600)
    a = p.parse_args()
    log(f"profile {os.environ.get('LDDGAN_PROFILE', 'smoke')}, kernel {a.kernel}, {len(a.notebooks)} notebook(s)")
    t0 = time.time()
    passed = 0
    for nb in a.notebooks:
        if not execute(nb, a.out, a.kernel, a.startup_timeout, a.retries, a.cell_timeout):
            print(f"notebooks: {passed} passed, 1 failed", flush=True)
            sys.exit(1)
        passed += 1
    log(f"all {passed} notebook(s) ok in {time.time() - t0:.1f} s")
    print(f"notebooks: {passed} passed, 0 failed", flush=True)


if __name__ == "__main__":
    main()
