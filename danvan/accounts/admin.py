from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from danvan.access.models import RoleAssignment
from danvan.accounts.models import ApiToken, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["org_unit"]
    verbose_name = "vai trò tại đơn vị"
    verbose_name_plural = (
        "vai trò tại đơn vị (mỗi vai trò có hiệu lực cho cả cây đơn vị trực thuộc)"
    )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_demo", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "is_demo"]
    search_fields = ["username", "full_name", "email"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Thông tin", {"fields": ["full_name", "email"]}),
        ("Trạng thái", {"fields": ["is_active", "is_staff", "is_superuser", "is_demo"]}),
        ("Thời điểm", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "full_name", "email", "password1", "password2"],
            },
        ),
    ]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["key_prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "name", "key_prefix"]
    readonly_fields = ["key_prefix", "created_at", "last_used_at"]
    fields = ["user", "name", "key_prefix", "created_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request: object) -> bool:
        # The raw key is shown once, by `manage.py create_api_token`.
        return False
