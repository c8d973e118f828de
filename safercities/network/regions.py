"""Which countries are near each other, for routing questions (no Django).

Countries are grouped in the sub-regions practitioners think in; neighbouring sub-regions
are those with a land or short sea border between them. ``nearness(a, b)``: 0 same country,
1 same sub-region, 2 neighbouring sub-region, None far away.
"""

SUBREGIONS = {
    "mainland_southeast": {"TH", "KH", "LA", "MM", "VN"},
    "maritime_southeast": {"ID", "MY", "PH", "SG", "BN", "TL"},
    "south": {"IN", "BD", "NP", "LK", "PK", "BT", "MV", "AF"},
    "east": {"CN", "JP", "KR", "KP", "MN", "TW", "HK", "MO"},
    "pacific": {"AU", "NZ", "FJ", "PG", "SB", "VU", "WS", "TO", "KI", "FM", "MH", "PW", "NR", "TV"},
}
NEIGHBOURS = {
    "mainland_southeast": {"maritime_southeast", "south", "east"},
    "maritime_southeast": {"mainland_southeast", "pacific"},
    "south": {"mainland_southeast", "east"},
    "east": {"mainland_southeast", "south"},
    "pacific": {"maritime_southeast"},
}
_SUBREGION_OF = {code: name for name, codes in SUBREGIONS.items() for code in codes}


def subregion_of(country: str | None) -> str | None:
    return _SUBREGION_OF.get((country or "").upper())


def nearness(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    if a.upper() == b.upper():
        return 0
    first, second = subregion_of(a), subregion_of(b)
    if first is None or second is None:
        return None
    if first == second:
        return 1
    if second in NEIGHBOURS[first]:
        return 2
    return None
