"""Factories. Org units go through the service so their path and audit are real."""

from __future__ import annotations

from typing import Any

import factory

from danvan.access.models import RoleAssignment
from danvan.access.system import SYSTEM
from danvan.accounts.models import User
from danvan.org.models import OrganisationKind, OrgLevel, OrgUnit, UnitKind
from danvan.org.services import org_unit_create
from danvan.people.services import person_create, position_create


class OrgLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgLevel
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"cap-{n}")
    name = factory.LazyAttribute(lambda o: o.code)
    rank = factory.Sequence(lambda n: 10 + n)


class UnitKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKind
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"loai-{n}")
    name = factory.LazyAttribute(lambda o: o.code)
    is_place = True


class OrganisationKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationKind
        django_get_or_create = ("code",)

    code = "mttq"
    name = "Ủy ban Mặt trận Tổ quốc"
    short_name = "MTTQ"


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    code = factory.Sequence(lambda n: f"DV{n}")
    parent = None
    level = factory.LazyFunction(lambda: OrgLevelFactory(code="xa", name="Cấp xã", rank=3))
    kind = factory.LazyFunction(lambda: UnitKindFactory(code="phuong", name="Phường"))
    organisation_kind = None

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> OrgUnit:
        return org_unit_create(actor=SYSTEM, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.LazyAttribute(lambda o: o.username.title())
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "Mat-khau-dai-2026")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()


def grant(user: User, role: str, unit: OrgUnit) -> RoleAssignment:
    return RoleAssignment.objects.create(user=user, role=role, org_unit=unit)


def make_person(unit: OrgUnit, full_name: str, title: str | None = None) -> Any:
    person = person_create(actor=SYSTEM, org_unit=unit, full_name=full_name)
    if title:
        position_create(actor=SYSTEM, person=person, org_unit=unit, title=title)
    return person
