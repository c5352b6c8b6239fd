"""A local Spark Connect server in its own JVM, bound to 127.0.0.1 on a free port.

pyspark bundles the server (jars/spark-connect_*.jar) and `spark-submit`; the server is its
`SparkConnectServer` class run in the foreground under a small shell watchdog: the watchdog
reads a pipe whose other end only the starting process holds, and stops the server when that
end closes. So the JVM ends with the emulator, even one killed with SIGKILL, and `stop` is
closing the pipe.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

SERVER_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer"
START_TIMEOUT = 180.0
# Runs "$@" (spark-submit, which execs the JVM) and stops it at end of input on fd 3. POSIX sh
# gives a background job /dev/null as its input, hence the explicit copy of stdin.
_WATCHDOG = """exec 3<&0
"$@" </dev/null &
server=$!
{ read -r _ <&3; kill "$server" 2>/dev/null; } &
watch=$!
wait "$server"
status=$?
kill "$watch" 2>/dev/null
exit "$status"
"""

# DLI runs Spark 3.x SQL without ANSI mode; Spark 4 defaults to ANSI. Timestamps print in UTC,
# as with the DuckDB engine. SQL on raw paths (`SELECT * FROM parquet.`/x``) is off: user SQL
# must not read files outside the project.
DLI_CONF: dict[str, str] = {
    "spark.sql.ansi.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.runSQLOnFiles": "false",
    # A Hive metastore (embedded Derby, in the server's folder): a project's databases and
    # tables outlive a restart, as the DuckDB engine's and DLI's do.
    "spark.sql.catalogImplementation": "hive",
    "spark.sql.shuffle.partitions": "4",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.extraJavaOptions": "-Duser.timezone=UTC",
}


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ConnectServer:
    """One Spark Connect server process; `url` is its sc:// address once started."""

    def __init__(self, workdir: Path, conf: Mapping[str, str] | None = None) -> None:
        self._workdir = workdir
        self._conf = {**DLI_CONF, **(conf or {})}
        self._process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"sc://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self._workdir / "spark-connect.log"

    def start(self, timeout: float = START_TIMEOUT) -> str:
        self._workdir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        home = spark_home()
        conf = {
            **self._conf,
            "spark.sql.warehouse.dir": str(self._workdir / "warehouse"),
            "spark.hadoop.javax.jdo.option.ConnectionURL": (
                f"jdbc:derby:;databaseName={self._workdir / 'metastore'};create=true"
            ),
            "spark.driver.extraJavaOptions": (
                f"{self._conf['spark.driver.extraJavaOptions']} -Dderby.system.home={self._workdir}"
            ),
            "spark.local.dir": str(self._workdir / "tmp"),
            "spark.connect.grpc.binding.address": "127.0.0.1",
            "spark.connect.grpc.binding.port": str(self.port),
        }
        command = ["/bin/sh", "-c", _WATCHDOG, "spark-connect"]
        command += [str(home / "bin" / "spark-submit"), "--class", SERVER_CLASS]
        command += ["--name", "dli-emulator", "--master", conf.pop("spark.master", "local[*]")]
        for key, value in conf.items():
            command += ["--conf", f"{key}={value}"]
        command.append("spark-internal")
        env = {**os.environ, "SPARK_HOME": str(home), "TZ": "UTC"}
        with self.log.open("wb") as output:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=output,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self._workdir,
                start_new_session=True,
            )
        try:
            self._wait_listening(timeout)
        except BaseException:
            self.stop()
            raise
        return self.url

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()  # the watchdog stops the server
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the shell, the JVM and the watchdog
            process.wait()

    def _wait_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"the Spark Connect server exited with {self._process.returncode}; "
                    f"its log: {self.log.name} in the engine's folder"
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1.0):
                    return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"the Spark Connect server did not listen within {timeout:.0f} s")
