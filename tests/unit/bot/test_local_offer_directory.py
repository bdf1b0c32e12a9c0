"""The Local Offer directory: ORUK import (file and API), atomic refresh, search, local contacts."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from bot.localoffer.directory import SAMPLE_FILE, Directory
from bot.localoffer.importer import ImportFailed, import_directory, load_source
from bot.localoffer.oruk import read_service, read_services
from bot.localoffer.postcodes import distance_km, find_district
from bot.localoffer.query import find_age, read_query

SAMPLE = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))["content"]


@pytest.fixture
def directory(tmp_path: Path) -> Directory:
    path = tmp_path / "directory.json"
    import_directory(str(SAMPLE_FILE), path)
    return Directory(path)


def test_the_sample_directory_has_at_least_60_services_across_the_topics() -> None:
    services = read_services(SAMPLE)
    assert len(services) >= 60
    topics = {t for s in services for t in s.topics}
    assert {"sendiass", "short_breaks", "transport", "ehcp", "parent_carer_forum"} <= topics


def test_sample_phone_numbers_and_links_are_fictional() -> None:
    for service in read_services(SAMPLE):
        assert service.phone and service.phone.startswith(("0113 496 0", "020 7946 0")), service
        assert service.url and service.url.startswith("https://example.org/"), service
        assert service.email and service.email.endswith("@example.org"), service


def test_an_oruk_1_record_is_read_with_ages_cost_contact_location_and_taxonomy() -> None:
    record = next(r for r in SAMPLE if r["name"] == "Roundhay Rainbow Holiday Club")

    service = read_service(record)

    assert service is not None
    assert (service.min_age, service.max_age) == (5, 11)
    assert service.cost == "£12 a day" and service.free is False
    assert service.phone == "0113 496 0201"
    assert service.postcode == "LS8 2JH" and service.district == "LS8"
    assert service.needs == ("holiday_club", "play")
    assert "autism" in service.conditions
    assert service.organisation == "Rainbow Play CIC"


def test_an_oruk_3_record_is_read_too() -> None:
    record = {
        "id": "v3-1",
        "name": "Sensory Swim",
        "description": "A quiet swim.",
        "minimum_age": 4,
        "maximum_age": 12,
        "phones": [{"number": "0113 496 0999"}],
        "cost_options": [{"amount": 0, "option": "Free"}],
        "attributes": [
            {"taxonomy_term": {"code": "swimming", "vocabulary": "sendvoices-need"}},
            {"taxonomy_term": {"code": "autism", "vocabulary": "sendvoices-condition"}},
        ],
        "service_at_locations": [
            {
                "location": {
                    "latitude": 53.8,
                    "longitude": -1.5,
                    "addresses": [{"address_1": "1 Pool Lane", "postal_code": "LS9 1AA"}],
                }
            }
        ],
    }

    service = read_service(record)

    assert service is not None
    assert (service.min_age, service.max_age, service.phone) == (4, 12, "0113 496 0999")
    assert service.needs == ("swimming",) and service.conditions == ("autism",)
    assert service.free is True and service.district == "LS9"


def test_an_inactive_or_nameless_record_is_skipped() -> None:
    assert read_service({"id": "x", "name": "Old club", "status": "inactive"}) is None
    assert read_service({"id": "y"}) is None


def test_the_holiday_club_question_finds_exactly_two_real_services(directory: Directory) -> None:
    query = read_query("any holiday clubs for my 9 year old near LS8 that can cope with autism?")

    matches = directory.search(query)

    assert query.needs == ("holiday_club",) and query.age == 9 and query.district == "LS8"
    assert [m.service.name for m in matches] == [
        "Roundhay Rainbow Holiday Club",
        "Chapel Allerton Sensory Summer Scheme",
    ]
    for match in matches:
        service = match.service
        assert service.min_age <= 9 <= service.max_age
        assert match.distance_km is not None and match.distance_km <= 5


def test_a_search_leaves_out_the_wrong_age_the_wrong_area_and_no_autism_support(
    directory: Directory,
) -> None:
    names = {
        m.service.name for m in directory.search(read_query("holiday club near LS8"), limit=50)
    }
    assert "Oakwood Teen Holiday Club" in names  # right area; age not given
    assert "Morley Holiday Play Scheme" not in names  # LS27 is too far

    for_nine = {
        m.service.name for m in directory.search(read_query("holiday club LS8 age 9"), limit=50)
    }
    assert "Oakwood Teen Holiday Club" not in for_nine  # 12 to 18 only

    autism = read_query("holiday club for my autistic 9 year old near LS17")
    assert "Moortown Multi-Sports Holiday Camp" not in {
        m.service.name for m in directory.search(autism, limit=50)
    }


def test_a_service_with_no_venue_serves_the_whole_area(directory: Directory) -> None:
    names = [m.service.name for m in directory.search(read_query("short breaks near LS27"))]
    assert "Family Link Short Breaks" in names


def test_at_most_three_services_come_back(directory: Directory) -> None:
    assert len(directory.search(read_query("support group"))) == 3


def test_the_local_contact_for_a_topic_comes_from_the_directory(directory: Directory) -> None:
    sendiass = directory.contact_for("sendiass")
    assert sendiass is not None and sendiass.phone == "0113 496 0101"
    assert directory.contact_for("transport").name == "Northfield School Transport Team"
    assert directory.contact_for("no_such_topic") is None


def test_a_refresh_swaps_the_snapshot_atomically_and_readers_see_it(
    directory: Directory, tmp_path: Path
) -> None:
    assert len(directory.services()) == len(SAMPLE)
    smaller = tmp_path / "smaller.json"
    smaller.write_text(json.dumps(SAMPLE[:5]), encoding="utf-8")

    assert import_directory(str(smaller), directory.path) == 5

    assert len(directory.services()) == 5
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".directory-")]
    assert leftovers == []


def test_a_failed_import_keeps_the_old_directory(directory: Directory, tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    before = directory.path.read_bytes()

    with pytest.raises(ImportFailed):
        import_directory(str(empty), directory.path)
    with pytest.raises(ImportFailed):
        import_directory(str(tmp_path / "missing.json"), directory.path)

    assert directory.path.read_bytes() == before
    assert len(directory.services()) == len(SAMPLE)


def test_searches_during_a_refresh_always_see_a_whole_directory(
    directory: Directory, tmp_path: Path
) -> None:
    sizes: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            sizes.add(len(directory.services()))

    reader = threading.Thread(target=read)
    reader.start()
    smaller = tmp_path / "smaller.json"
    smaller.write_text(json.dumps(SAMPLE[:7]), encoding="utf-8")
    try:
        for _ in range(5):
            import_directory(str(smaller), directory.path)
            import_directory(str(SAMPLE_FILE), directory.path)
    finally:
        stop.set()
        reader.join()
    assert sizes <= {7, len(SAMPLE)}


class OrukApi:
    """A stand-in ORUK API on 127.0.0.1: paged /services summaries and /services/{id}."""

    def __init__(self, records: list[dict[str, Any]], per_page: int) -> None:
        api = self
        self.records = {r["id"]: r for r in records}
        self.order = [r["id"] for r in records]
        self.per_page = per_page
        self.calls: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def do_GET(self) -> None:  # noqa: N802
                url = urlparse(self.path)
                api.calls.append(url.path)
                if url.path == "/services":
                    page = int(parse_qs(url.query).get("page", ["1"])[0])
                    start = (page - 1) * api.per_page
                    ids = api.order[start : start + api.per_page]
                    total = -(-len(api.order) // api.per_page)
                    body: Any = {
                        "totalElements": len(api.order),
                        "totalPages": total,
                        "number": page,
                        "size": api.per_page,
                        "content": [
                            {
                                "id": i,
                                "name": api.records[i]["name"],
                                "description": api.records[i]["description"],
                            }
                            for i in ids
                        ],
                    }
                elif url.path.startswith("/services/"):
                    body = api.records[url.path.rsplit("/", 1)[1]]
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def oruk_api() -> Iterator[OrukApi]:
    api = OrukApi(SAMPLE[:12], per_page=5)
    try:
        yield api
    finally:
        api.server.shutdown()
        api.server.server_close()


def test_an_oruk_api_is_imported_page_by_page_with_each_services_details(
    oruk_api: OrukApi, tmp_path: Path
) -> None:
    records = load_source(oruk_api.url)

    assert [r["id"] for r in records] == oruk_api.order
    assert oruk_api.calls.count("/services") == 3
    assert import_directory(oruk_api.url, tmp_path / "d.json") == 12
    rainbow = read_services(records)
    assert all(s.phone for s in rainbow)


def test_places_postcodes_and_ages_are_read_from_a_message() -> None:
    assert find_district("near LS8 please") == "LS8"
    assert find_district("we live at ls8 2ab") == "LS8"
    assert find_district("anything in Chapel Allerton?") == "LS7"
    assert find_district("XX99 is not a district here") is None
    assert find_age("my 9 year old") == 9
    assert find_age("my nine-year-old son") == 9
    assert find_age("she is aged 12") == 12
    assert find_age("for my 7yo") == 7
    assert find_age("no age here") is None
    assert 1.0 < distance_km((53.827, -1.510), (53.823, -1.531)) < 2.0
