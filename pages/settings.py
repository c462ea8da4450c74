"""Settings page: the effective configuration (secrets masked) and a health check."""

import re

import streamlit as st

from hisolver_core.auth import Role
from hisolver_core.config import describe_settings
from hisolver_core.health import run_checks
from pages import _shared as ui


def show_configuration(settings) -> None:
    st.subheader("Configuration")
    st.caption(
        "From HISOLVER_* environment variables, then .streamlit/secrets.toml, then defaults; the source "
        "column says which one each value came from. Secrets are never shown."
    )
    st.table(describe_settings(settings))


def plain(text: str) -> str:
    """``text`` with Markdown's special characters escaped (a path like manim/__init__.py stays as typed)."""
    return re.sub(r"([\\`*_~\[\]<>$|#])", r"\\\1", text)


def show_health(settings) -> None:
    st.subheader("Health")
    for check in run_checks(settings):
        if check.ok:
            st.success(f"**{check.name}**: {plain(check.detail)}", icon=":material/check_circle:")
        else:
            st.error(f"**{check.name}**: {plain(check.detail)}. Fix: {check.fix}", icon=":material/error:")


settings = ui.require(Role.ADMIN)
st.title("Settings")
show_health(settings)
show_configuration(settings)
