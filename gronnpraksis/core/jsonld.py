"""JSON-LD in a page: a `<script type="application/ld+json">` data block (the programme's events, the
bank's articles).

Browsers never execute data blocks, so the site's CSP (`script-src 'self'`, no inline script) does not
need to allow it. The JSON is escaped so that no value can close the element: `<`, `>` and `&` are
written as `\\u003c` etc.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def jsonld_script(data: dict) -> SafeString:
    """A `<script type="application/ld+json">` element that is safe to put in any HTML page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
