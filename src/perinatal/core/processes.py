"""Stopping processes that we started, each in a process group of its own
(`start_new_session=True`): the development server's worker and scheduler, the servers and
workers of the tests and the benches. SIGTERM to each group first (gunicorn finishes its
requests, a worker its task), then SIGKILL to a group still there after `timeout` seconds.
No Django here: the bench scripts use it before settings are configured."""

import os
import signal
import subprocess
from collections.abc import Iterable


def stop_process_groups(processes: Iterable[subprocess.Popen], timeout: float) -> None:
    started = list(processes)
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in started:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
