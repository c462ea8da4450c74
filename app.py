"""HiSolver's entry point: a router only. Pages live in ``pages/``."""

import streamlit as st

from pages import _shared as ui

# the icon ships with the app: a Material icon as favicon is fetched from the internet, which fails offline
st.set_page_config(page_title="HiSolver", page_icon=str(ui.PAGES_DIR / "assets" / "favicon.png"), layout="wide")
role = ui.sidebar_login(ui.get_settings())
ui.navigation(role).run()
