"""A lightweight stand-in of a pipeline's step order for kfp's local runner.

No ``from __future__ import annotations`` here: kfp reads the annotations as
types and re-emits the component's source for the subprocess it runs in.
"""

from kfp import dsl


@dsl.component(base_image="python:3.11", install_kfp_package=False)
def stand_in(name: str, previous: str) -> str:
    """Append this step's name to the trail of the steps before it."""
    return previous + "," + name if previous else name


def stand_in_pipeline(steps):
    """A pipeline with one stand-in task per step, each fed the output of the one before."""

    @dsl.pipeline
    def order(first: str = "") -> str:
        trail = first
        for step in steps:
            trail = stand_in(name=step.name, previous=trail).output
        return trail

    return order
