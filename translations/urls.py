from django.urls import path

from . import launch_views, notice_views, snippet_views, views

app_name = "translations"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("claim/", views.claim_view, name="claim"),
    path("start/", views.start_view, name="start"),
    path("release/", views.release_view, name="release"),
    path("plan/", views.plan_view, name="plan"),
    path("mark-reviewed/", views.mark_reviewed_view, name="mark_reviewed"),
    path("changes/", views.changes_view, name="changes"),
    path("sync/", views.sync_view, name="sync"),
    path("submit-section/", views.submit_subtree_view, name="submit_subtree"),
    path("po/export/", views.po_export_view, name="po_export"),
    path("po/import/", views.po_import_view, name="po_import"),
    path("launch/<int:page_id>/", launch_views.launch_view, name="launch"),
    path("notices/<int:notice_id>/read/", notice_views.mark_read_view, name="notice_read"),
    path(
        "snippet/<slug:app_label>/<slug:model_name>/<str:pk>/translate/<str:language_code>/",
        snippet_views.start_snippet_view,
        name="start_snippet",
    ),
]
