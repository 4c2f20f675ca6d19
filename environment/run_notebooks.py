#!/usr/bin/python3
"""Executes notebooks headless on the project kernel, one after another (`make run`, `make test`).

Each notebook runs in a fresh kernel whose working directory is notebooks/. The executed copy (with outputs) is
written atomically to the output folder; the committed notebook is never touched. The run stops at the first
failing cell, printing the notebook, the cell number and the error, and exits non-zero.

rapaio-jupyter-kernel 3.0.1 used to never answer after about one start in eight (a start race in its channel
threads, fixed by the kernelspec since issue 24: environment/rapaio-fix); as a safety net a kernel that is not ready
within --startup-timeout seconds is still shut down and started again, up to --retries times, saying so.

Ctrl-C (SIGINT) or SIGTERM stops the run at once: the kernel (which runs in its own session, so nothing else can
reach it) gets SIGTERM and, if it has not exited within 5 s, SIGKILL, with its whole process group; the executed copy
so far is written with a note saying where the run was interrupted; the runner exits with 130 (SIGINT) or 143
(SIGTERM). A second signal while stopping kills the kernel at once. Checkpoints are written atomically, so the next
run resumes from the last complete one.
"""
import argparse
import os
import signal
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError
from nbconvert.preprocessors.coalescestreams import coalesce_streams


def log(msg):
    try:
        print(f"[run] {msg}", flush=True)
    except OSError:
        pass  # stdout is gone (a closed pipe after Ctrl-C): stopping the kernel and writing the copy matter more


class Interrupted(Exception):
    """The run was stopped by a signal (SIGINT or SIGTERM)."""

    def __init__(self, signum):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


# the kernel of the notebook being executed, and whether a signal is being handled
CURRENT = {"client": None, "stopping": None, "since": 0.0}


def kernel_process(client):
    """The kernel's Popen (jupyter_client's local provisioner), or None."""
    km = getattr(client, "km", None) if client is not None else None
    provisioner = getattr(km, "provisioner", None) if km is not None else None
    return getattr(provisioner, "process", None) if provisioner is not None else None


def stop_kernel(client, grace):
    """SIGTERM to the kernel's process group, SIGKILL after `grace` seconds; returns the kernel's pid or None."""
    process = kernel_process(client)
    if process is None or process.poll() is not None:
        return None
    pid = process.pid
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return pid
        deadline = time.time() + wait
        while time.time() < deadline:
            if process.poll() is not None:
                return pid
            time.sleep(0.1)
    return pid


def on_signal(signum, frame):
    name = signal.Signals(signum).name
    if CURRENT["stopping"] is not None:
        if time.time() - CURRENT["since"] < 2:
            return  # the same stop delivered twice (make and its shell both pass a SIGTERM on): not a second request
        log(f"{name} again: killing the kernel now")
        stop_kernel(CURRENT["client"], 0)
        os._exit(128 + CURRENT["stopping"])
    CURRENT["stopping"] = signum
    CURRENT["since"] = time.time()
    log(f"{name}: stopping the kernel (SIGTERM, SIGKILL after 5 s; {name} again to kill it now)")
    pid = stop_kernel(CURRENT["client"], 5)
    if pid is not None:
        log(f"kernel {pid} stopped")
    raise Interrupted(signum)


def note_interruption(nb, index, signum):
    """Records in the executed copy where and why the run stopped (metadata and a last markdown cell)."""
    what = signal.Signals(signum).name
    where = f"cell {index + 1}" if index is not None else "before the first cell"
    nb.metadata["lddgan_run"] = {"interrupted": what, "at_cell": None if index is None else index + 1}
    nb.cells.append(nbformat.v4.new_markdown_cell(
        f"**Run interrupted by {what} at {where}** ({time.strftime('%Y-%m-%d %H:%M:%S')}): the cells after it did "
        f"not run. Checkpoints written before the interruption are complete; the next run resumes from them."))


