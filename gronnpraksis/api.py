"""The public, read-only JSON API at /api/v1/.

Only published data: public editions and published programme versions. No writes and no
authentication. The interactive docs page is switched off (ninja's Swagger UI needs inline script,
which the content security policy forbids); the OpenAPI document is at /api/v1/openapi.json.
"""

from ninja import NinjaAPI

from gronnpraksis.editions.api import router as editions_router
from gronnpraksis.program.api import router as program_router

api = NinjaAPI(
    title="Grønn Praksis API",
    version="1",
    description="Read-only access to the public editions and published programmes of Grønn Praksis.",
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)
api.add_router("/editions/", editions_router, tags=["editions"])
api.add_router("/editions/", program_router, tags=["program"])
api.add_router("/examples/", "gronnpraksis.examples.api.router", tags=["examples"])
