# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Loaded by Python at startup when tests/aws is on PYTHONPATH (./scripts/test-aws does that).

With KALEIDO_COGNITO_AWS_TESTS=1 it installs the test-only botocore hook of
cognito_test_hook.py (the run's tag on every user pool, hidden from the
modules; the Cognito call log); otherwise it does nothing.
"""

import cognito_test_hook  # pylint: disable=import-error

cognito_test_hook.install_from_environment()
