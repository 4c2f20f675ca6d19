#!/usr/bin/python3
"""Starts the project kernel N times in a row exactly as the notebook runner does, and counts the starts that
answer (kernel_info reply: nbclient's readiness check) on the first attempt. A benchmark-style check, not a test
(`make kernel-starts STARTS=50`).

A start that does not answer within --timeout seconds is counted as hung; before it is stopped, a thread dump of
the kernel's JVM (jstack) is written beside the report, so the cause can be read off (rapaio-jupyter-kernel 3.0.1's
channel threads, issue 24). Prints one line per start and a summary; exits 1 if any start hung.
"""
import argparse
import os
import statistics
import subprocess
import sys
import threading
import time

import nbformat

sys.dont_write_bytecode = True  # no __pycache__ in environment/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_notebooks  # noqa: E402  (the runner's own client: same kernel start, same readiness check)


def thread_dump(client):
    """jstack of the kernel's JVM, or None when it has no live process."""
    process = run_notebooks.kernel_process(client)
    if process is None or process.poll() is not None:
        return None
    return subprocess.run(["jstack", str(process.pid)], capture_output=True, text=True).stdout


def start_once(kernel, nb_dir, timeout, log_path):
    """One start: (seconds to ready or None, kernel pid, thread dump text or None)."""
    client = run_notebooks.new_client(nbformat.v4.new_notebook(), kernel, nb_dir, timeout, 60)
    state = {"ready": False, "dump": None, "pid": None}

    def before_giving_up():  # nbclient shuts a kernel down when it gives up: look at it just before
        process = run_notebooks.kernel_process(client)
        state["pid"] = process.pid if process is not None else None
        if not state["ready"]:
            state["dump"] = thread_dump(client)

    watchdog = threading.Timer(max(1, timeout - 3), before_giving_up)
    watchdog.start()
    t0 = time.time()
    try:
        with open(log_path, "w") as klog:
            with client.setup_kernel(cwd=nb_dir, stdout=klog, stderr=klog):
                state["ready"] = True
                process = run_notebooks.kernel_process(client)
                return time.time() - t0, process.pid if process else None, None
    except (RuntimeError, TimeoutError):
        watchdog.join()
        return None, state["pid"], state["dump"]
    finally:
        watchdog.cancel()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--starts", type=int, default=50)
    p.add_argument("--kernel", default="lddgan-java")
    p.add_argument("--timeout", type=int, default=30, help="seconds to answer (the runner's --startup-timeout)")
    p.add_argument("--out", required=True, help="folder for the kernel logs and thread dumps of hung starts")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    nb_dir = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "notebooks")
    times, hung, recovered = [], [], []
    for i in range(1, a.starts + 1):
        log_path = os.path.join(a.out, f"start-{i:03d}.kernel.log")
        seconds, pid, dump = start_once(a.kernel, nb_dir, a.timeout, log_path)
        if seconds is None:
            hung.append(i)
            dump_path = os.path.join(a.out, f"start-{i:03d}.jstack.txt")
            with open(dump_path, "w") as f:
                f.write(dump or "(the kernel had exited)\n")
            print(f"start {i}: NO ANSWER within {a.timeout} s (pid {pid}); thread dump {dump_path}", flush=True)
        else:
            times.append(seconds)
            with open(log_path, errors="replace") as f:
                failed_polls = sum(1 for line in f if "poll failed" in line)
            note = ""
            if failed_polls:  # the kernel_info_request that came before rapaio's handlers (rapaio-fix's LoopThread)
                recovered.append(i)
                note = f"; {failed_polls} failed poll(s) survived, log kept: {log_path}"
            else:
                os.remove(log_path)
            print(f"start {i}: ready in {seconds:.1f} s (pid {pid}){note}", flush=True)
    answered = a.starts - len(hung)
    print(f"kernel {a.kernel}: {a.starts} starts, {answered} answered on the first attempt, {len(hung)} did not"
          + (f" (starts {', '.join(map(str, hung))})" if hung else ""))
    if recovered:
        print(f"{len(recovered)} of them answered after a poll that failed (a request before the handlers were "
              f"installed; starts {', '.join(map(str, recovered))})")
    if times:
        print(f"time to ready: min {min(times):.1f} s, median {statistics.median(times):.1f} s, max {max(times):.1f} s")
    sys.exit(1 if hung else 0)


if __name__ == "__main__":
    main()
