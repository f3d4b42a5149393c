# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin of kaleido.cognito.cognito_app_client_info: keeps client secrets out of the output.

With include_secret, the module returns each client's secret in
``app_clients[].client_secret``; every result that carries one is marked
no_log for display (see plugins/plugin_utils/secret_results.py), while the
registered variable keeps the whole result.
"""

from __future__ import annotations

from ansible_collections.kaleido.cognito.plugins.plugin_utils.secret_results import SecretHidingAction


class ActionModule(SecretHidingAction):
    pass
