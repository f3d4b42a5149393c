# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start, query and stop the Cognito emulator (cognito_emulator.py) from tests.

    with Emulator() as emu:
        client = emu.client()
        client.create_user_pool(PoolName="p")
        assert emu.write_calls() == ["CreateUserPool"]

``client(account="111122223333")`` returns a client whose requests moto files
under that AWS account: the emulator's STS AssumeRole hands out credentials for
a role ARN in that account, and moto maps those credentials to the account.
``credentials(account)`` returns such credentials (e.g. for AWS_* environment
variables of an Ansible run).  A full ``reset()`` forgets them; ask again.
"""

from __future__ import absolute_import, division, print_function

import importlib.util
import os
import sys

try:
    from . import local_server
except ImportError:  # loaded from its file (tests/unit/emulator/conftest.py) or run as a script: no package
    _SPEC = importlib.util.spec_from_file_location("local_server", os.path.join(os.path.dirname(os.path.abspath(__file__)), "local_server.py"))
    local_server = importlib.util.module_from_spec(_SPEC)
    _SPEC.loader.exec_module(local_server)

# pylint: disable=invalid-name
__metaclass__ = type

REGION = "us-east-1"
DUMMY_CREDENTIALS = {
    "aws_access_key_id": "AKIAEMULATOR00000000",
    "aws_secret_access_key": "emulator-secret-key",
    "aws_session_token": None,
}
EMULATOR_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cognito_emulator.py")
# The interpreter that runs the emulator (a separate server process): the
# tests' own by default; scripts/test-matrix points it at the main .venv when a
# cell's botocore is older than the emulator (moto) can serve.
PYTHON_VARIABLE = "COGNITO_EMULATOR_PYTHON"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 5.0
READ_PREFIXES = ("Describe", "List", "Get")


def credentials(endpoint_url, account=None):
    """boto3 credential arguments for the emulator at endpoint_url; for another account, STS AssumeRole credentials of a role there."""
    if account is None:
        return dict(DUMMY_CREDENTIALS)
    import boto3  # pylint: disable=import-outside-toplevel
    sts = boto3.client("sts", region_name=REGION, endpoint_url=endpoint_url, **DUMMY_CREDENTIALS)
    role = sts.assume_role(RoleArn="arn:aws:iam::%s:role/cognito-emulator" % account, RoleSessionName="emulator")
    creds = role["Credentials"]
    return {
        "aws_access_key_id": creds["AccessKeyId"],
        "aws_secret_access_key": creds["SecretAccessKey"],
        "aws_session_token": creds["SessionToken"],
    }


def client(endpoint_url, account=None, region=REGION):
    """A boto3 cognito-idp client for the emulator at endpoint_url (default account 123456789012 or ``account``)."""
    import boto3  # pylint: disable=import-outside-toplevel
    return boto3.client("cognito-idp", region_name=region, endpoint_url=endpoint_url, **credentials(endpoint_url, account))


def emulator_python():
    """The interpreter of the emulator process: $COGNITO_EMULATOR_PYTHON, else this one."""
    return os.environ.get(PYTHON_VARIABLE) or sys.executable


class EmulatorError(local_server.LocalServerError):
    """The emulator could not be started or did not answer."""


class Emulator(local_server.LocalServerProcess):
    """A Cognito emulator subprocess on 127.0.0.1 with a free port.

    raw_moto=True starts unpatched moto behind the same control endpoints.
    Lifecycle (start, stop, running, endpoint_url, log_text, context manager):
    local_server.LocalServerProcess.
    """

    name = "the emulator"
    error_class = EmulatorError
    health_path = "/_emulator/health"
    workdir_prefix = "cognito-emulator-"
    log_name = "emulator.log"
    stop_timeout = STOP_TIMEOUT

    def __init__(self, host="127.0.0.1", start_timeout=START_TIMEOUT, raw_moto=False):
        local_server.LocalServerProcess.__init__(self, host)
        self.raw_moto = raw_moto
        self.start_timeout = start_timeout

    def _command(self, port_file):
        return ([emulator_python(), EMULATOR_SCRIPT, "--host", self.host, "--port", "0", "--port-file", port_file, "--exit-with-parent"]
                + (["--raw-moto"] if self.raw_moto else []))

    def _environment(self):
        env = dict(os.environ)
        # MOTO_ACCOUNT_ID would pin every request to one account.
        env.pop("MOTO_ACCOUNT_ID", None)
        return env

    # ----------------------------------------------------------- requests
    def calls(self):
        """Names of the cognito-idp operations received since the last reset, in order."""
        return self._request("GET", "/_emulator/calls")["calls"]

    def write_calls(self):
        """calls() without the Describe*, List* and Get* operations."""
        return [name for name in self.calls() if not name.startswith(READ_PREFIXES)]

    def throttled_calls(self):
        """Names of the operations that the request_quotas knob refused since the last reset, in order."""
        return self._request("GET", "/_emulator/calls")["throttled"]

    def reset_calls(self):
        """Forget the recorded calls (and the request_quotas windows)."""
        self._request("POST", "/_emulator/calls/reset")

    def configure(self, **knobs):
        """Set emulator knobs (e.g. domain_creating_seconds=2); returns the whole configuration."""
        return self._request("POST", "/_emulator/config", knobs)["config"]

    def reset(self):
        """Reset all AWS state (moto's /moto-api/reset), the call log and the knobs."""
        self._request("POST", "/moto-api/reset")
        self._request("POST", "/_emulator/reset")

    # ------------------------------------------------------------ clients
    def credentials(self, account=None):
        """boto3 credential arguments; for another account, STS AssumeRole credentials of a role there."""
        return credentials(self.endpoint_url, account)

    def client(self, account=None, region=REGION):
        """A boto3 cognito-idp client for the emulator (default account 123456789012 or ``account``)."""
        return client(self.endpoint_url, account, region)
