"""The Local Offer directory: search by need, age and area; the local contact for a topic.

The directory is a snapshot file written by ``importer`` (``DIRECTORY_FILE``, default
``$VAR_DIR/directory.json``). It is read again whenever the file changes, so a refresh
(a new snapshot swapped in atomically) takes effect on the next search, with no restart
and no moment without a directory. If there is no snapshot yet, the shipped sample
directory is imported first.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.localoffer.oruk import Service
from bot.localoffer.postcodes import DISTRICTS, distance_km
from bot.localoffer.query import Query

logger = logging.getLogger(__name__)

SAMPLE_FILE = Path(__file__).with_name("data") / "sample_oruk.json"
NEAR_KM = 5.0
MAX_RESULTS = 3


@dataclass(frozen=True)
class Match:
    """A service that fits a query, and how far it is from the area asked about."""

    service: Service
    distance_km: float | None


def snapshot_path() -> Path:
    """Where the directory snapshot lives (``DIRECTORY_FILE`` or ``$VAR_DIR/directory.json``)."""
    configured = os.environ.get("DIRECTORY_FILE")
    if configured:
        return Path(configured)
    return Path(os.environ.get("VAR_DIR") or "var") / "directory.json"


def _fits_age(service: Service, age: int | None) -> bool:
    if age is None:
        return True
    low = service.min_age if service.min_age is not None else 0
    high = service.max_age if service.max_age is not None else 200
    return low <= age <= high


def _fits_conditions(service: Service, conditions: tuple[str, ...]) -> bool:
    if not conditions:
        return True
    offered = set(service.conditions)
    return "all_send" in offered or bool(offered & set(conditions))


def _need_score(service: Service, needs: tuple[str, ...]) -> int:
    if not needs:
        return 0
    return len(set(service.needs) & set(needs))


class Directory:
    """Services from a snapshot file, reloaded when the file is replaced.

    Args:
        path: The snapshot (JSON written by ``importer.write_snapshot``).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._services: list[Service] = []

    def services(self) -> list[Service]:
        """The current services (read again if the file changed since last time)."""
        with self._lock:
            try:
                stat = self.path.stat()
            except FileNotFoundError:
                return self._services
            stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
            if stamp != self._stamp:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self._services = [Service.from_dict(s) for s in data.get("services", [])]
                self._stamp = stamp
                logger.info("Directory loaded: %d services", len(self._services))
            return self._services

    def search(self, query: Query, *, limit: int = MAX_RESULTS) -> list[Match]:
        """Services that fit the need, the child's age, the conditions and the area.

        A service must offer one of the needs asked for (when any is), take a child
        of that age, cater for the condition named (or for all SEND), and be within
        ``NEAR_KM`` of the district asked about, unless it has no venue (a helpline
        or a team serves the whole area). Nearest and best-fitting first.
        """
        centre = DISTRICTS.get(query.district) if query.district else None
        matches: list[tuple[int, float, str, Match]] = []
        for service in self.services():
            score = _need_score(service, query.needs)
            if query.needs and score == 0:
                continue
            if not _fits_age(service, query.age) or not _fits_conditions(service, query.conditions):
                continue
            distance = None
            if centre and not service.area_wide:
                distance = distance_km(centre, (service.latitude, service.longitude))  # type: ignore[arg-type]
                if distance > NEAR_KM:
                    continue
            sort_distance = distance if distance is not None else NEAR_KM + 1
            matches.append((-score, sort_distance, service.name, Match(service, distance)))
        matches.sort(key=lambda m: m[:3])
        return [m[3] for m in matches[:limit]]

    def contact_for(self, topic: str) -> Service | None:
        """The local service named as the contact for a Local Offer topic, if any."""
        for service in self.services():
            if topic in service.topics:
                return service
        return None


_shared: Directory | None = None
_shared_for: Path | None = None
_shared_lock = threading.Lock()


def shared_directory() -> Directory:
    """The process's directory; imports the shipped sample if there is no snapshot yet."""
    global _shared, _shared_for
    with _shared_lock:
        configured = path = snapshot_path()
        if _shared is None or _shared_for != configured:
            if not path.exists():
                from bot.localoffer.importer import import_directory

                logger.info("No directory snapshot yet: importing the sample directory")
                try:
                    import_directory(str(SAMPLE_FILE), path)
                except OSError:
                    logger.exception("Could not write the directory snapshot; using a copy")
                    path = Path(tempfile.mkdtemp(prefix="sendvoices-")) / "directory.json"
                    import_directory(str(SAMPLE_FILE), path)
            _shared, _shared_for = Directory(path), configured
        return _shared
