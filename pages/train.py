"""Train page (not built yet): says what it will do."""

import streamlit as st

from hisolver_core.auth import Role
from pages import _shared as ui

ui.require(Role.ADMIN)
st.title("Train")
st.info("Will fine-tune an LLM with LoRA or QLoRA on a dataset version, locally or as a Vertex AI job, with live loss curves. Not built yet.")
