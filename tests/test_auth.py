"""Role gating rules."""

from __future__ import annotations

import pytest

from hisolver_core.auth import (
    LoginThrottle,
    Role,
    check_password,
    issue_token,
    read_token,
    role_is_locked,
    role_is_open,
    sign_in,
)
from hisolver_core.config import Settings
from hisolver_core.errors import AccessDenied

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


# -- staff sign-in that holds: signed expiring tokens and throttled wrong passwords


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def prod(tmp_path):
    return Settings(env="production", admin_password="adm", annotator_password="ann", data_dir=tmp_path)


def test_a_token_grants_its_role_until_it_expires(prod):
    token = issue_token(prod, Role.ADMIN, now=0)
    assert "adm" not in token and read_token(prod, token, now=3600) is Role.ADMIN
    with pytest.raises(AccessDenied, match="expired"):
        read_token(prod, token, now=prod.session_hours * 3600 + 1)


def test_a_forged_or_tampered_token_is_refused(prod):
    token = issue_token(prod, Role.ANNOTATOR)
    parts = token.split(".")
    parts[1] = str(int(Role.ADMIN))  # promote myself
    for bad in (".".join(parts), token[:-2] + "xx", "", "v1.2", "nonsense.a.b.c.d"):
        with pytest.raises(AccessDenied, match="sign in again"):
            read_token(prod, bad)


def test_a_changed_password_ends_old_sessions(prod):
    token = issue_token(prod, Role.ADMIN)
    changed = Settings(**{**prod.__dict__, "admin_password": "new"})
    with pytest.raises(AccessDenied, match="signed out"):
        read_token(changed, token)


def test_the_signing_key_persists_in_the_data_folder(prod):
    token = issue_token(prod, Role.ADMIN)
    assert (prod.data_dir / "session.key").stat().st_mode & 0o077 == 0
    assert read_token(Settings(**prod.__dict__), token) is Role.ADMIN
    other = Settings(**{**prod.__dict__, "session_secret": "another key"})
    with pytest.raises(AccessDenied):
        read_token(other, token)


def test_wrong_passwords_back_off_per_role_and_address(prod, caplog):
    clock = Clock()
    throttle = LoginThrottle(free=3, base_s=1.0, cap_s=300.0, clock=clock)
    for _ in range(3):
        with pytest.raises(AccessDenied, match="Wrong password"):
            sign_in(prod, throttle, Role.ADMIN, "guess", "10.0.0.1")
    with pytest.raises(AccessDenied, match="Wrong password"):  # the 4th locks for 1 s
        sign_in(prod, throttle, Role.ADMIN, "guess", "10.0.0.1")
    with pytest.raises(AccessDenied, match="try again in 1 s"):  # even the right password waits
        sign_in(prod, throttle, Role.ADMIN, "adm", "10.0.0.1")
    assert sign_in(prod, throttle, Role.ADMIN, "adm", "10.0.0.2") is Role.ADMIN  # another address is not held up
    assert sign_in(prod, throttle, Role.ANNOTATOR, "ann", "10.0.0.1") is Role.ANNOTATOR  # nor another role
    waits = []
    for _ in range(12):  # 15 wrong tries in a row: each waits twice as long as the last
        clock.now += throttle.wait_s(Role.ADMIN, "10.0.0.1")
        with pytest.raises(AccessDenied, match="Wrong password"):
            sign_in(prod, throttle, Role.ADMIN, "guess", "10.0.0.1")
        waits.append(throttle.wait_s(Role.ADMIN, "10.0.0.1"))
    assert waits[:4] == [2.0, 4.0, 8.0, 16.0] and waits[-1] == 300.0
    clock.now += 300
    assert sign_in(prod, throttle, Role.ADMIN, "adm", "10.0.0.1") is Role.ADMIN
    assert throttle.wait_s(Role.ADMIN, "10.0.0.1") == 0
    assert "guess" not in caplog.text and "adm " not in caplog.text and "adm\n" not in caplog.text
    assert "10.0.0.1" in caplog.text
