# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The app client secret never reaches the output, at -vvv --diff, yet registered variables hold it.

The playbook (playbooks/app_client_secret.yml) has no no_log on its module
tasks: the module's action plugin must hide every result that carries the
secret. The secret is read from the emulator, independently of the module.
"""

import json
import os
import uuid

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOK = os.path.join(HERE, "playbooks", "app_client_secret.yml")


@pytest.mark.integration
def test_client_secret_is_absent_from_vvv_diff_output_and_present_in_registered_results(emulator, run_playbook, tmp_path):
    cognito = emulator.client()
    pool_id = cognito.create_user_pool(PoolName="secret-" + uuid.uuid4().hex[:8])["UserPool"]["Id"]
    secret_file = tmp_path / "registered.json"

    result = run_playbook(
        PLAYBOOK,
        extra_vars={"pool_id": pool_id, "client_name": "secret-test", "secret_file": str(secret_file)},
        args=["-vvv", "--diff"],
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-20000:]

    registered = json.loads(secret_file.read_text())
    secret = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=registered["client_id"])["UserPoolClient"]["ClientSecret"]

    # The registered variables hold the secret of every real run, loop items included.
    assert len(secret) >= 24
    assert registered["secrets"] == [secret] * 5
    assert registered["preview_has_secret"] is False
    assert registered["update_diff_after"] == ["https://secret-test.example.com/updated"]

    # The output shows none of it, nor any fragment that would give it away.
    assert secret not in output
    assert secret[:12] not in output and secret[-12:] not in output

    # The output is verbose, and what carries no secret is still displayed:
    # the censored runs, the check-mode diffs and the registered client id.
    assert "censored" in output
    assert registered["client_id"] in output
    assert "https://secret-test.example.com/created" in output
    assert "+++ after" in output and "previewed-logout" in output
