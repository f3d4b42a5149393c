# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An AWX job of the kaleido_prep playbook, run the way AWX runs it: ansible-runner and a private data directory.

AWX hands a job template's AWS credential to the job as environment variables
(env/envvars), its extra variables and survey answers as env/extravars, and
keeps the job's events; set_stats data reaches the next workflow node as the
artifacts of the stats event. The job's own files vanish: the client secret
reaches the Kaleido admin through AWS Secrets Manager.
"""

import json

import boto3
import pytest
import yaml

from tests.conftest import COLLECTIONS_PATH
from tests.conftest import interpreter_args
from tests.integration.conftest import ansible_env

ansible_runner = pytest.importorskip("ansible_runner")

pytestmark = pytest.mark.integration

SECRET_NAME = "kaleido-acme"
ENV_FROM_CREDENTIAL = ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION")


def private_data_dir(tmp_path, emulator, extravars):
    """What AWX writes for a job: the project (a playbook importing the collection's), inventory, env and extra vars."""
    base = tmp_path / "job"
    (base / "project").mkdir(parents=True)
    (base / "project" / "prepare.yml").write_text(yaml.safe_dump([{"import_playbook": "kaleido.cognito.kaleido_prep"}]))
    (base / "inventory").mkdir()
    (base / "inventory" / "hosts").write_text("localhost ansible_connection=local\n")
    (base / "env").mkdir()
    env = ansible_env(emulator)
    envvars = {name: env[name] for name in ENV_FROM_CREDENTIAL}
    envvars.update({"ANSIBLE_COLLECTIONS_PATH": COLLECTIONS_PATH, "PATH": env["PATH"]})
    (base / "env" / "envvars").write_text(yaml.safe_dump(envvars))
    # The interpreter of this machine's localhost (tests/conftest.py), as -e.
    interpreter = dict(arg.split("=", 1) for arg in interpreter_args()[1::2])
    (base / "env" / "extravars").write_text(yaml.safe_dump(dict(extravars, **interpreter)))
    return base


def run_job(base):
    runner = ansible_runner.run(private_data_dir=str(base), playbook="prepare.yml", quiet=True)
    events = list(runner.events)
    return runner, events


def test_an_awx_job_hands_the_secret_to_secrets_manager_the_ids_to_the_workflow_and_shows_no_secret(emulator, tmp_path):
    emulator.reset()
    extravars = {"kaleido_prep_pool_name": "acme-kaleido-users", "kaleido_prep_domain_prefix": "acme-kaleido",
                 "kaleido_prep_region": "us-east-1", "kaleido_prep_secrets_manager_secret": SECRET_NAME}
    secrets = boto3.client("secretsmanager", region_name="us-east-1", endpoint_url=emulator.endpoint_url, **emulator.credentials())

    runner, events = run_job(private_data_dir(tmp_path / "first", emulator, extravars))
    assert runner.status == "successful", runner.stdout.read()[-10000:]
    handoff = json.loads(secrets.get_secret_value(SecretId=SECRET_NAME)["SecretString"])
    pool_id, client_id = handoff["user_pool_id"], handoff["client_id"]
    app = emulator.client().describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"]
    assert handoff["client_secret"] == app["ClientSecret"]
    assert handoff["cognito_domain"] == "acme-kaleido.auth.us-east-1.amazoncognito.com"

    # Every job event AWX would store and show, and the job's stdout: no secret.
    assert events
    for event in events:
        assert app["ClientSecret"] not in json.dumps(event), event.get("event")
    assert app["ClientSecret"] not in runner.stdout.read()

    # The stats event carries the set_stats data: what the next workflow node gets as extra variables.
    stats = [event for event in events if event.get("event") == "playbook_on_stats"]
    orgs = stats[-1]["event_data"]["artifact_data"]["kaleido_prep_orgs"]
    assert orgs == {"localhost": {key: value for key, value in handoff.items() if key != "client_secret"}}

    versions = sorted(version["VersionId"] for version in secrets.list_secret_version_ids(SecretId=SECRET_NAME)["Versions"])
    rerun, events = run_job(private_data_dir(tmp_path / "rerun", emulator, extravars))
    assert rerun.status == "successful", rerun.stdout.read()[-10000:]
    assert [event for event in events if event.get("event") == "runner_on_ok" and event["event_data"]["res"].get("changed")] == []
    assert sorted(version["VersionId"] for version in secrets.list_secret_version_ids(SecretId=SECRET_NAME)["Versions"]) == versions
