# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin of kaleido.cognito.cognito_identity_provider: keeps the provider secrets out of a loop's output.

The module never returns ``details.client_secret`` or ``details.private_key``
(no_log options), but ansible-core adds the loop item (and with
``loop_control.extended`` every item) to a looped task's result; a result whose
loop data holds a secret is hidden from display (see
plugins/plugin_utils/secret_results.py), while the registered variable keeps
the whole result.
"""

from __future__ import annotations

from ansible_collections.kaleido.cognito.plugins.plugin_utils.secret_results import SecretHidingAction


class ActionModule(SecretHidingAction):
    # The module's own result holds no secret: async_status may show it.
    _supports_async = True
