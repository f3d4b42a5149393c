# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin of kaleido.cognito.cognito_app_client: keeps the client secret out of the output.

The module returns the app client's secret in ``app_client.client_secret`` so
that later tasks can use it from the registered variable.  A module cannot mark
its own result as no_log (ansible-core removes ``_ansible_*`` keys from module
output), so this plugin runs the module and sets ``_ansible_no_log`` on every
result that carries a secret.  ansible-core then hands callbacks (screen at
any verbosity, JSON, AWX job events) only the censored result, while the
registered variable keeps the whole result, as for a task with no_log: true.

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
    """True when the module result holds a client secret."""
    app_client = result.get("app_client")
    return isinstance(app_client, dict) and bool(app_client.get("client_secret"))


class ActionModule(ActionBase):
    _supports_check_mode = True
    # async_status would print the module's result, secret included.
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp  # tmp no longer has any effect
        result = merge_hash(result, self._execute_module(module_args=dict(self._task.args), task_vars=task_vars))
        if carries_secret(result):
            result["_ansible_no_log"] = True
            display.v("cognito_app_client: the result carries the app client secret and is hidden from display; the registered variable holds it")
        self._remove_tmp_path(self._connection._shell.tmpdir)
        return result
