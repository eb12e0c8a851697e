from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from danvan.access.grants import account_refusal, grant_refusal
from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.access.services import role_grant
from danvan.accounts.models import ApiToken, User, hash_token
from danvan.core.audit import service
from danvan.lib.text import normalize_spaces
from danvan.people.models import Person

if TYPE_CHECKING:
    from danvan.org.models import OrgUnit

_TOUCH_EVERY = dt.timedelta(minutes=5)


@service
def api_token_create(*, actor: Any, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token and return it with the raw key, which is never stored."""
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        user=user, name=name, key_prefix=raw[:10], key_hash=hash_token(raw)
    )
    return token, raw


@service
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def user_for_token(raw: str) -> User | None:
    """The active user behind a raw Bearer key, or None (also for a demo account's key
    while DEBUG is off)."""
    if not raw or not raw.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(Q(revoked_at__isnull=True), key_hash=hash_token(raw))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.user.is_demo and not settings.DEBUG:
        # Like their passwords (``backends.DemoAwareBackend``): the demo's keys are known.
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        # Not audited: a usage timestamp, written at most every five minutes.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- users and their accounts (/quan-ly/nguoi-dung/) -------------------------------------

# The confirm page of Django's password reset, as it may be named (helper views in
# accounts/reset.py): the first one that exists is used in the e-mail.
RESET_CONFIRM_URL_NAMES = ("accounts:password_reset_confirm", "password_reset_confirm")
PROFILE_FIELDS = ("full_name", "email", "phone")


def _lock(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def _refuse_account(actor: Any, target: User) -> None:
    refusal = account_refusal(actor, target)
    if refusal:
        raise PermissionDenied(refusal)


def _refuse_self(actor: Any, target: User, what: str) -> None:
    if getattr(actor, "pk", None) is not None and actor.pk == target.pk:
        raise ValidationError(f"Bạn không {what} tài khoản của chính mình.")


def _check_password(password: str, user: User, field: str = "password") -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


def _clean_profile(user: User) -> None:
    user.full_name = normalize_spaces(user.full_name)
    user.email = (user.email or "").strip().lower()
    user.phone = normalize_spaces(user.phone)
    errors: dict[str, str] = {}
    if not user.full_name:
        errors["full_name"] = "Họ và tên không được để trống."
    if errors:
        raise ValidationError(errors)
    user.full_clean(exclude=["password", "org_unit", "person"])


@service
def user_create(
    *,
    actor: Any,
    username: str,
    full_name: str,
    org_unit: OrgUnit,
    role: str,
    password: str,
    email: str = "",
    phone: str = "",
) -> User:
    """A login for ``org_unit`` holding ``role`` there, with a temporary password that
    must be changed at the first login."""
    refusal = grant_refusal(actor, role, org_unit)
    if refusal:
        raise PermissionDenied(refusal)
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": "Tên đăng nhập không được để trống."})
    clash = User.objects.filter(username__iexact=username).first()
    if clash is not None:
        raise ValidationError({"username": f"Tên đăng nhập «{username}» đã có người dùng."})
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        phone=phone,
        org_unit=org_unit,
        must_change_password=True,
    )
    _check_password(password, user)
    user.set_password(password)
    _clean_profile(user)
    user.save()
    role_grant(actor=actor, user=user, role=role, org_unit=org_unit)
    return user


@service
def user_update_profile(*, actor: Any, user: User, **changes: Any) -> User:
    """Name, e-mail and phone: by the user themselves or by whoever manages the account."""
    if getattr(actor, "pk", None) != user.pk:
        _refuse_account(actor, user)
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    locked = _lock(user)
    for field, value in changes.items():
        setattr(locked, field, value or "")
    _clean_profile(locked)
    locked.save(update_fields=[*changes])
    for field in changes:
        setattr(user, field, getattr(locked, field))
    return locked


@service
def user_set_active(*, actor: Any, user: User, active: bool) -> User:
    """Lock (deactivate) or unlock an account. Nobody locks themselves out."""
    _refuse_self(actor, user, "khóa hoặc mở khóa")
    _refuse_account(actor, user)
    locked = _lock(user)
    if locked.is_active == active:
        state = "đang hoạt động" if active else "đã bị khóa"
        raise ValidationError(f"Tài khoản «{user}» {state}.")
    locked.is_active = active
    locked.save(update_fields=["is_active"])
    user.is_active = active
    return locked


@service
def user_set_temporary_password(*, actor: Any, user: User, password: str) -> User:
    """Set a password the user must change at the next login (their own: the profile)."""
    _refuse_self(actor, user, "đặt mật khẩu tạm cho")
    _refuse_account(actor, user)
    locked = _lock(user)
    _check_password(password, locked)
    locked.set_password(password)
    locked.must_change_password = True
    locked.save(update_fields=["password", "must_change_password"])
    return locked


@service
def user_change_own_password(*, actor: Any, user: User, new_password: str) -> User:
    """The user's own change (old password checked by the form): ends a temporary one."""
    if getattr(actor, "pk", None) != user.pk:
        raise PermissionDenied("Chỉ chính người dùng mới đổi được mật khẩu của mình.")
    locked = _lock(user)
    _check_password(new_password, locked, "new_password1")
    locked.set_password(new_password)
    locked.must_change_password = False
    locked.save(update_fields=["password", "must_change_password"])
    user.password, user.must_change_password = locked.password, False
    return locked


@service
def user_link_person(*, actor: Any, user: User, person: Person | None) -> User:
    """Link the login to its cán bộ record (None: unlink). The person must be in scope."""
    _refuse_account(actor, user)
    locked = _lock(user)
    if person is not None:
        if not scoped(Person.objects.filter(pk=person.pk), actor, Cap.PEOPLE_VIEW).exists():
            raise PermissionDenied("Hồ sơ cán bộ này nằm ngoài phạm vi của bạn.")
        taken = User.objects.filter(person=person).exclude(pk=user.pk).first()
        if taken is not None:
            raise ValidationError(
                {"person": f"Hồ sơ «{person}» đã gắn với tài khoản «{taken.username}»."}
            )
    locked.person = person
    locked.save(update_fields=["person"])
    user.person = person
    return locked


class _OneUserResetForm(PasswordResetForm):
    """Django's reset e-mail, sent to one chosen account only (not to every account that
    happens to share the address)."""

    def __init__(self, user: User) -> None:
        super().__init__({"email": user.email})
        self.user = user

    def get_users(self, email: str) -> Iterator[Any]:
        if self.user.is_active and self.user.has_usable_password():
            yield self.user


def _reset_url_name() -> str:
    for name in RESET_CONFIRM_URL_NAMES:
        try:
            reverse(name, kwargs={"uidb64": "MQ", "token": "x-y"})
        except NoReverseMatch:
            continue
        return name
    raise ValidationError("Chưa cài đặt trang đặt lại mật khẩu: hãy đặt mật khẩu tạm.")


def user_send_password_reset(*, actor: Any, user: User, request: HttpRequest) -> None:
    """E-mail the user a link to choose a new password (Django's PasswordResetForm).

    Nothing is written, so nothing is audited; the manager's right is checked as for a
    temporary password."""
    _refuse_account(actor, user)
    if not user.email:
        raise ValidationError(f"«{user}» chưa có địa chỉ thư điện tử: hãy đặt mật khẩu tạm.")
    if not user.is_active:
        raise ValidationError(f"Tài khoản «{user}» đang bị khóa: hãy mở khóa trước.")
    form = _OneUserResetForm(user)
    form.is_valid()
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name="accounts/email/password_reset_subject.txt",
        email_template_name="accounts/email/password_reset_email.txt",
        extra_email_context={"reset_url_name": _reset_url_name()},
    )
