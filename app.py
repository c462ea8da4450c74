"""HiSolver's entry point: a router only. Pages live in ``pages/``."""

import streamlit as st

from pages import _shared as ui

st.set_page_config(page_title="HiSolver", page_icon=":material/functions:", layout="wide")
role = ui.sidebar_login(ui.get_settings())
ui.navigation(role).run()
