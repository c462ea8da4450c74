"""The ``hisolver`` command: a thin layer over the library.

Each subcommand lives in its own module under ``hisolver_core.cli`` and is
listed in ``COMMANDS`` as ``"module:attribute"``; modules are imported only
when the command line needs them, so ``hisolver --help`` stays fast and one
broken optional dependency never takes down the other commands. Library errors
(:class:`HiSolverError`) become one-line ``click`` errors, never tracebacks.
"""

from __future__ import annotations

import importlib
import logging

import click

from ..errors import HiSolverError

__all__ = ["main", "COMMANDS"]

# name -> "module:attribute" (module relative to this package)
COMMANDS: dict[str, str] = {
    "settings": "core_cmds:settings_cmd",
    "health": "core_cmds:health_cmd",
    "db": "core_cmds:db_group",
    "collect": "collect_cmd:collect_group",
    "extract": "collect_cmd:extract_cmd",
    "stats": "collect_cmd:stats_cmd",
    "render-check": "collect_cmd:render_check_cmd",
    "solve": "solve_cmd:solve_cmd",
    "eval": "eval_cmd:eval_cmd",
    "render": "render_cmd:render_cmd",
    "label": "label_cmd:label_group",
    "dataset": "dataset_cmd:dataset_group",
    "model": "model_cmd:model_group",
    "serve": "serve_cmd:serve_cmd",
    "deploy": "deploy_cmd:deploy_group",
    "jobs": "jobs_cmd:jobs_group",
    "train": "train_cmd:train_group",
    "pipeline": "pipeline_cmd:pipeline_group",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        return getattr(module, attr)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except HiSolverError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def main(verbose: bool) -> None:
    """HiSolver: a math tutor that explains with animation, and the pipeline that trains it.

    \b
    Example:
      hisolver health
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
