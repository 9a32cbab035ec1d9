"""API: the published programme of an edition and its versions ("Nytt i programmet").

Reads only published `ProgramVersion` snapshots, so unpublished edits never appear. Two queries
per request (the edition and the version), whatever the size of the programme.
"""

import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gronnpraksis.core.api_schemas import INVALID, NOT_FOUND
from gronnpraksis.editions.permissions import get_edition_for_user

from .filters import matches
from .services import published_program

router = Router()


class RoomOut(Schema):
    id: int | None
    name: str


class TrackOut(Schema):
    slug: str
    name: str
    is_partner: bool = False


class SpeakerOut(Schema):
    name: str
    organisation: str = ""
    municipality: str = ""


class ItemOut(Schema):
    id: int
    kind: str
    title: str
    summary: str = Field("", description="The contribution's short summary; empty for other items.")
    description: str = ""
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: RoomOut | None = None
    track: TrackOut | None = None
    speakers: list[SpeakerOut] = []
    themes: list[str] = []
    cancelled: bool = False
    contribution_kind: str | None = None
    example: int | None = None
    idea: int | None = None


class ProgramOut(Schema):
    edition: str
    version: int | None = Field(None, description="Null before the first publication.")
    published_at: datetime.datetime | None = None
    items: list[ItemOut]


class ProgramFilters(Schema):
    tema: str = Field("", description="Theme slug.")
    type: str = Field("", description="Item kind or contribution kind.")
    spor: str = Field("", description="Track slug.")
    rom: str = Field("", description="Room id.")


class MovedFromOut(Schema):
    starts_at: datetime.datetime
    room: str | None = None


class ChangeOut(Schema):
    change: str = Field(description="added, moved, changed, cancelled or removed.")
    id: int
    title: str
    moved_from: MovedFromOut | None = Field(None, alias="from")


class VersionOut(Schema):
    number: int
    published_at: datetime.datetime
    note: str
    changes: list[ChangeOut]


@router.get("{slug}/program/", response={200: ProgramOut, **NOT_FOUND, **INVALID}, url_name="program")
def get_program(request: HttpRequest, slug: str, filters: Query[ProgramFilters]) -> dict:
    """The published programme, optionally filtered by theme, kind, track and room."""
    edition = get_edition_for_user(request, slug)
    version = published_program(edition)
    chosen = filters.model_dump()
    return {
        "edition": edition.slug,
        "version": version.number if version else None,
        "published_at": version.published_at if version else None,
        "items": [item for item in (version.items if version else []) if matches(item, chosen)],
    }


@router.get(
    "{slug}/program/changes/",
    response={200: list[VersionOut], **NOT_FOUND, **INVALID},
    by_alias=True,
    url_name="changes",
)
def list_changes(request: HttpRequest, slug: str) -> list[dict]:
    """Every published version, newest first, with what it changed since the one before."""
    edition = get_edition_for_user(request, slug)
    versions = edition.program_versions.only("number", "published_at", "note", "changes")
    return [
        {"number": v.number, "published_at": v.published_at, "note": v.note, "changes": v.changes}
        for v in versions
    ]
