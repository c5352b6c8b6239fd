"""The Spark engine: Spark SQL run by Spark itself, through Spark Connect.

The only package that imports pyspark. Locally (`dli-emulator --engine spark`) it starts one
Spark Connect server per project on 127.0.0.1 (a JVM each: full isolation of catalogs and
files, at the cost of about 0.5 GB and 10-25 s of start-up per project); with
`--spark-remote sc://host:port` it uses an existing server for a single project.
"""

from .engine import SparkEngine

__all__ = ["SparkEngine"]
