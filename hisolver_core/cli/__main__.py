"""``python -m hisolver_core.cli`` is the ``hisolver`` command."""

from . import main

main(prog_name="hisolver")
