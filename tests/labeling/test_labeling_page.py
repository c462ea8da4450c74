"""The Label page through AppTest: label, skip, flag, a model suggestion, review and agreement."""

from __future__ import annotations

import json
import threading
from datetime import UTC
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from hisolver_core import labeling
from hisolver_core.auth import Role
from tests.pagetest import open_page

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "label.py")


def as_annotator(at: AppTest, name: str = "ada") -> AppTest:
    at.text_input(key="label_annotator").input(name).run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_annotator_labels_skips_and_flags_with_the_keyboard_form(env, db, blobs, make_snippets):
    env.setenv("HISOLVER_ADMIN_PASSWORD", "pw")  # so an annotator is not a maintainer here
    a, b, c = make_snippets(3, video_key="renders/a.mp4")
    blobs.put("renders/a.mp4", b"\x00\x00\x00\x18ftypmp42")
    at = as_annotator(open_page("label", Role.ANNOTATOR))
    assert len(at.tabs) == 0  # no review tabs for annotators
    assert metrics(at) == {"Labeled today": "0", "Labeled in all": "0", "Remaining for you": "3"}
    assert len(at.get("video")) == 1
    at.text_area(key=f"label_summary_{a}").input("Draw a circle of radius one")
    at.button(key="label_submit").click().run()
    assert [(r["snippet_id"], r["annotator"], r["source"]) for r in db["labels"].rows] == [(a, "ada", "human")]
    assert any("Saved label" in s.value for s in at.success)
    assert metrics(at)["Labeled today"] == "1" and metrics(at)["Remaining for you"] == "2"

    at.text_input(key=f"label_skip_reason_{b}").input("too abstract")
    at.button(key="label_skip").click().run()
    at.text_input(key=f"label_skip_reason_{c}").input("does not run")
    at.button(key="label_flag").click().run()
    kinds = {r["snippet_id"]: (r["kind"], r["reason"]) for r in db["label_skips"].rows}
    assert kinds == {b: ("skip", "too abstract"), c: ("flag", "does not run")}
    assert any("Nothing left" in s.value for s in at.success)


def test_empty_summary_is_an_error_not_a_crash(env, db, make_snippets):
    env.setenv("HISOLVER_ADMIN_PASSWORD", "pw")
    (a,) = make_snippets(1)
    at = as_annotator(open_page("label", Role.ANNOTATOR))
    at.button(key="label_submit").click().run()
    assert any("summary is empty" in e.value for e in at.error)
    assert db["labels"].count == 0


def test_student_is_refused_when_an_annotator_password_is_set(env):
    env.setenv("HISOLVER_ANNOTATOR_PASSWORD", "pw")
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["hisolver_routed"] = True
    at.run()
    assert any("needs the annotator role" in e.value for e in at.error)