def record_kernel(nb, client, kernel):
    """The executed copy names the kernel it really ran on (not the one the committed notebook names)."""
    try:
        spec = client.km.kernel_spec
        nb.metadata["kernelspec"] = {"name": kernel, "display_name": spec.display_name, "language": spec.language}
    except Exception as e:  # the spec was found to start the kernel; keep the name at least
        nb.metadata["kernelspec"] = {"name": kernel, "display_name": kernel, "language": "java"}
        log(f"kernelspec of {kernel!r} not readable ({e}); recorded by name only")


def new_client(nb, kernel, nb_dir, startup_timeout, cell_timeout):
    """The client that executes `nb` on a new kernel started in nb_dir (also used by kernel_starts.py)."""
    return NotebookClient(nb, kernel_name=kernel, timeout=cell_timeout, startup_timeout=startup_timeout,
                          allow_errors=False, record_timing=True, resources={"metadata": {"path": nb_dir}})


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
        client = new_client(nb, kernel, nb_dir, startup_timeout, cell_timeout)
        started = False
        CURRENT["client"] = client
        index = None
        t0 = time.time()
        kernel_log = os.path.join(out_dir, name.replace(".ipynb", ".kernel.log"))
        os.makedirs(out_dir, exist_ok=True)
        try:
            with open(kernel_log, "w") as klog, client.setup_kernel(cwd=nb_dir, stdout=klog, stderr=klog):
                started = True
                record_kernel(nb, client, kernel)
                process = kernel_process(client)
                log(f"{name}: kernel ready in {time.time() - t0:.1f} s (attempt {attempt}, pid "
                    f"{process.pid if process is not None else '?'})")
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
        except Interrupted as e:
            note_interruption(nb, index, e.signum)
            write(nb, target)
            log(f"INTERRUPTED {name} by {e} at cell {index + 1 if index is not None else 0}; executed copy so far: "
                f"{target}")
            raise
        except DeadKernelError as e:
            if CURRENT["stopping"] is not None:
                note_interruption(nb, index, CURRENT["stopping"])
                write(nb, target)
                raise Interrupted(CURRENT["stopping"])
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
    """The executed copy, written whole or not at all (temporary file, fsync, rename). Adjacent stream outputs of a cell
    are merged first, as Jupyter's front ends show them (nbconvert's coalesce_streams): rapaio publishes every write to
    System.out (each piece of a printf) as a message of its own."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    coalesce_streams(nb, {})
    tmp = target + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        nbformat.write(nb, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--out", required=True, help="folder for the executed copies")
    p.add_argument("--kernel", default="lddgan-java")
    p.add_argument("--startup-timeout", type=int, default=30)
    p.add_argument("--retries", type=int, default=4)
    p.add_argument("--cell-timeout", type=int, default=None,
                   help="seconds one cell may run, 0 for no limit; default: 3600 at the smoke profile (a hung kernel "
                        "fails CI within the hour), no limit at cpu and paper (notebook 03's first-stage cell trains "
                        "six autoencoders, hours at cpu)")
    a = p.parse_args()
    profile = os.environ.get("LDDGAN_PROFILE", "smoke")
    if a.cell_timeout is None:
        a.cell_timeout = 3600 if profile == "smoke" else 0
    a.cell_timeout = a.cell_timeout or None  # nbclient: None waits as long as the cell runs
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    limit = f"cells limited to {a.cell_timeout} s" if a.cell_timeout else "cells not time-limited"
    log(f"profile {profile}, kernel {a.kernel}, {len(a.notebooks)} notebook(s), {limit}")
    t0 = time.time()
    passed = 0
    for nb in a.notebooks:
        try:
            ok = execute(nb, a.out, a.kernel, a.startup_timeout, a.retries, a.cell_timeout)
        except Interrupted as e:
            print(f"notebooks: {passed} passed, interrupted by {e}", flush=True)
            sys.exit(128 + e.signum)
        if not ok:
            print(f"notebooks: {passed} passed, 1 failed", flush=True)
            sys.exit(1)
        passed += 1
    log(f"all {passed} notebook(s) ok in {time.time() - t0:.1f} s")
    print(f"notebooks: {passed} passed, 0 failed", flush=True)


if __name__ == "__main__":
    main()
