"""Importing a Local Offer directory in ORUK format, and swapping it in without downtime.

Sources: an ORUK JSON file (a list of services, or an API page with ``content`` /
``contents``), or an ORUK API base URL: ``GET {url}/services?page=N&per_page=M`` is
followed to the last page, and a service listed without its details is fetched from
``GET {url}/services/{id}``.

The result is written to a temporary file beside the snapshot, flushed to disk, and
renamed over the snapshot (``os.replace``, atomic on one filesystem). Readers see
either the old directory or the new one, never half of one; the action server picks
up the new file on its next search. A failed or empty import leaves the old snapshot.

Usage: ``python -m bot.localoffer.importer SOURCE [--out PATH]`` (``make directory``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.localoffer.oruk import read_services

logger = logging.getLogger(__name__)

PER_PAGE = 100
MAX_PAGES = 500


class ImportFailed(Exception):
    """The source could not be read, or held no usable service."""


def _records(data: Any) -> list[Mapping[str, Any]]:
    if isinstance(data, list):
        return [r for r in data if isinstance(r, Mapping)]
    if isinstance(data, Mapping):
        for key in ("content", "contents", "services", "items"):
            if isinstance(data.get(key), list):
                return [r for r in data[key] if isinstance(r, Mapping)]
        if data.get("name"):
            return [data]
    return []


def _total_pages(data: Any) -> int:
    if isinstance(data, Mapping):
        for key in ("totalPages", "total_pages"):
            if isinstance(data.get(key), int):
                return int(data[key])
    return 1


def _is_summary(record: Mapping[str, Any]) -> bool:
    detail = (
        "eligibilitys",
        "service_at_locations",
        "service_taxonomys",
        "cost_options",
        "attributes",
        "contacts",
    )
    return not any(key in record for key in detail)


def fetch_api(base_url: str, *, timeout: float = 30.0) -> list[Mapping[str, Any]]:
    """Every service from an ORUK API, following the pages."""
    import requests

    base = base_url.rstrip("/")
    records: list[Mapping[str, Any]] = []
    page = 1
    while page <= MAX_PAGES:
        response = requests.get(
            f"{base}/services", params={"page": page, "per_page": PER_PAGE}, timeout=timeout
        )
        response.raise_for_status()
        data = response.json()
        batch = _records(data)
        for record in batch:
            if _is_summary(record) and record.get("id"):
                detail = requests.get(f"{base}/services/{record['id']}", timeout=timeout)
                detail.raise_for_status()
                record = detail.json()
            records.append(record)
        if not batch or page >= _total_pages(data):
            break
        page += 1
    return records


def load_source(source: str, *, timeout: float = 30.0) -> list[Mapping[str, Any]]:
    """ORUK service records from a file path or an API URL."""
    if source.startswith(("http://", "https://")):
        return fetch_api(source, timeout=timeout)
    return _records(json.loads(Path(source).read_text(encoding="utf-8")))


def write_snapshot(snapshot: Mapping[str, Any], path: Path) -> None:
    """Write the snapshot atomically: temporary file, fsync, rename over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".directory-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(snapshot, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def import_directory(source: str, path: Path, *, timeout: float = 30.0) -> int:
    """Import a directory from ``source`` and swap it in at ``path``.

    Returns:
        How many services the new snapshot holds.

    Raises:
        ImportFailed: Nothing usable was read; the old snapshot is untouched.
    """
    try:
        records = load_source(source, timeout=timeout)
    except Exception as error:
        raise ImportFailed(f"could not read {source}: {error}") from error
    services = read_services(records)
    if not services:
        raise ImportFailed(f"no usable service in {source}")
    write_snapshot(
        {
            "format": "sendvoices-directory/1",
            "imported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "source": source,
            "services": [s.as_dict() for s in services],
        },
        path,
    )
    return len(services)


def main(argv: list[str] | None = None) -> int:
    """Command line: import SOURCE into the snapshot."""
    from bot.localoffer.directory import snapshot_path

    parser = argparse.ArgumentParser(description="Import an ORUK Local Offer directory.")
    parser.add_argument("source", help="an ORUK JSON file or an ORUK API base URL")
    parser.add_argument("--out", type=Path, default=None, help="snapshot path")
    args = parser.parse_args(argv)
    out = args.out or snapshot_path()
    try:
        count = import_directory(args.source, out)
    except ImportFailed as failure:
        print(f"directory: import failed, the old directory is kept ({failure})", file=sys.stderr)
        return 1
    print(f"directory: {count} services imported into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
