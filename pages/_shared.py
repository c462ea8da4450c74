"""Streamlit glue shared by the pages: settings, roles, navigation, error display.

Pages import this as ``from pages import _shared as ui``. Nothing here talks to
a database, a network or a subprocess; that is the core library's job.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import streamlit as st
from streamlit.errors import StreamlitAPIException

from hisolver_core.auth import (
    OPEN_MODE_NOTICE,
    TOKEN_COOKIE,
    LoginThrottle,
    Role,
    issue_token,
    read_token,
    role_is_locked,
    role_is_open,
    sign_in,
)
from hisolver_core.config import Settings, load_settings
from hisolver_core.errors import AccessDenied, HiSolverError

if TYPE_CHECKING:
    from hisolver_core.rendering import RenderService

__all__ = [
    "JOB_REFRESH_S",
    "PAGES_DIR",
    "client_id",
    "current_role",
    "get_background_pool",
    "get_renderer",
    "get_settings",
    "guarded",
    "job_panel",
    "last_job",
    "launch_job",
    "md_literal",
    "md_safe",
    "md_text",
    "navigation",
    "require",
    "run_or_stop",
    "sidebar_login",
]

PAGES_DIR = Path(__file__).resolve().parent
APP_FILE = PAGES_DIR.parent / "app.py"
ROLE_KEY = "hisolver_role"
ROUTED_KEY = "hisolver_routed"
COOKIE_CHECKED_KEY = "hisolver_cookie_checked"
COOKIE_KEY = "hisolver_cookie_to_set"  # (token, max-age) written to the browser on the next run
NOTICE_KEY = "hisolver_sign_in_notice"
REQUESTED_KEY = "hisolver_requested_page"

T = TypeVar("T")
log = logging.getLogger(__name__)
JOB_REFRESH_S = 1.0  # how often a live job panel re-reads its row

# (file, title, icon, minimum role, section)
_PAGES = [
    ("solve.py", "Solve", ":material/calculate:", Role.STUDENT, "Student"),
    ("animate.py", "Animate", ":material/movie:", Role.STUDENT, "Student"),
    ("label.py", "Label", ":material/edit_note:", Role.ANNOTATOR, "Annotator"),
    ("collect.py", "Collect", ":material/cloud_download:", Role.ADMIN, "Maintainer"),
    ("snippets.py", "Snippets", ":material/code:", Role.ADMIN, "Maintainer"),
    ("datasets.py", "Datasets", ":material/dataset:", Role.ADMIN, "Maintainer"),
    ("train.py", "Train", ":material/model_training:", Role.ADMIN, "Maintainer"),
    ("deploy.py", "Deploy", ":material/rocket_launch:", Role.ADMIN, "Maintainer"),
    ("jobs.py", "Jobs", ":material/work_history:", Role.ADMIN, "Maintainer"),
    ("pipelines.py", "Pipelines", ":material/account_tree:", Role.ADMIN, "Maintainer"),
    ("evaluate.py", "Evaluate", ":material/fact_check:", Role.ADMIN, "Maintainer"),
    ("settings.py", "Settings", ":material/settings:", Role.ADMIN, "Maintainer"),
]


def get_settings() -> Settings:
    """Settings for this run (environment, then .streamlit/secrets.toml, then defaults)."""
    try:
        settings = load_settings()
    except HiSolverError as exc:
        st.error(f"Configuration error: {exc}")
        st.stop()
        raise  # unreachable: st.stop() ends the run
    _clean_at_start_up(settings)
    return settings


@st.cache_resource(show_spinner=False, hash_funcs={Settings: lambda s: (str(s.data_dir), s.blob_backend)})
def _clean_at_start_up(settings: Settings) -> None:
    """Once per server process and data folder: what killed runs left behind (see collection.cleanup)."""
    from hisolver_core.collection.cleanup import clean_leftovers
    from hisolver_core.db import open_db

    try:
        db = open_db(settings)
        try:
            clean_leftovers(settings, db)
        finally:
            db.close()
    except (HiSolverError, OSError, sqlite3.Error) as exc:  # a start-up chore must never keep the app from starting
        logging.getLogger(__name__).warning("start-up cleanup skipped: %s", exc)


def current_role() -> Role:
    """The role this browser session has signed in as (student by default)."""
    return st.session_state.get(ROLE_KEY, Role.STUDENT)


def require(role: Role) -> Settings:
    """Stop the page unless the session holds ``role``; return settings.

    In local use with no password for ``role`` the page opens with a notice.
    A page opened by URL in a new session runs before the router (Streamlit
    then lists every file in ``pages/``), so it is sent to the router first,
    which opens it again once the role is known (see :func:`navigation`).
    """
    if not st.session_state.get(ROUTED_KEY):
        st.session_state[REQUESTED_KEY] = _running_page()
        st.switch_page(str(APP_FILE))
    settings = get_settings()
    if role_is_open(settings, role) and role is not Role.STUDENT:
        st.caption(OPEN_MODE_NOTICE)
    elif current_role() < role:
        if role_is_locked(settings, role):
            st.error(f"This page is locked: no {role.label.lower()} password is configured for production.")
        else:
            st.error(f"This page needs the {role.label.lower()} role: sign in from the sidebar.")
        st.stop()
    return settings


@st.cache_resource(show_spinner=False)
def _throttle() -> LoginThrottle:
    """One wrong-password throttle per server process, shared by every session (thread-safe)."""
    return LoginThrottle()


def _address() -> str:
    """The browser's address as the server sees it (for throttling and the log)."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - no request context (bare mode)
        address = None
    return address if isinstance(address, str) and address else "unknown"  # AppTest gives a mock


