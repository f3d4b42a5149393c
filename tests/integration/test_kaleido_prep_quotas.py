# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ten Kaleido orgs side by side (one AWX job, --forks 10) under Cognito's
request quotas (the emulator's request_quotas knob): the modules' retries
absorb the throttling, every org gets its pool, client and domain.

./scripts/benchmark --orgs 10 measures the same run against the orgs one after
another.
"""

import pytest
import yaml

from tests.integration.test_kaleido_prep import PLAYBOOK

pytestmark = pytest.mark.integration

ORGS = ["org%02d" % index for index in range(10)]


def test_ten_orgs_side_by_side_under_the_request_quotas_all_succeed(emulator, run_playbook, tmp_path):
    inventory = tmp_path / "orgs.yml"
    inventory.write_text(yaml.safe_dump({"orgs": {"hosts": {
        org: {"kaleido_prep_pool_name": org + "-kaleido-users", "kaleido_prep_domain_prefix": org + "-kaleido-org",
              "kaleido_prep_region": "us-east-1"} for org in ORGS}}}))
    emulator.reset()
    emulator.configure(request_quotas=True)
    try:
        result = run_playbook(PLAYBOOK, extra_vars={"kaleido_prep_hosts": "orgs",
                                                    "kaleido_prep_handoff_file": str(tmp_path / "{{ inventory_hostname }}-handoff.yml")},
                              args=["-i", str(inventory), "--forks", str(len(ORGS))])
    finally:
        emulator.configure(request_quotas=False)
    # How many requests are throttled depends on how the forks interleave on
    # the machine: the run must succeed whatever that number is.
    assert result.returncode == 0, result.stdout[-10000:] + result.stderr[-5000:]
    client = emulator.client()
    pools = {pool["Name"]: pool["Id"] for pool in client.list_user_pools(MaxResults=60)["UserPools"]}
    assert sorted(pools) == sorted(org + "-kaleido-users" for org in ORGS)
    for org in ORGS:
        handoff = yaml.safe_load((tmp_path / (org + "-handoff.yml")).read_text())
        assert handoff["user_pool_id"] == pools[org + "-kaleido-users"]
        assert handoff["cognito_domain"] == org + "-kaleido-org.auth.us-east-1.amazoncognito.com"
        assert len(client.list_user_pool_clients(UserPoolId=handoff["user_pool_id"], MaxResults=60)["UserPoolClients"]) == 1
