# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`ansible-galaxy collection build` gives a clean artifact, and the artifact works once installed.

The artifact is built from the live tree (with its .venv, .build, caches and
anything else lying around), installed offline into an empty collections path,
and the kaleido_prep playbook is run from that installed copy only (amazon.aws
comes from the virtualenv's site-packages, where ansible finds it by itself)
against the Cognito emulator.
"""

import json
import re
import sys
import tarfile
from types import SimpleNamespace

import pytest
import yaml

from tests.checks.checks_support import source_files  # pylint: disable=import-error
from tests.integration.conftest import ansible_env
from tests.packaging.conftest import ROOT
from tests.packaging.conftest import VENV_BIN
from tests.packaging.conftest import VERSION
from tests.packaging.conftest import measure
from tests.packaging.conftest import run
from tests.packaging.conftest import succeeded

pytestmark = pytest.mark.packaging

VENV_PREFIX = sys.prefix

# No member may have one of these as a path component.
FORBIDDEN_PARTS = {".venv", ".build", ".git", ".pytest_cache", "__pycache__", ".ansible", ".tox", ".ci"}
FORBIDDEN_PREFIXES = ("tests/output",)
# Names of files that hold or may hold credentials or the client secret.
SECRET_NAMES = re.compile(r"(^|/)(\S*handoff\S*\.ya?ml|\.env|credentials|\.aws/\S*|\S+\.pem|\S+\.key|\S+\.pfx|\S+\.p12|id_rsa\S*)$")
# AWS access key ids; the emulator's dummy key in the test harness is the only one allowed.
AWS_KEY_ID = re.compile(rb"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")
DUMMY_KEY_IDS = {b"AKIAEMULATOR00000000"}


def members(tarball):
    with tarfile.open(tarball) as archive:
        return {member.name: member for member in archive.getmembers()}


def test_artifact_holds_only_files_git_would_track_and_no_caches_venvs_or_secrets(collection_artifact):
    entries = members(collection_artifact)
    names = sorted(name.rstrip("/") for name in entries)
    measure("artifact", "{0} ({1:.1f} KiB, {2} entries)".format(collection_artifact.name, collection_artifact.stat().st_size / 1024.0,
                                                                len(names)))

    bad = [name for name in names if FORBIDDEN_PARTS & set(name.split("/")) or name.startswith(FORBIDDEN_PREFIXES) or name.endswith(".pyc")]
    assert not bad, bad
    assert not [name for name in names if SECRET_NAMES.search(name)]

    files = {name for name, member in entries.items() if member.isfile()}
    extra = files - set(source_files()) - {"MANIFEST.json", "FILES.json"}
    assert not extra, "in the artifact but ignored by git (add them to build_ignore in galaxy.yml): %s" % sorted(extra)
    # The collection itself is all there.
    for required in ("README.md", "LICENSE", "meta/runtime.yml", "meta/execution-environment.yml", "requirements.txt", "bindep.txt",
                     "playbooks/kaleido_prep.yml", "roles/kaleido_prep/meta/argument_specs.yml"):
        assert required in files, required
    modules = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "plugins" / "modules").glob("*.py"))
    assert modules and set(modules) <= files

    with tarfile.open(collection_artifact) as archive:
        manifest = json.load(archive.extractfile("MANIFEST.json"))
        leaked = set()
        for name in sorted(files):
            leaked.update(set(AWS_KEY_ID.findall(archive.extractfile(name).read())) - DUMMY_KEY_IDS)
    assert not leaked, "AWS access key ids in the artifact: %s" % sorted(leaked)
    info = manifest["collection_info"]
    assert (info["namespace"], info["name"], info["version"]) == ("kaleido", "cognito", VERSION)
    assert info["dependencies"] == yaml.safe_load((ROOT / "galaxy.yml").read_text(encoding="utf-8"))["dependencies"]


@pytest.fixture(scope="module")
def installed_collection(collection_artifact, tmp_path_factory):
    """The artifact installed offline into an empty collections path.

    .path is the collections path, .collection the installed kaleido.cognito,
    .output what ansible-galaxy said.
    """
    path = tmp_path_factory.mktemp("collections")
    assert not list(path.iterdir())
    proc = run([VENV_BIN / "ansible-galaxy", "collection", "install", "--offline", "-p", path, collection_artifact], cwd=path)
    measure("artifact install (ansible-galaxy collection install --offline)", "{0:.1f}s".format(proc.elapsed))
    succeeded(proc)
    return SimpleNamespace(path=path, collection=path / "ansible_collections" / "kaleido" / "cognito", output=proc.output)


def test_artifact_installs_offline_with_amazon_aws_from_the_virtualenv(installed_collection):
    output = installed_collection.output
    assert "kaleido.cognito:%s was installed successfully" % VERSION in output, output
    # The amazon.aws dependency (galaxy.yml) is satisfied by the copy in site-packages, not fetched.
    assert re.search(r"'amazon\.aws:[0-9.]+' is already installed", output), output
    collection = installed_collection.collection
    manifest = json.loads((collection / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["collection_info"]["version"] == VERSION
    assert (collection / "roles" / "kaleido_prep" / "tasks" / "main.yml").is_file()
    assert not (collection / ".venv").exists() and not (collection / ".build").exists()


def test_kaleido_prep_playbook_runs_from_the_installed_artifact_and_creates_the_pool(installed_collection, emulator, tmp_path):
    emulator.reset()
    collection = installed_collection.collection
    env = ansible_env(emulator, {"ANSIBLE_COLLECTIONS_PATH": str(installed_collection.path)})
    # Nothing from this checkout: no test library, lookups or roles path.
    for name in ("ANSIBLE_LIBRARY", "ANSIBLE_LOOKUP_PLUGINS", "ANSIBLE_ROLES_PATH"):
        env.pop(name)
    assert str(ROOT) not in env["ANSIBLE_COLLECTIONS_PATH"]

    listing = succeeded(run([VENV_BIN / "ansible-galaxy", "collection", "list", "kaleido.cognito", "--format", "json"], cwd=tmp_path, env=env))
    assert list(json.loads(listing.stdout)) == [str(installed_collection.path / "ansible_collections")]

    handoff = tmp_path / "handoff.yml"
    extra_vars = {
        "kaleido_prep_pool_name": "kaleido-packaged",
        "kaleido_prep_domain_prefix": "kaleido-packaged-org",
        "kaleido_prep_region": "us-east-1",
        "kaleido_prep_handoff_file": str(handoff),
    }
    command = [VENV_BIN / "ansible-playbook", "-i", "localhost,", "kaleido.cognito.kaleido_prep", "-vvv", "-e", json.dumps(extra_vars)]
    proc = run(command, cwd=tmp_path, env=env)
    measure("kaleido_prep run from the installed artifact", "{0:.1f}s".format(proc.elapsed))
    succeeded(proc)

    # The role's tasks and the modules came from the installed copy, never from this checkout.
    assert "task path: %s/roles/kaleido_prep/tasks/" % collection in proc.stdout, proc.stdout[-5000:]
    for module in ("cognito_user_pool", "cognito_app_client", "cognito_domain"):
        assert "Using module file %s/plugins/modules/%s.py" % (collection, module) in proc.stdout, module
    task_paths = set(re.findall(r"^task path: (\S+?):\d+$", proc.stdout, re.MULTILINE))
    assert task_paths and all(path.startswith("%s/" % collection) for path in task_paths), sorted(task_paths)
    # Other modules: ansible-core's and amazon.aws's, from the virtualenv.
    module_files = set(re.findall(r"^Using module file (\S+)$", proc.stdout, re.MULTILINE))
    assert all(path.startswith(("%s/" % collection, "%s/" % VENV_PREFIX)) for path in module_files), sorted(module_files)

    client = emulator.client()
    pools = client.list_user_pools(MaxResults=60)["UserPools"]
    assert [pool["Name"] for pool in pools] == ["kaleido-packaged"]
    pool = client.describe_user_pool(UserPoolId=pools[0]["Id"])["UserPool"]
    assert pool["Domain"] == "kaleido-packaged-org"
    assert [app["ClientName"] for app in client.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=60)["UserPoolClients"]] == ["kaleido"]
    assert yaml.safe_load(handoff.read_text(encoding="utf-8"))["user_pool_id"] == pool["Id"]
    assert "Cognito domain: kaleido-packaged-org.auth.us-east-1.amazoncognito.com" in proc.stdout


def test_build_ignore_keeps_a_stray_handoff_file_and_cache_out_of_the_artifact(tmp_path):
    """A handoff file or __pycache__ left in the tree (e.g. after a run from the checkout) is never packed."""
    tree = tmp_path / "tree"
    for name in source_files():
        dest = tree / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes((ROOT / name).read_bytes())
    strays = ["kaleido-handoff.yml", "handoff.yml", "playbooks/kaleido-handoff.yml", "plugins/modules/__pycache__/x.cpython-311.pyc",
              ".venv/bin/python", "tests/output/junit/x.xml", ".pytest_cache/v/x"]
    for name in strays:
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("client_secret: stray\n", encoding="utf-8")
    proc = succeeded(run([VENV_BIN / "ansible-galaxy", "collection", "build", "--output-path", tmp_path, tree], cwd=tmp_path))
    names = {name.rstrip("/") for name in members(tmp_path / ("kaleido-cognito-%s.tar.gz" % VERSION))}
    assert not set(strays) & names, proc.output
    assert "plugins/modules/cognito_user_pool.py" in names