def _cookie_script(value: str, max_age: int) -> None:
    # The token is URL-safe base64 and dots: nothing in it can end the string or the tag.
    st.html(
        f"<script>document.cookie = '{TOKEN_COOKIE}={value}; path=/; max-age={max_age}; SameSite=Strict'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


def restore_sign_in(settings: Settings) -> None:
    """In a new browser session (a refresh, a typed URL), take the role back from the signed cookie."""
    if st.session_state.get(COOKIE_CHECKED_KEY):
        return
    st.session_state[COOKIE_CHECKED_KEY] = True
    try:
        token = st.context.cookies.get(TOKEN_COOKIE)
    except Exception:  # noqa: BLE001 - no request context (bare mode)
        token = None
    token = token if isinstance(token, str) else None
    if not token or ROLE_KEY in st.session_state:
        return
    try:
        st.session_state[ROLE_KEY] = read_token(settings, token)
    except AccessDenied as exc:
        st.session_state[NOTICE_KEY] = str(exc)
        st.session_state[COOKIE_KEY] = ("", 0)  # forget the stale cookie


def _sign_in_form(settings: Settings) -> None:
    staff = [r for r in Role if r > current_role()]
    with st.expander("Staff sign-in", icon=":material/badge:", expanded=bool(st.session_state.get(NOTICE_KEY))):
        with st.form("staff_sign_in", border=False):
            choice = st.selectbox("Role", staff, format_func=lambda r: r.label, key="role_choice")
            password = st.text_input("Password", type="password", key="role_password")
            submitted = st.form_submit_button("Sign in", key="role_sign_in")
        if not submitted:
            return
        try:
            role = sign_in(settings, _throttle(), choice, password, _address())
        except AccessDenied as exc:
            st.error(str(exc))
            return
        st.session_state[ROLE_KEY] = role
        st.session_state[COOKIE_KEY] = (issue_token(settings, role), int(settings.session_hours * 3600))
        st.session_state.pop(NOTICE_KEY, None)
        st.rerun()


def sidebar_login(settings: Settings) -> Role:
    """Staff sign-in in the sidebar (students see only its link); return the session's role."""
    restore_sign_in(settings)
    with st.sidebar:
        if COOKIE_KEY in st.session_state:
            _cookie_script(*st.session_state.pop(COOKIE_KEY))
        if st.session_state.get(NOTICE_KEY):
            st.info(st.session_state[NOTICE_KEY])
        if current_role() > Role.STUDENT:
            st.caption(f"Signed in as {current_role().label}.")
            if st.button("Sign out", key="role_sign_out", icon=":material/logout:"):
                st.session_state[ROLE_KEY] = Role.STUDENT
                st.session_state[COOKIE_KEY] = ("", 0)
                st.rerun()
        if current_role() < Role.ADMIN:
            _sign_in_form(settings)
        if not settings.is_production and not (settings.admin_password and settings.annotator_password):
            st.caption("Local mode: roles without a password are open on this machine (sign in with no password).")
    return current_role()


def _running_page() -> str:
    """The file name (without .py) of the page script that called :func:`require`, or ''."""
    import inspect

    frame = inspect.currentframe()
    while frame is not None:  # the first frame outside this module is the page's
        script = frame.f_globals.get("__file__") or ""
        if Path(script).resolve() != Path(__file__).resolve():
            return Path(script).stem if Path(script).resolve().parent == PAGES_DIR else ""
        frame = frame.f_back
    return ""


def _needs_sign_in(title: str, role: Role) -> Callable[[], None]:
    def signed_out() -> None:
        st.title(title)
        st.warning(
            st.session_state.get(NOTICE_KEY)
            or f"You are signed out: this page needs the {role.label.lower()} role. "
            'Sign in again from "Staff sign-in" in the sidebar.'
        )

    signed_out.__name__ = f"signed_out_{title.lower()}"
    return signed_out


def navigation(role: Role):
    """Return ``st.navigation`` with the pages ``role`` may see, grouped by section.

    A staff page opened by URL without the role (signed out, expired) is a
    hidden page that says so, instead of Streamlit's "Page not found".
    """
    st.session_state[ROUTED_KEY] = True
    sections: dict[str, list] = {}
    for file, title, icon, needed, section in _PAGES:
        if role >= needed:
            page = st.Page(str(PAGES_DIR / file), title=title, icon=icon, default=(file == "solve.py"))
            sections.setdefault(section, []).append(page)
        else:
            sections.setdefault(_PAGES[0][4], []).append(
                st.Page(
                    _needs_sign_in(title, needed), title=title, icon=icon, url_path=Path(file).stem, visibility="hidden"
                )
            )
    nav = st.navigation(sections)
    requested = st.session_state.pop(REQUESTED_KEY, "")
    if requested:  # the URL typed in this session's first run: open it now that the role is known
        target = next((p for pages in sections.values() for p in pages if p.url_path == requested), None)
        if target is not None and target.url_path != nav.url_path:
            st.switch_page(target)
    return nav


def run_or_stop(func: Callable[..., T], *args, **kwargs) -> T:
    """Call a core function; show a HiSolverError as a message and stop the page."""
    try:
        return func(*args, **kwargs)
    except HiSolverError as exc:
        st.error(str(exc))
        st.stop()
        raise  # unreachable


def _render_fields(settings: Settings) -> tuple:
    # Only what the render service depends on: other settings changing must not start a new one.
    return (
        str(settings.data_dir),
        settings.blob_backend,
        settings.gcs_bucket,
        settings.gcs_prefix,
        settings.render_workers,
        settings.render_timeout_s,
        settings.render_memory_mb,
        settings.allow_unisolated_render,
    )


@st.cache_resource(show_spinner=False, max_entries=2, hash_funcs={Settings: _render_fields})
def get_renderer(settings: Settings) -> RenderService:
    """One sandboxed render service per configuration, shared by every session (thread-safe)."""
    from hisolver_core.rendering import Renderer

    return Renderer(settings)


@st.cache_resource(show_spinner=False)
def get_background_pool():
    """Threads that run core work (renders) while a page goes on; they never call Streamlit."""
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=16, thread_name_prefix="hisolver-bg")


