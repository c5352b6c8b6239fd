"""File work every engine shares: export folders, re-encoding and compressing, import listings.

An export writes one `part-00000.<csv|json>[.gz|.bz2|.deflate]` file into its target folder.
An engine writes UTF-8 text itself (`written_by_engine`), plain or gzip; bzip2 and deflate and
the gbk/gb2312 encodings are applied afterwards by `recode`, streaming the engine's UTF-8 file.
"""

from __future__ import annotations

import bz2
import codecs
import zlib
from pathlib import Path
from typing import Protocol

from ..errors import already_exists, not_found, parameter_invalid
from .protocol import Checkpoint, ExportOptions

_EXTENSIONS = {"none": "", "gzip": ".gz", "bzip2": ".bz2", "deflate": ".deflate"}
_CHUNK = 1 << 20


class _Compressor(Protocol):
    def compress(self, data: bytes, /) -> bytes: ...

    def flush(self) -> bytes: ...


def check_target(target: Path, target_uri: str, export_mode: str) -> None:
    """DLI.0006 if `target` exists, unless export_mode is Overwrite.

    The export itself is written into an empty staging folder (`ObsStore.staging`) that
    replaces `target` only once it is complete: a failed export leaves the old files as they
    were.
    """
    if target.exists() and export_mode != "Overwrite":
        raise already_exists(f"The export path {target_uri} already exists")


def export_file(target: Path, options: ExportOptions) -> Path:
    """The file an export into the folder `target` ends up as."""
    extension = ".csv" if options.data_type == "csv" else ".json"
    return target / f"part-00000{extension}{_EXTENSIONS[options.compress]}"


def written_by_engine(target: Path, options: ExportOptions) -> Path:
    """Where the engine writes UTF-8 rows (gzip-compressed when `options.compress` is gzip
    and nothing else is to be done; see `needs_recode`)."""
    if needs_recode(options):
        extension = ".csv" if options.data_type == "csv" else ".json"
        return target / f".part-00000{extension}.tmp"
    return export_file(target, options)


def needs_recode(options: ExportOptions) -> bool:
    return not (options.encoding_type == "utf-8" and options.compress in ("none", "gzip"))


def finish_export(target: Path, options: ExportOptions, checkpoint: Checkpoint) -> None:
    """Turn the engine's UTF-8 file into the final one when `needs_recode`."""
    if needs_recode(options):
        written = written_by_engine(target, options)
        recode(written, export_file(target, options), options, checkpoint)
        written.unlink()


def recode(source: Path, target: Path, options: ExportOptions, checkpoint: Checkpoint) -> None:
    """Copy UTF-8 `source` to `target` in `options.encoding_type`, compressed as asked."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    compressor = _compressor(options.compress)
    with source.open("rb") as reader, target.open("wb") as writer:
        while chunk := reader.read(_CHUNK):
            checkpoint()
            text = decoder.decode(chunk)
            try:
                data = text.encode(options.encoding_type)
            except UnicodeEncodeError as error:
                raise parameter_invalid(
                    f"The result has characters that {options.encoding_type} cannot encode: {error}"
                ) from error
            writer.write(compressor.compress(data) if compressor else data)
        if compressor:
            writer.write(compressor.flush())


def _compressor(compress: str) -> _Compressor | None:
    if compress == "bzip2":
        return bz2.BZ2Compressor()
    if compress == "deflate":
        return zlib.compressobj()
    if compress == "gzip":
        return zlib.compressobj(wbits=16 + zlib.MAX_WBITS)
    return None


def data_files(source: Path, source_uri: str) -> list[Path]:
    """The files an import reads: `source` itself, or every data file below the folder."""
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise not_found(f"The data path {source_uri} does not exist")
    # Hadoop-style folders carry _SUCCESS markers and hidden .crc files next to the data.
    files = sorted(
        p for p in source.rglob("*") if p.is_file() and not p.name.startswith(("_", "."))
    )
    if not files:
        raise not_found(f"The data path {source_uri} contains no files")
    return files
