"""Users and roles (/quan-ly/nguoi-dung/) and one's own profile (/quan-ly/tai-khoan/)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access import services as access_services
from danvan.access.grants import account_refusal
from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.accounts import selectors, services
from danvan.accounts.exports import users_xlsx
from danvan.accounts.forms import (
    ProfileForm,
    RoleGrantForm,
    TemporaryPasswordForm,
    UserCreateForm,
    UserFilterForm,
    VietnamesePasswordChangeForm,
)
from danvan.accounts.models import User
from danvan.core.exports import asked, wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.people.selectors import person_get

PAGE_SIZE = 30


@login_required
def user_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.USERS_MANAGE, None)
    form = UserFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    unit = data.get("org_unit")
    active = {"1": True, "0": False}.get(data.get("active") or "")
    users = selectors.user_list(
        user=request.user,
        q=data.get("q", ""),
        org_unit=unit.pk if unit is not None else None,
        role=data.get("role", ""),
        active=active,
    )
    if wants_xlsx(request):
        return users_xlsx(users, filters=asked(form))
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "q": data.get("q", "")}
    template = "accounts/_user_results.html" if request.htmx else "accounts/user_list.html"
    return render(request, template, context)


@login_required
def user_create(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.USERS_MANAGE, None)
    form = UserCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Đã tạo tài khoản «{user.username}». Hãy báo mật khẩu tạm cho người dùng: "
                "họ phải đổi mật khẩu ở lần đăng nhập đầu.",
            )
            return redirect("users:detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "title": "Thêm người dùng"})


def _detail(request: AppRequest, target: User, **forms: forms.Form) -> HttpResponse:
    roles, hidden = selectors.roles_of(user=request.user, target=target)
    refusal = account_refusal(request.user, target)
    context: dict[str, Any] = {
        "target": target,
        "roles": roles,
        "hidden_roles": hidden,
        "history": selectors.user_history(target=target),
        "refusal": refusal,
        "is_self": target.pk == request.user.pk,
        "grant_form": forms.get("grant_form") or RoleGrantForm(user=request.user),
        "password_form": forms.get("password_form") or TemporaryPasswordForm(),
    }
    status = 400 if forms else 200
    return render(request, "accounts/user_detail.html", context, status=status)


@login_required
def user_detail(request: AppRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.user_get(user=request.user, pk=pk))


@login_required
@require_POST
def role_grant(request: AppRequest, pk: int) -> HttpResponse:
    target = selectors.user_get(user=request.user, pk=pk)
    form = RoleGrantForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            access_services.role_grant(
                actor=request.user, user=target, role=data["role"], org_unit=data["org_unit"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã cấp vai trò cho «{target}».")
            return redirect("users:detail", pk=target.pk)
    return _detail(request, target, grant_form=form)


@login_required
@require_POST
def role_withdraw(request: AppRequest, pk: int, assignment_pk: int) -> HttpResponse:
    target = selectors.user_get(user=request.user, pk=pk)
    assignment = selectors.role_assignment_get(user=request.user, target=target, pk=assignment_pk)
    try:
        access_services.role_withdraw(actor=request.user, assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Đã thu hồi vai trò «{assignment.get_role_display()}» tại "
            f"«{assignment.org_unit.name}».",
        )
    return redirect("users:detail", pk=target.pk)


@login_required
@require_POST
def user_set_active(request: AppRequest, pk: int) -> HttpResponse:
    target = selectors.user_get(user=request.user, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(actor=request.user, user=target, active=active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = "Đã mở khóa" if active else "Đã khóa"
        messages.success(request, f"{done} tài khoản «{target.username}».")
    return redirect("users:detail", pk=target.pk)


@login_required
@require_POST
def user_temporary_password(request: AppRequest, pk: int) -> HttpResponse:
    target = selectors.user_get(user=request.user, pk=pk)
    form = TemporaryPasswordForm(request.POST)
    if form.is_valid():
        try:
            services.user_set_temporary_password(
                actor=request.user, user=target, password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Đã đặt mật khẩu tạm cho «{target.username}»: họ phải đổi ở lần đăng nhập tới.",
            )
            return redirect("users:detail", pk=target.pk)
    return _detail(request, target, password_form=form)


@login_required
@require_POST
def user_send_reset(request: AppRequest, pk: int) -> HttpResponse:
    target = selectors.user_get(user=request.user, pk=pk)
    try:
        services.user_send_password_reset(actor=request.user, user=target, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã gửi liên kết đặt lại mật khẩu tới {target.email}.")
    return redirect("users:detail", pk=target.pk)


@login_required
def user_person(request: AppRequest, pk: int) -> HttpResponse:
    """Link the login to a cán bộ record: search by name (unmarked), pick one."""
    target = selectors.user_get(user=request.user, pk=pk)
    if request.method == "POST":
        raw = request.POST.get("person", "")
        person = None
        if raw.isdigit():
            person = person_get(user=request.user, pk=int(raw))
        elif raw:
            return HttpResponse("Hồ sơ cán bộ không hợp lệ.", status=400)
        try:
            services.user_link_person(actor=request.user, user=target, person=person)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            done = f"Đã gắn với hồ sơ «{person}»." if person else "Đã bỏ gắn hồ sơ cán bộ."
            messages.success(request, done)
            return redirect("users:detail", pk=target.pk)
    q = request.GET.get("q", target.full_name).strip()
    context = {
        "target": target,
        "q": q,
        "candidates": selectors.person_candidates(user=request.user, q=q),
    }
    template = "accounts/_person_candidates.html" if request.htmx else "accounts/user_person.html"
    return render(request, template, context)


# --- one's own account --------------------------------------------------------------------


@login_required
def profile(request: AppRequest) -> HttpResponse:
    user = request.user
    profile_form = ProfileForm(
        initial={"full_name": user.full_name, "email": user.email, "phone": user.phone}
    )
    password_form = VietnamesePasswordChangeForm(user)
    status = 200
    if request.method == "POST" and request.POST.get("form") == "profile":
        profile_form = ProfileForm(request.POST)
        if profile_form.is_valid():
            try:
                services.user_update_profile(actor=user, user=user, **profile_form.cleaned_data)
            except ValidationError as error:
                add_service_errors(profile_form, error)
            else:
                messages.success(request, "Đã lưu thông tin cá nhân.")
                return redirect("users:profile")
        status = 400
    elif request.method == "POST" and request.POST.get("form") == "password":
        password_form = VietnamesePasswordChangeForm(user, request.POST)
        if _change_password(request, password_form):
            return redirect("users:profile")
        status = 400
    context = {
        "profile_form": profile_form,
        "password_form": password_form,
        "roles": user.role_assignments.select_related("org_unit").order_by("org_unit__path"),
    }
    return render(request, "accounts/profile.html", context, status=status)


def _change_password(request: AppRequest, form: VietnamesePasswordChangeForm) -> bool:
    if not form.is_valid():
        return False
    try:
        services.user_change_own_password(
            actor=request.user, user=request.user, new_password=form.cleaned_data["new_password1"]
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    update_session_auth_hash(request, request.user)
    messages.success(request, "Đã đổi mật khẩu.")
    return True


@login_required
def password_change(request: AppRequest) -> HttpResponse:
    """The page a temporary password leads to (and the menu's "Đổi mật khẩu")."""
    form = VietnamesePasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and _change_password(request, form):
        return redirect("core:home")
    return render(request, "accounts/password_change.html", {"form": form})
