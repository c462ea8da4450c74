"""Deploy page (not built yet): says what it will do."""

import streamlit as st

from hisolver_core.auth import Role
from pages import _shared as ui

ui.require(Role.ADMIN)
st.title("Deploy")
st.info("Will upload a trained adapter as a Vertex AI Model and deploy it to an Endpoint, or serve it locally. Not built yet.")