_MD_LITERAL = re.compile(r"([\\`*_\[\]<>!#|~$])")
_MD_OUTSIDE_MATH = re.compile(r"([\\`*_\[\]<>!#|~])")
# Streamlit turns bare URLs, www. names and e-mail addresses into links even when escaped: an
# invisible word joiner (U+2060) inside each keeps them text
_AUTOLINK = re.compile(r"(?<=[a-z0-9])(?=(?::/|@|\.[a-z]{2,}\b))", re.IGNORECASE)
_MD_LINKS = re.compile(r"([\[\]<>!])")


def md_literal(text: object) -> str:
    """``text`` escaped so Markdown shows it as typed (for errors, names, annotators' summaries)."""
    return _MD_LITERAL.sub(r"\\\1", str(text))


def md_safe(text: object) -> str:
    """``text`` with $...$ math kept but no links, images or HTML outside it (for model-written prose)."""
    parts = str(text).split("$")
    return "$".join(part if i % 2 else _MD_LINKS.sub(r"\\\1", part) for i, part in enumerate(parts))


def md_text(text: object) -> str:
    """A person's own text for Markdown: math between $...$ typeset, everything else shown as typed.

    ``[link](...)`` stays text and ``![img](...)`` fetches nothing; with an
    unmatched ``$`` the whole text is shown literally.
    """
    parts = str(text).split("$")
    if len(parts) % 2 == 0:
        return md_literal(text)
    return "$".join(
        part if i % 2 else _AUTOLINK.sub("\u2060", _MD_OUTSIDE_MATH.sub(r"\\\1", part)) for i, part in enumerate(parts)
    )


