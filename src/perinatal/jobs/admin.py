"""Administrators see every job, its attempts and its technical reason for failing, and the
workers that are alive (the tasks themselves: django-tasks-db's own admin)."""

from django.contrib import admin

from .models import Job, ScheduleState, WorkerHeartbeat


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "status", "started_by", "attempts", "finished_at"]
    list_filter = ["status", "kind"]
    date_hierarchy = "created_at"
    # The parameters and results may name files and counts, never a person; still read-only.
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "hostname", "pid", "queues", "started_at", "last_seen_at"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(ScheduleState)
class ScheduleStateAdmin(admin.ModelAdmin):
    list_display = ["name", "last_enqueued_at"]

    def has_add_permission(self, request: object) -> bool:
        return False
