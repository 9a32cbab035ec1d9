"""What every operation of the API may answer besides its result, for the OpenAPI document: 404 for
what is not public (or does not exist), 422 for parameters that do not validate. django-ninja writes
both bodies; these schemas describe them."""

from typing import Any

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, e.g. “Not Found”.")


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(
        description="One entry per parameter that did not validate: its location (`loc`), a message "
        "(`msg`) and the kind of error (`type`)."
    )


NOT_FOUND = {404: ErrorOut}
INVALID = {422: ValidationErrorOut}
