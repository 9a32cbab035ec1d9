"""Filtering a published programme (snapshot item dicts) by theme, kind, track and room.

The same rules as the programme page: every chosen filter must match, an empty one matches all.
"""

FILTERS = ("tema", "type", "spor", "rom")


def matches(item: dict, chosen: dict[str, str]) -> bool:
    """Whether a snapshot item passes the chosen filters (missing keys count as empty)."""
    tema, kind, spor, rom = (chosen.get(name, "") for name in FILTERS)
    return (
        (not tema or tema in (item.get("themes") or []))
        and (not kind or kind in {item.get("kind"), item.get("contribution_kind")})
        and (not spor or (item.get("track") or {}).get("slug") == spor)
        and (not rom or str((item.get("room") or {}).get("id")) == rom)
    )
