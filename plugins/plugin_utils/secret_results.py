# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Hide module results that carry an app client secret from display (internal use only).

cognito_app_client returns the secret in ``app_client.client_secret``, and
cognito_app_client_info (with include_secret) in ``client_secret`` of items of
``app_clients``, so that later tasks can use it from the registered variable.
A module cannot mark its own result as no_log (ansible-core removes
``_ansible_*`` keys from module output), so the action plugin of each module
(SecretHidingAction) runs the module and sets ``_ansible_no_log`` on every
result that carries a secret.  ansible-core then hands callbacks (screen at any
verbosity, JSON, AWX job events) only the censored result, while the registered
variable keeps the whole result, as for a task with no_log: true.

ANSIBLE_DEBUG is not covered: ansible-core documents that its debug output
can show secrets despite no_log and that it is not for production use; with it
on, the module's raw output (the secret included) is in the debug log.
"""

from __future__ import annotations

from ansible.plugins.action import ActionBase
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

display = Display()


def carries_secret(result):
    """True when the module result holds a client secret: in ``app_client``, or in any item of ``app_clients``."""
    items = [result.get("app_client")]
    app_clients = result.get("app_clients")
    if isinstance(app_clients, list):
        items.extend(app_clients)
    return any(isinstance(item, dict) and bool(item.get("client_secret")) for item in items)


class SecretHidingAction(ActionBase):
    """Runs the task's module and marks its result no_log for display when it carries a client secret."""

    _supports_check_mode = True
    # async_status would print the module's result, secret included.
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super(SecretHidingAction, self).run(tmp, task_vars)
        del tmp  # tmp no longer has any effect
        result = merge_hash(result, self._execute_module(module_args=dict(self._task.args), task_vars=task_vars))
        if carries_secret(result):
            result["_ansible_no_log"] = True
            display.v("{0}: the result carries an app client secret and is hidden from display; the registered variable holds it".format(
                self._task.action))
        self._remove_tmp_path(self._connection._shell.tmpdir)
        return result
