"""Servers as subprocesses on 127.0.0.1: free ports, waiting for /healthz, and stopping them for sure."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
POLL_SECONDS = 0.010


class ServerFailed(RuntimeError):
    """A server exited or never became healthy; the message carries the tail of its log."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def spawn(argv: list[str], log_path: Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start a server in its own process group, its output going to `log_path`."""
    log = log_path.open("wb")
    try:
        return subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    finally:
        log.close()


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def wait_healthy(process: subprocess.Popen, url: str, log_path: Path, timeout: float, started: float) -> float:
    """Poll `url` every 10 ms until it answers 200; seconds since `started` (a perf_counter)."""
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            code = process.returncode
            raise ServerFailed(f"server exited with {code} before {url} was up\n{tail(log_path)}")
        if healthy(url):
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    raise ServerFailed(f"{url} not healthy after {timeout:g} s\n{tail(log_path)}")


def stop(process: subprocess.Popen, grace: float = 5.0) -> None:
    """SIGTERM the server's own process group, SIGKILL it if it lingers."""
    if process.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join("    | " + line for line in text.splitlines()[-lines:])
