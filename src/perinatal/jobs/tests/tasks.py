"""Tasks used only by the tests of the worker: each run appends its number to a file, so a
test can count how many times each ran, across processes."""

import os
import time

from django_tasks import task


@task()
def record_run(path: str, number: int, pause: float = 0.0) -> int:
    time.sleep(pause)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, f"{number}\n".encode())
    finally:
        os.close(fd)
    return number
