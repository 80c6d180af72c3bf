from django.contrib import admin
from django.urls import include, path

from config.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("clinics.api.urls")),
    path("", include("donors.urls")),
    path("", include("correspondence.urls")),
]
