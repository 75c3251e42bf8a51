# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "eenplan.workspace"
    label = "workspace"
    verbose_name = "Workspace"
