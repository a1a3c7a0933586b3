from django.urls import include, path

from fanzha.accounts.api import router as accounts_router
from fanzha.audit.api import router as audit_router
from fanzha.core.api import build_api
from fanzha.core.views import healthz
from fanzha.org.api import router as org_router

api = build_api()
api.add_router("", accounts_router)
api.add_router("", org_router)
api.add_router("", audit_router)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("accounts/", include("fanzha.accounts.urls")),
    path("admin/units/", include("fanzha.org.urls")),
    path("admin/audit/", include("fanzha.audit.urls")),
    path("", include("fanzha.core.urls")),
]
