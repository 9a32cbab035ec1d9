from allauth.account.views import request_login_code
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.decorators.cache import cache_page

from gronnpraksis.api import api
from gronnpraksis.core import ratelimit
from gronnpraksis.core import views as core_views
from gronnpraksis.sitemaps import SITEMAPS

# The sitemap is cheap to make again, but a crawler may ask often: kept for ten minutes.
SITEMAP_CACHE_SECONDS = 10 * 60

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("csrf-token", core_views.csrf_token, name="csrf_token"),
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    # A language prefix does not belong in front of the API: one address whatever the language.
    re_path(r"^(?:nn|en)/api/(?P<rest>.*)$", core_views.api_without_language),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    # allauth's "send me a code" page, answering 429 when our rate limit refuses (see accounts/forms.py).
    path("accounts/login/code/", ratelimit.limited(request_login_code), name="account_request_login_code"),
    path("accounts/", include("gronnpraksis.accounts.allauth_urls")),
    path("", include("gronnpraksis.mail.urls")),
    path("", include("gronnpraksis.accounts.urls")),
    path("", include("gronnpraksis.mypage.urls")),
    path("", include("gronnpraksis.privacy.urls")),
    path("", include("gronnpraksis.audience.urls")),
    path("", include("gronnpraksis.surveys.urls")),
    path("", include("gronnpraksis.arena.urls")),
    path("", include("gronnpraksis.registrations.urls")),
    path("", include("gronnpraksis.contributions.urls")),
    path("", include("gronnpraksis.examples.urls")),
    path("", include("gronnpraksis.ideas.urls")),
    # The back office, every app's staff pages under one mount (see backoffice/urls.py).
    path("arrangor/<slug:edition>/", include("gronnpraksis.backoffice.urls")),
    path("", include("gronnpraksis.awards.urls")),
    path("", include("gronnpraksis.program.urls")),
    path("", include("gronnpraksis.editions.urls")),
    prefix_default_language=False,
)
