"""Role gating rules."""

from __future__ import annotations

import pytest

from hisolver_core.auth import Role, check_password, role_is_locked, role_is_open
from hisolver_core.config import Settings

DEV_OPEN = Settings()
DEV_PW = Settings(admin_password="adm", annotator_password="ann")
PROD_NONE = Settings(env="production")
PROD_PW = Settings(env="production", admin_password="adm", annotator_password="ann")


@pytest.mark.parametrize("settings", [DEV_OPEN, DEV_PW, PROD_NONE, PROD_PW])
def test_students_are_always_in(settings):
    assert role_is_open(settings, Role.STUDENT)
    assert check_password(settings, Role.STUDENT, "")


def test_local_use_without_passwords_is_open():
    assert role_is_open(DEV_OPEN, Role.ADMIN) and role_is_open(DEV_OPEN, Role.ANNOTATOR)
    assert check_password(DEV_OPEN, Role.ADMIN, "")


def test_production_without_password_is_locked():
    assert role_is_locked(PROD_NONE, Role.ADMIN)
    assert not check_password(PROD_NONE, Role.ADMIN, "")
    assert not check_password(PROD_NONE, Role.ANNOTATOR, "anything")


@pytest.mark.parametrize("settings", [DEV_PW, PROD_PW])
def test_passwords_are_checked(settings):
    assert not role_is_open(settings, Role.ADMIN)
    assert check_password(settings, Role.ADMIN, "adm")
    assert not check_password(settings, Role.ADMIN, "ann")
    assert not check_password(settings, Role.ADMIN, "")
    assert check_password(settings, Role.ANNOTATOR, "ann")
    assert check_password(settings, Role.ANNOTATOR, "adm")  # a maintainer may label too


def test_roles_are_ordered():
    assert Role.STUDENT < Role.ANNOTATOR < Role.ADMIN
