# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Several Kaleido orgs in one run of the playbook: one inventory host per org, as an AWX job prepares them.

Each host writes its own handoff file; a handoff file that several hosts would
share is refused before any AWS call. The run publishes kaleido_prep_orgs
(set_stats, aggregated over the hosts) without the client secrets. The orgs
are prepared side by side under Cognito's request rates (the emulator's
request_quotas knob): the modules' retries absorb throttled calls.
./scripts/benchmark --orgs 10 measures ten orgs side by side and one after
another.
"""

import json

import pytest
import yaml

from tests.integration.test_kaleido_prep import PLAYBOOK

pytestmark = pytest.mark.integration

ORGS = ("acme", "globex", "initech")


def inventory(tmp_path):
    path = tmp_path / "orgs.yml"
    path.write_text(yaml.safe_dump({"orgs": {"hosts": {
        org: {"kaleido_prep_pool_name": org + "-kaleido-users", "kaleido_prep_domain_prefix": org + "-kaleido-org",
              "kaleido_prep_region": "us-east-1"} for org in ORGS}}}))
    return str(path)


def run(emulator, run_playbook, tmp_path, handoff_file):
    emulator.reset_calls()
    result = run_playbook(PLAYBOOK, extra_vars={"kaleido_prep_hosts": "orgs", "kaleido_prep_handoff_file": handoff_file},
                          args=["-i", inventory(tmp_path)], env={"ANSIBLE_STDOUT_CALLBACK": "ansible.posix.json", "ANSIBLE_SHOW_CUSTOM_STATS": "1"})
    result.writes = emulator.write_calls()
    result.calls = emulator.calls()
    return result


def test_three_orgs_side_by_side_each_with_its_handoff_file_a_rerun_changes_nothing_and_the_workflow_gets_the_ids(
        emulator, run_playbook, tmp_path):
    emulator.reset()
    emulator.configure(request_quotas=True)
    handoff = str(tmp_path / "{{ inventory_hostname }}-handoff.yml")
    first = run(emulator, run_playbook, tmp_path, handoff)
    assert first.returncode == 0, first.stdout[-10000:] + first.stderr[-5000:]
    assert sorted(first.writes) == sorted(["CreateUserPool", "CreateUserPoolClient", "CreateUserPoolDomain"] * 3)
    client = emulator.client()
    secrets = []
    for org in ORGS:
        data = yaml.safe_load((tmp_path / (org + "-handoff.yml")).read_text())
        app = client.describe_user_pool_client(UserPoolId=data["user_pool_id"], ClientId=data["client_id"])["UserPoolClient"]
        assert data["client_secret"] == app["ClientSecret"]
        assert data["cognito_domain"] == org + "-kaleido-org.auth.us-east-1.amazoncognito.com"
        secrets.append(app["ClientSecret"])

    output = json.loads(first.stdout)
    orgs = output["global_custom_stats"]["kaleido_prep_orgs"]
    assert sorted(orgs) == sorted(ORGS)
    for org in ORGS:
        assert orgs[org]["cognito_domain"] == org + "-kaleido-org.auth.us-east-1.amazoncognito.com"
        assert orgs[org]["user_pool_id"] and orgs[org]["client_id"]
        assert "client_secret" not in orgs[org]
    for secret in secrets:
        assert secret not in first.stdout + first.stderr

    again = run(emulator, run_playbook, tmp_path, handoff)
    assert again.returncode == 0, again.stdout[-10000:]
    assert again.writes == []
    assert all(stats["changed"] == 0 for stats in json.loads(again.stdout)["stats"].values())


def test_a_handoff_file_shared_by_several_orgs_is_refused_before_any_aws_call(emulator, run_playbook, tmp_path):
    emulator.reset()
    refused = run(emulator, run_playbook, tmp_path, str(tmp_path / "handoff.yml"))
    assert refused.returncode != 0
    assert refused.calls == []
    assert "is also the handoff file of" in refused.stdout
    assert not (tmp_path / "handoff.yml").exists()
