"""The Dask executor: the same per-document task on a dask.distributed cluster.

How to run on a cluster: install vnresolve with the `dask` extra
(`pip install 'vnresolve[dask]'`) and Tesseract with the `vie` data on the
client and on every worker machine, start `dask scheduler` and
`dask worker tcp://HEAD:8786 --nthreads 1 --nworkers N` (one thread per
process: OCR is CPU-bound), mount the archive at the same path everywhere,
then `vnresolve ingest /archive -o out/ --executor dask --scheduler tcp://HEAD:8786`.
Only the client writes OUTDIR and the manifest.
"""

from __future__ import annotations

import logging
import socket
import struct
import time

from vnresolve.pipeline.executors import Job
from vnresolve.pipeline.options import PipelineOptions
from vnresolve.pipeline.result import ConversionResult, failure
from vnresolve.pipeline.task import convert_document


HANDSHAKE_WAIT_S = 5.0  # a scheduler greets a new connection at once; other servers wait to be asked


def check_scheduler(address: str, wait: float = HANDSHAKE_WAIT_S) -> None:
    """RuntimeError, in a line, unless `address` is a TCP endpoint where a Dask scheduler answers.

    Checked on a plain socket before dask's Client connects: handed an HTTP port, the client
    waits minutes or reads text as a frame length (and asks for exabytes). A scheduler writes its
    handshake as soon as a connection opens, starting with a small 64-bit frame count."""
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    if scheme != "tcp":
        return  # tls://, ucx://: dask's own connection reports those
    host, _, port = rest.rpartition(":")
    if not host or not port.isdigit():
        raise RuntimeError(f"--scheduler {address!r} is not a scheduler address (tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786)")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=wait) as conn:
            conn.settimeout(wait)
            head = b""
            while len(head) < 8:
                chunk = conn.recv(8 - len(head))
                if not chunk:
                    break
                head += chunk
    except TimeoutError:
        raise RuntimeError(f"{address} did not answer as a Dask scheduler does (no handshake within {wait:g} s)") from None
    except OSError as err:
        raise RuntimeError(f"cannot reach the Dask scheduler at {address}: {err.strerror or err}") from None
    if len(head) < 8 or struct.unpack("<Q", head)[0] >= 2**32:
        raise RuntimeError(f"{address} answered, but not as a Dask scheduler")


class DaskExecutor:
    """The same `convert_document` task on a dask.distributed cluster.

    Workers need vnresolve (with the `dask` extra) and Tesseract installed and
    must see the input paths under the same names (a shared file system); they
    return JSON text, so only this process writes OUTDIR. Without a scheduler
    address a LocalCluster of `workers` single-threaded processes is started.
    """

    def __init__(self, options: PipelineOptions, scheduler: str | None, workers: int = 1, timeout: float | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as err:  # pragma: no cover - depends on the install
            raise RuntimeError("--executor dask needs dask.distributed: pip install 'vnresolve[dask]'") from err
        self.options, self.timeout, self._cluster = options, timeout, None
        if not logging.getLogger().isEnabledFor(logging.DEBUG):  # cluster chatter is not batch progress
            for name in ("distributed", "bokeh", "tornado"):
                logging.getLogger(name).setLevel(logging.WARNING)
        if scheduler:
            check_scheduler(scheduler)
            try:
                self.client = Client(scheduler, timeout="15s")
            except (OSError, TimeoutError) as err:
                raise RuntimeError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
            self.client = Client(self._cluster)
        threads = sum(self.client.nthreads().values()) or 1
        self.slots = threads
        self._futures: dict[object, tuple[Job, float]] = {}
        self._started: dict[str, tuple[float, str]] = {}  # task key -> (when a worker took it, worker address)

    def submit(self, job: Job) -> None:
        future = self.client.submit(convert_document, job.path, self.options, job.page_workers, name=job.name, pure=False)
        self._futures[future] = (job, time.monotonic())

    def collect(self, timeout: float) -> list[tuple[Job, ConversionResult]]:
        from distributed import wait

        if not self._futures:
            return []
        try:
            wait(list(self._futures), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            pass
        done, now = [], time.monotonic()
        # --timeout counts from when a worker took the document up, not from when it was queued
        running = {key: addr for addr, keys in self.client.processing().items() for key in keys} if self.timeout else {}
        for future, (job, submitted) in list(self._futures.items()):
            if future.key in running and future.key not in self._started:
                self._started[future.key] = (now, running[future.key])
            if future.done():
                del self._futures[future]
                self._started.pop(future.key, None)
                try:
                    done.append((job, future.result()))
                except Exception as err:  # KilledWorker, lost connection…
                    done.append((job, failure(job.path, "worker", "dask-task-failed", f"dask task failed: {type(err).__name__}: {err}", now - submitted)))
            elif self.timeout and future.key in self._started and now - self._started[future.key][0] >= self.timeout:
                del self._futures[future]
                _, worker = self._started.pop(future.key)
                future.cancel()
                # a cancelled task keeps running on its worker and holds its thread: restart that
                # worker, or every document queued behind it times out too
                try:
                    self.client.restart_workers([worker], timeout=60)
                except Exception as err:  # noqa: BLE001 - a worker that will not restart is the cluster's to report
                    logging.getLogger("vnresolve").warning("could not restart Dask worker %s: %s", worker, err)
                done.append((job, failure(job.path, "timeout", "timeout", f"no result after {self.timeout:g} s (--timeout); "
                                          "task cancelled and its worker restarted", now - submitted)))
        return done

    def close(self) -> None:
        for future in self._futures:
            future.cancel()
        self._futures.clear()
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