class _StubOpenAI(BaseHTTPRequestHandler):
    wbufsize = -1
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps(
            {
                "id": "c1",
                "object": "chat.completion",
                "created": 0,
                "model": "stub",
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": "Draw a circle that grows."},
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def openai_stub(env):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _StubOpenAI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    env.setenv("HISOLVER_BACKENDS", "openai,builtin")
    env.setenv("HISOLVER_OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_address[1]}/v1")
    env.setenv("HISOLVER_OPENAI_MODEL", "stub")
    env.setenv("HISOLVER_OPENAI_API_KEY", "sk-test")
    env.setenv("HISOLVER_OPENAI_TIMEOUT_S", "5")
    yield server
    server.shutdown()
    server.server_close()


def test_model_suggestion_is_marked_prefilled_and_recorded(openai_stub, env, db, make_snippets):
    env.setenv("HISOLVER_ADMIN_PASSWORD", "pw")
    (a,) = make_snippets(1)
    at = as_annotator(open_page("label", Role.ANNOTATOR))
    assert any("Suggested draft" in i.value and "Draw a circle that grows." in i.value for i in at.info)
    box = at.text_area(key=f"label_summary_{a}")
    assert box.value == "Draw a circle that grows."
    box.input("Draw a small circle that grows slowly")
    at.button(key="label_submit").click().run()
    (row,) = db["labels"].rows
    assert (row["source"], row["suggested_from"]) == ("llm-suggested", "Draw a circle that grows.")
    assert row["summary"] == "Draw a small circle that grows slowly"


def test_maintainer_reviews_and_sees_agreement(env, db, make_snippets):
    (a,) = make_snippets(1)
    labeling.set_labels_per_snippet(db, 2)
    first = labeling.save_label(db, "ada", a, "draw a circle")
    labeling.save_label(db, "bob", a, "draw a big circle")
    at = open_page("label", Role.ADMIN)
    assert [t.label for t in at.tabs] == ["Label", "Review", "Agreement", "Label Studio"]
    assert "similarity" not in " ".join(m.value for m in at.markdown)  # closed tabs compute nothing
    at = open_tab(at, "Review")
    at.button(key=f"review_approve_{first}").click().run()
    assert db["labels"].get(first)["status"] == "approved"
    assert db["labels"].get(first)["reviewer"] == "maintainer"
    assert at.dataframe[0].value["annotator"].tolist() == ["ada", "bob"]
    at = open_tab(at, "Agreement")
    assert "similarity **0.75**" in " ".join(m.value for m in at.markdown)
    at = open_tab(at, "Label Studio")
    assert not at.get("download_button")  # the export is built on request
    at.button(key="ls_prepare").click().run()
    assert at.get("download_button")


def test_label_studio_import_and_export_on_the_page(env, db, make_snippets):
    (a,) = make_snippets(1)
    code = db["snippets"].get(a)["code"]
    export = [
        {
            "id": 1,
            "data": {"code": code},
            "annotations": [
                {
                    "completed_by": {"id": 2, "email": "eve@x.org"},
                    "result": [
                        {
                            "type": "textarea",
                            "from_name": "summary",
                            "to_name": "code",
                            "value": {"text": ["Grow a circle"]},
                        }
                    ],
                }
            ],
        }
    ]
    at = open_tab(open_page("label", Role.ADMIN), "Label Studio")
    at.file_uploader(key="ls_upload").set_value(("ls.json", json.dumps(export).encode(), "application/json")).run()
    at.checkbox(key="ls_approve").check()
    at.button(key="ls_import").click().run()
    assert not at.exception, at.exception
    assert any("1 matched" in s.value and "1 labels saved" in s.value for s in at.success)
    (row,) = db["labels"].rows
    assert (row["annotator"], row["summary"], row["status"]) == ("eve@x.org", "Grow a circle", "approved")
    at.button(key="ls_prepare").click().run()
    assert "Download 1 tasks" in at.get("download_button")[0].proto.label


def test_broken_upload_shows_an_error(env, db):
    at = open_tab(open_page("label", Role.ADMIN), "Label Studio")
    at.file_uploader(key="ls_upload").set_value(("ls.json", b"{broken", "application/json")).run()
    at.button(key="ls_import").click().run()
    assert any("not Label Studio JSON" in e.value for e in at.error)
    at.button(key="ls_prepare").click().run()  # the error belongs to Import: Export still works
    assert at.get("download_button")


def open_tab(at, label: str):
    """Switch the Label page's tabs to ``label`` (what a click on the tab does) and rerun."""
    at.session_state["label_tabs"] = label
    at.run()
    assert not at.exception, at.exception
    return at


def test_undo_takes_back_the_last_submission_and_shows_it_again(env, db, make_snippets):
    a, b = make_snippets(2)
    at = as_annotator(open_page("label", Role.ANNOTATOR))
    assert any(e.label == "Guidelines and shortcuts" for e in at.expander)
    at.text_area(key=f"label_summary_{a}").input("Grow a circle")
    at.button(key="label_submit").click().run()
    assert db["labels"].count == 1 and at.text_area(key=f"label_summary_{b}")  # the next one is up
    assert "Grow a circle" in " ".join(m.value for m in at.markdown)  # in the annotator's own history
    at.button(key="label_undo").click().run()
    assert not at.exception, at.exception
    assert db["labels"].count == 0
    assert at.text_area(key=f"label_summary_{a}").value == "Grow a circle"  # back, ready to correct
    assert any("Took back label" in s.value for s in at.success)


def test_undo_refuses_after_review_or_the_window(db, make_snippets):
    from datetime import datetime, timedelta

    from hisolver_core.labeling import UNDO_SECONDS, LabelingError, undo_label

    (a,) = make_snippets(1)
    label = labeling.save_label(db, "ada", a, "Grow a circle")
    with pytest.raises(LabelingError, match="not one of yours"):
        undo_label(db, "bob", label)
    later = datetime.now(UTC) + timedelta(seconds=UNDO_SECONDS + 5)
    with pytest.raises(LabelingError, match="older than"):
        undo_label(db, "ada", label, now=later)
    labeling.review_label(db, label, "approve", "grace")
    with pytest.raises(LabelingError, match="already approved"):
        undo_label(db, "ada", label)
    assert db["labels"].count == 1