def client_id() -> str:
    """A random id for this browser session: the render queue takes turns between these."""
    import uuid

    return st.session_state.setdefault("hisolver_client", uuid.uuid4().hex)


_STATUS_BOX = {"succeeded": st.success, "failed": st.error, "cancelled": st.warning}


def _jobs_link(job_id: int) -> None:
    try:
        st.page_link(
            str(PAGES_DIR / "jobs.py"),
            label=f"Job #{job_id} on the Jobs page",
            icon=":material/work_history:",
            query_params={"job": str(job_id)},
        )
    except StreamlitAPIException:  # the page runs outside the app's navigation (a test, a direct script)
        st.caption(f"Job #{job_id}: see the Jobs page.")


def _draw_job(row: dict) -> None:
    label = f"Job #{row['id']} · {row['kind']} · {row['status']}"
    message = md_literal(row["message"] or "")
    if row["status"] in ("queued", "running"):
        st.progress(float(row["progress"] or 0.0), text=f"{label} — {message}" if message else label)
    else:
        _STATUS_BOX.get(row["status"], st.info)(f"{label}: {message}" if message else label)
    _jobs_link(int(row["id"]))


def _live_job(settings: Settings, job_id: int) -> None:
    from hisolver_core.jobs import find_job, poll_jobs

    poll_jobs(settings)  # also starts queued jobs and reaps dead ones: the queue moves while a page watches
    row = find_job(settings, job_id)
    _draw_job(row)
    if row["status"] not in ("queued", "running"):
        st.rerun()  # the whole page: it may show the job's results, and the timer stops


def job_panel(settings: Settings, job_id: int, key: str) -> dict | None:
    """Show job ``job_id``: a live progress bar and message while it runs, then its outcome and a Jobs-page link.

    The live part is an ``st.fragment(run_every=JOB_REFRESH_S)`` that stops once
    the job has finished. ``key`` names this panel (one per place on a page).
    Returns the job's row as first read (None, with a message, when there is no such job).
    """
    from hisolver_core.jobs import find_job

    with st.container(key=f"job_panel_{key}"):
        try:
            row = find_job(settings, job_id)
        except HiSolverError as exc:
            st.warning(str(exc))
            return None
        if row["status"] in ("queued", "running"):
            st.fragment(_live_job, run_every=JOB_REFRESH_S)(settings, job_id)
        else:
            _draw_job(row)
    return row


def _job_key(key: str) -> str:
    return f"hisolver_job_{key}"


def launch_job(settings: Settings, spec, key: str, runner: str | None = None) -> int | None:
    """Submit ``spec`` (a ``JobSpec``) and remember its id under ``key`` for :func:`job_panel`.

    ``runner`` defaults to ``HISOLVER_JOB_RUNNER``; pass ``"local"`` for work that
    reads files on this machine. Returns the job's id, or None after showing why
    it could not be submitted.
    """
    from hisolver_core.jobs import submit_job

    try:
        job_id = submit_job(settings, spec, runner=runner)
    except HiSolverError as exc:
        st.error(str(exc))
        return None
    st.session_state[_job_key(key)] = job_id
    return job_id


def last_job(key: str) -> int | None:
    """The id of the job this session last launched under ``key`` (None if none)."""
    return st.session_state.get(_job_key(key))


def guarded(func: Callable[..., T], *args, **kwargs) -> T | None:
    """Run one page section; an error in it is shown there and the rest of the page still runs.

    A :class:`HiSolverError` shows its message; anything else shows a short
    notice (the traceback goes to the log). Streamlit's stop and rerun pass through.
    """
    try:
        return func(*args, **kwargs)
    except HiSolverError as exc:
        st.error(str(exc))
    except Exception as exc:
        log.exception("page section %s failed", getattr(func, "__name__", func))
        st.error(f"This section failed ({type(exc).__name__}: {md_literal(exc)}); the rest of the page still works.")
    return None
