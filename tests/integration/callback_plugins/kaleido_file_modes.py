# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test-only callback: records, as each task starts, the mode and size of one
# file, so that a test can tell what state a file was in before a task wrote
# to it (e.g. the handoff file before the client secret goes in).

DOCUMENTATION = r"""
name: kaleido_file_modes
type: aggregate
short_description: Test helper that records a file's mode and size as each task starts
description:
  - With E(KALEIDO_TEST_WATCHED_FILE) naming a file and E(KALEIDO_TEST_WATCH_LOG) a log file, appends one JSON line per
    task start to the log - the task's action and name, and the watched file's mode (null when it does not exist) and
    size.
  - Does nothing without those variables.
"""

import json
import os
import stat

from ansible.plugins.callback import CallbackBase

WATCHED_FILE_VARIABLE = "KALEIDO_TEST_WATCHED_FILE"
WATCH_LOG_VARIABLE = "KALEIDO_TEST_WATCH_LOG"


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "kaleido_file_modes"
    CALLBACK_NEEDS_ENABLED = False

    def v2_playbook_on_task_start(self, task, is_conditional):
        watched, log = os.environ.get(WATCHED_FILE_VARIABLE), os.environ.get(WATCH_LOG_VARIABLE)
        if not (watched and log):
            return
        try:
            status = os.stat(watched)
            mode, size = stat.S_IMODE(status.st_mode), status.st_size
        except FileNotFoundError:
            mode, size = None, None
        with open(log, "a") as handle:
            handle.write(json.dumps({"action": task.action, "name": task.get_name(), "mode": mode, "size": size}) + "\n")
