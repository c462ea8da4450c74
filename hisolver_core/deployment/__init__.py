"""Deployment of registered models: locally (the ``local`` backend) or to a Vertex AI endpoint.

- :mod:`.records` - the ``deployments`` table (status, traffic, smoke test);
- :mod:`.local` - :func:`deploy_local`, :func:`rollback_local`, and :func:`deployed_settings`,
  which the backend registry uses so a deploy takes effect without restarting the app;
- :mod:`.vertex` - :func:`deploy_vertex`, :func:`undeploy_vertex`, :func:`rollback_vertex`;
- :mod:`.smoke` - the one-prediction smoke test run after every deploy;
- :mod:`.service` - the same, taking settings (for the Deploy page).

The Vertex module imports ``google-cloud-aiplatform`` only when called.
"""

from .local import deploy_local, deployed_settings, model_to_deploy, rollback_local
from .records import (
    DeployError,
    DeploymentNotFound,
    active_deployments,
    get_deployment,
    list_deployments,
)
from .service import deploy_model, deploy_overview, rollback, set_stage, submit_deploy, undeploy
from .smoke import SMOKE_PROMPT, smoke_test
from .vertex import VertexOptions, deploy_vertex, rollback_vertex, undeploy_vertex, vllm_args

__all__ = [
    "DeployError",
    "DeploymentNotFound",
    "active_deployments",
    "get_deployment",
    "list_deployments",
    "deploy_local",
    "deployed_settings",
    "model_to_deploy",
    "rollback_local",
    "VertexOptions",
    "deploy_vertex",
    "rollback_vertex",
    "undeploy_vertex",
    "vllm_args",
    "SMOKE_PROMPT",
    "smoke_test",
    "deploy_model",
    "deploy_overview",
    "rollback",
    "set_stage",
    "submit_deploy",
    "undeploy",
]
