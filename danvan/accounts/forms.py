from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from danvan.access.grants import grantable_roles
from danvan.access.roles import Cap, Role
from danvan.org.forms import UnitChoiceField
from danvan.org.models import OrgUnit


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt "
        "chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đang bị khóa.",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"


# --- users and roles (/quan-ly/nguoi-dung/) ---------------------------------------------


def _manageable_units(user: Any) -> Any:
    from danvan.org.selectors import org_unit_list

    return org_unit_list(user=user, cap=Cap.USERS_MANAGE, status="active").order_by("path")


class _RoleField(forms.ChoiceField):
    """Every role is accepted, only the grantable ones are offered: the service refuses
    the others with a 403 that says why, rather than a bare "invalid choice"."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(label="Vai trò", choices=[("", "— Chọn —"), *Role.choices], **kwargs)

    def offer(self, roles: list[tuple[str, str]]) -> None:
        self.widget.choices = [("", "— Chọn —"), *roles]


class UserFilterForm(forms.Form):
    q = forms.CharField(
        label="Tìm theo họ tên, tên đăng nhập hoặc thư (không cần dấu)", required=False
    )
    org_unit = UnitChoiceField(
        label="Đơn vị", queryset=OrgUnit.objects.none(), required=False, empty_label="Tất cả"
    )
    role = forms.ChoiceField(
        label="Vai trò", choices=[("", "Tất cả"), *Role.choices], required=False
    )
    active = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả"), ("1", "Đang hoạt động"), ("0", "Đã khóa")],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from danvan.org.selectors import org_unit_list

        self.fields["org_unit"].queryset = org_unit_list(  # type: ignore[attr-defined]
            user=user, cap=Cap.USERS_MANAGE
        ).order_by("path")


class UserCreateForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    username = forms.CharField(
        label="Tên đăng nhập",
        max_length=150,
        help_text="Chữ không dấu, số và các ký tự @ . + - _; ví dụ: nguyenvana.dinhcong",
    )
    org_unit = UnitChoiceField(
        label="Đơn vị công tác", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    role = _RoleField(help_text="Vai trò có hiệu lực tại đơn vị đã chọn và các đơn vị trực thuộc.")
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)
    password = forms.CharField(
        label="Mật khẩu tạm",
        strip=False,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
        help_text="Ít nhất 10 ký tự. Người dùng phải đổi mật khẩu này ở lần đăng nhập đầu.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = _manageable_units(user)  # type: ignore[attr-defined]
        cast(_RoleField, self.fields["role"]).offer(grantable_roles(user))


class RoleGrantForm(forms.Form):
    role = _RoleField()
    org_unit = UnitChoiceField(
        label="Tại đơn vị", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = _manageable_units(user)  # type: ignore[attr-defined]
        cast(_RoleField, self.fields["role"]).offer(grantable_roles(user))


class TemporaryPasswordForm(forms.Form):
    password = forms.CharField(
        label="Mật khẩu tạm",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Ít nhất 10 ký tự. Người dùng phải đổi ở lần đăng nhập tiếp theo.",
    )


class ProfileForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)


class VietnamesePasswordChangeForm(PasswordChangeForm):
    """Django's form; its labels come from Django's Vietnamese catalogue, the messages
    it lacks are given here."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Mật khẩu hiện tại không đúng. Hãy nhập lại.",
        "password_mismatch": "Hai lần nhập mật khẩu mới không giống nhau.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu hiện tại"
        self.fields["new_password1"].label = "Mật khẩu mới"
        self.fields[
            "new_password1"
        ].help_text = (
            "Ít nhất 10 ký tự, không quá giống tên đăng nhập hay họ tên, không toàn chữ số."
        )
        self.fields["new_password2"].label = "Nhập lại mật khẩu mới"
        self.fields["new_password2"].help_text = ""
