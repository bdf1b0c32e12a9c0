"""Reading Open Referral UK (ORUK) service records into one plain shape.

ORUK is the data standard English councils use for their service directories and
Local Offers. Both the ORUK 1.0 API shape (``eligibilitys``, ``service_taxonomys``,
``physical_addresses``, ``contacts[].phones``) and the 3.0 shape
(``minimum_age`` on the service, ``attributes[].taxonomy_term``, ``addresses``,
``phones``) are read. Fields that are missing are left empty; nothing is invented.

Taxonomy terms from the vocabularies ``sendvoices-need``, ``sendvoices-condition``
and ``sendvoices-topic`` say what a service is for, which conditions it caters for,
and which Local Offer topics it is the local contact for. Terms from other
vocabularies (a council's own, or LGA service types) are kept as words to search.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.localoffer.postcodes import district_of

NEED_VOCABULARY = "sendvoices-need"
CONDITION_VOCABULARY = "sendvoices-condition"
TOPIC_VOCABULARY = "sendvoices-topic"


@dataclass(frozen=True)
class Service:
    """One service, as the assistant uses it."""

    id: str
    name: str
    description: str
    organisation: str | None = None
    url: str | None = None
    email: str | None = None
    phone: str | None = None
    cost: str | None = None
    free: bool | None = None
    min_age: int | None = None
    max_age: int | None = None
    eligibility: str | None = None
    needs: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    taxonomy: tuple[str, ...] = field(default_factory=tuple)
    location: str | None = None
    postcode: str | None = None
    district: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def area_wide(self) -> bool:
        """A service with no venue (a helpline, a team) serves the whole area."""
        return self.latitude is None or self.longitude is None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (for the snapshot file)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Service:
        """Read back what ``as_dict`` wrote."""
        values = dict(data)
        for name in ("needs", "conditions", "topics", "taxonomy"):
            values[name] = tuple(values.get(name) or ())
        return cls(**{k: v for k, v in values.items() if k in cls.__dataclass_fields__})


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _int(value: Any) -> int | None:
    try:
        return None if value in (None, "") else int(float(value))
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None


def _list(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _taxonomy_terms(service: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(vocabulary, term) pairs from ORUK 1.0 and 3.0 records."""
    terms: list[tuple[str, str]] = []
    for link in _list(service.get("service_taxonomys")):
        taxonomy = link.get("taxonomy") or {}
        name = _text(taxonomy.get("name") or taxonomy.get("id"))
        if name:
            terms.append((str(taxonomy.get("vocabulary") or ""), name))
    for attribute in _list(service.get("attributes")):
        term = attribute.get("taxonomy_term") or {}
        name = _text(term.get("code") or term.get("term") or term.get("name"))
        if name:
            terms.append((str(term.get("vocabulary") or ""), name))
    return terms


def _cost(service: Mapping[str, Any]) -> tuple[str | None, bool | None]:
    options = _list(service.get("cost_options"))
    parts: list[str] = []
    paid = False
    for option in options:
        amount = _float(option.get("amount"))
        label = _text(option.get("amount_description") or option.get("option"))
        if amount is None or amount == 0:
            parts.append(label or "Free")
            continue
        paid = True
        money = f"£{amount:.2f}".replace(".00", "")
        parts.append(label if label and "£" in label else (f"{money} {label}" if label else money))
    fees = _text(service.get("fees") or service.get("fees_description"))
    if not parts and fees:
        lowered = fees.lower()
        return fees, lowered.startswith("free") or lowered in ("none", "no charge")
    if not parts:
        return None, None
    return "; ".join(parts), not paid


def _ages(service: Mapping[str, Any]) -> tuple[int | None, int | None, str | None]:
    low, high = _int(service.get("minimum_age")), _int(service.get("maximum_age"))
    notes = [_text(service.get("eligibility_description"))]
    for rule in _list(service.get("eligibilitys")) + _list(service.get("eligibilities")):
        rule_low, rule_high = _int(rule.get("minimum_age")), _int(rule.get("maximum_age"))
        low = rule_low if low is None else (low if rule_low is None else min(low, rule_low))
        high = rule_high if high is None else (high if rule_high is None else max(high, rule_high))
        notes.append(_text(rule.get("eligibility")))
    note = "; ".join(n for n in notes if n) or None
    return low, high, note


def _phone(service: Mapping[str, Any]) -> str | None:
    for phone in _list(service.get("phones")):
        if _text(phone.get("number")):
            return _text(phone.get("number"))
    for contact in _list(service.get("contacts")):
        for phone in _list(contact.get("phones")):
            if _text(phone.get("number")):
                return _text(phone.get("number"))
    return None


def _location(service: Mapping[str, Any]) -> dict[str, Any]:
    for link in _list(service.get("service_at_locations")):
        location = link.get("location") or {}
        addresses = _list(location.get("physical_addresses")) + _list(location.get("addresses"))
        address = addresses[0] if addresses else {}
        postcode = _text(address.get("postal_code"))
        line = ", ".join(
            p for p in (_text(location.get("name")), _text(address.get("address_1"))) if p
        )
        return {
            "location": line or None,
            "postcode": postcode,
            "district": district_of(postcode),
            "latitude": _float(location.get("latitude")),
            "longitude": _float(location.get("longitude")),
        }
    return {}


def read_service(service: Mapping[str, Any]) -> Service | None:
    """Turn one ORUK service record into a ``Service``; ``None`` if unusable or inactive."""
    name = _text(service.get("name"))
    if not name or str(service.get("status") or "active").lower() not in ("active", ""):
        return None
    terms = _taxonomy_terms(service)

    def vocabulary(name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.lower() for v, t in terms if v == name))

    cost, free = _cost(service)
    low, high, eligibility = _ages(service)
    organisation = service.get("organization") or service.get("organisation") or {}
    return Service(
        id=str(service.get("id") or name),
        name=name,
        description=_text(service.get("description")) or "",
        organisation=_text(organisation.get("name")) if isinstance(organisation, Mapping) else None,
        url=_text(service.get("url")),
        email=_text(service.get("email")),
        phone=_phone(service),
        cost=cost,
        free=free,
        min_age=low,
        max_age=high,
        eligibility=eligibility,
        needs=vocabulary(NEED_VOCABULARY),
        conditions=vocabulary(CONDITION_VOCABULARY),
        topics=vocabulary(TOPIC_VOCABULARY),
        taxonomy=tuple(dict.fromkeys(t.lower() for _, t in terms)),
        **_location(service),
    )


def read_services(records: Iterable[Mapping[str, Any]]) -> list[Service]:
    """Read many records, skipping the unusable ones and repeated ids."""
    seen: set[str] = set()
    services = []
    for record in records:
        service = read_service(record)
        if service and service.id not in seen:
            seen.add(service.id)
            services.append(service)
    return services
