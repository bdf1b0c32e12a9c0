"""Where places are: postcode districts and place names of the sample area, with centres.

The sample directory is for a fictional council ("Northfield City Council") whose
area uses the LS postcode districts. Centres are approximate (to about 1 km), which
is all "near LS8" needs. A council loading its own directory adds its districts here.
"""

from __future__ import annotations

import math
import re

# District -> (latitude, longitude) of its approximate centre.
DISTRICTS: dict[str, tuple[float, float]] = {
    "LS1": (53.797, -1.547),
    "LS2": (53.803, -1.548),
    "LS3": (53.800, -1.565),
    "LS4": (53.811, -1.585),
    "LS5": (53.821, -1.600),
    "LS6": (53.820, -1.572),
    "LS7": (53.823, -1.531),
    "LS8": (53.827, -1.510),
    "LS9": (53.797, -1.505),
    "LS10": (53.770, -1.530),
    "LS11": (53.777, -1.560),
    "LS12": (53.792, -1.600),
    "LS13": (53.805, -1.640),
    "LS14": (53.830, -1.450),
    "LS15": (53.805, -1.445),
    "LS16": (53.855, -1.600),
    "LS17": (53.860, -1.530),
    "LS18": (53.845, -1.640),
    "LS19": (53.860, -1.685),
    "LS20": (53.875, -1.715),
    "LS21": (53.905, -1.690),
    "LS22": (53.930, -1.385),
    "LS23": (53.900, -1.350),
    "LS24": (53.880, -1.270),
    "LS25": (53.780, -1.310),
    "LS26": (53.750, -1.430),
    "LS27": (53.745, -1.600),
    "LS28": (53.800, -1.665),
    "LS29": (53.925, -1.820),
}

# Place names people use instead of a postcode, lower case -> district.
PLACES: dict[str, str] = {
    "city centre": "LS1",
    "town centre": "LS1",
    "headingley": "LS6",
    "hyde park": "LS6",
    "meanwood": "LS6",
    "chapel allerton": "LS7",
    "chapeltown": "LS7",
    "roundhay": "LS8",
    "harehills": "LS8",
    "oakwood": "LS8",
    "gipton": "LS9",
    "burmantofts": "LS9",
    "hunslet": "LS10",
    "belle isle": "LS10",
    "beeston": "LS11",
    "holbeck": "LS11",
    "armley": "LS12",
    "wortley": "LS12",
    "bramley": "LS13",
    "seacroft": "LS14",
    "cross gates": "LS15",
    "crossgates": "LS15",
    "adel": "LS16",
    "cookridge": "LS16",
    "moortown": "LS17",
    "alwoodley": "LS17",
    "horsforth": "LS18",
    "yeadon": "LS19",
    "guiseley": "LS20",
    "otley": "LS21",
    "wetherby": "LS22",
    "garforth": "LS25",
    "rothwell": "LS26",
    "morley": "LS27",
    "pudsey": "LS28",
    "ilkley": "LS29",
    "kirkstall": "LS5",
}

_POSTCODE = re.compile(r"\b([A-Za-z]{1,2}\d{1,2}[A-Za-z]?)(?:\s*\d[A-Za-z]{2})?\b")


def find_district(text: str | None) -> str | None:
    """The postcode district a message names ("near LS8", "ls8 2ab", "in Roundhay")."""
    if not text:
        return None
    for match in _POSTCODE.finditer(text):
        district = match.group(1).upper()
        if district in DISTRICTS:
            return district
    lowered = text.lower()
    for place in sorted(PLACES, key=len, reverse=True):
        if re.search(rf"\b{re.escape(place)}\b", lowered):
            return PLACES[place]
    return None


def district_of(postcode: str | None) -> str | None:
    """The district of a full postcode ("LS8 2AB" -> "LS8")."""
    if not postcode:
        return None
    match = _POSTCODE.match(postcode.strip())
    return match.group(1).upper() if match else None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))
