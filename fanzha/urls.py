from django.urls import include, path

from fanzha.accounts.api import router as accounts_router
from fanzha.audit.api import router as audit_router
from fanzha.cases.api import router as cases_router
from fanzha.clues.api import router as clues_router
from fanzha.core.api import build_api
from fanzha.core.views import healthz
from fanzha.detect.api import router as detect_router
from fanzha.freeze.api import router as freeze_router
from fanzha.org.api import router as org_router
from fanzha.telecom.api import router as telecom_router

api = build_api()
api.add_router("", accounts_router)
api.add_router("", org_router)
api.add_router("", audit_router)
api.add_router("", detect_router)  # /detect, /indicators
api.add_router("/cases", cases_router)
api.add_router("/clues", clues_router)
api.add_router("/freeze", freeze_router)
api.add_router("/telecom", telecom_router)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("accounts/", include("fanzha.accounts.urls")),
    path("admin/units/", include("fanzha.org.urls")),
    path("admin/audit/", include("fanzha.audit.urls")),
    path("cases/", include("fanzha.cases.urls")),
    path("clues/", include("fanzha.clues.urls")),
    path("freeze/", include("fanzha.freeze.urls")),
    path("detect/", include("fanzha.detect.urls")),
    path("telecom/", include("fanzha.telecom.urls")),
    path("", include("fanzha.core.urls")),
]
