"""The typeface's files on the server: Inter from `@fontsource/inter` (SIL Open Font License 1.1, see
node_modules/@fontsource/inter/LICENSE), the same files the pages use (`fonts/inter/`), found through the
static files finders or in STATIC_ROOT after collectstatic. Fontsource splits the font into subsets
(`latin`, `latin-ext`, …); the preview images and the PDFs draw each letter from the subset that has it.
"""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage


def inter_file(name: str) -> Path | None:
    """The path of one of Inter's files (e.g. `inter-latin-400-normal.woff`), or None when it is missing."""
    found = finders.find(f"fonts/inter/{name}")
    if found:
        return Path(found if isinstance(found, str) else found[0])
    try:
        collected = Path(staticfiles_storage.path(f"fonts/inter/{name}"))
    except NotImplementedError:  # a storage without local files
        return None
    return collected if collected.exists() else None
