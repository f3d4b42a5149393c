# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The execution environment: `ansible-builder create` writes a build context with our requirements.

No container engine is needed: `create` only writes the context (Containerfile
and _build/). The collection artifact it copies in is built first, exactly as
the README says (`ansible-galaxy collection build --output-path .build/ee`).
The introspection script ansible-builder runs inside the image is also run
here, on the artifact installed into a temporary collections path, to prove
that the installed collection declares its Python and system requirements
(meta/execution-environment.yml).
"""

import re
import sysconfig
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from tests.checks.checks_support import build_lock  # pylint: disable=import-error
from tests.packaging.conftest import ARTIFACT_NAME
from tests.packaging.conftest import GALAXY
from tests.packaging.conftest import ROOT
from tests.packaging.conftest import VENV_BIN
from tests.packaging.conftest import build_artifact
from tests.packaging.conftest import measure
from tests.packaging.conftest import run
from tests.packaging.conftest import succeeded

pytestmark = pytest.mark.packaging

EE_FILE = ROOT / "execution-environment.yml"
AMAZON_AWS = Path(sysconfig.get_paths()["purelib"]) / "ansible_collections" / "amazon" / "aws"


def requirements(path):
    """{name: Requirement} of a pip requirements file (comments and blank lines skipped)."""
    found = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            found[requirement.name.lower()] = requirement
    return found


def pinned(name):
    """The == version of a package in tests/requirements.txt (what the tests run with)."""
    return str(requirements(ROOT / "tests" / "requirements.txt")[name].specifier)


@pytest.fixture(scope="module")
def ee_context(tmp_path_factory):
    """`ansible-builder create` of execution-environment.yml into a temporary context directory."""
    context = tmp_path_factory.mktemp("ee") / "context"
    with build_lock("ee"):
        build_artifact(ROOT / ".build" / "ee")
        proc = run([VENV_BIN / "ansible-builder", "create", "--file", EE_FILE, "--context", context,
                    "--output-filename", "Containerfile", "-v", "3"])
    measure("ansible-builder create", "{0:.1f}s".format(proc.elapsed))
    succeeded(proc)
    return context


def minimum(requirement):
    return min(spec.version for spec in requirement.specifier if spec.operator == ">=")


def test_requirements_txt_names_boto3_and_botocore_within_the_ranges_of_amazon_aws():
    ours = requirements(ROOT / "requirements.txt")
    theirs = requirements(AMAZON_AWS / "requirements.txt")
    assert sorted(ours) == ["boto3", "botocore"]
    for name in ("boto3", "botocore"):
        # Our minimum may be higher (newer Cognito fields), never lower.
        assert Version(minimum(ours[name])) >= Version(minimum(theirs[name])), (name, str(ours[name]), str(theirs[name]))
        # The versions the tests run with satisfy the range.
        assert ours[name].specifier.contains(pinned(name).lstrip("=")), name


def test_collection_declares_its_requirements_for_ansible_builder():
    meta = yaml.safe_load((ROOT / "meta" / "execution-environment.yml").read_text(encoding="utf-8"))
    assert meta["version"] == 1
    assert meta["dependencies"] == {"python": "requirements.txt", "system": "bindep.txt"}
    assert (ROOT / meta["dependencies"]["python"]).is_file()
    bindep = [line.split("#", 1)[0].strip() for line in (ROOT / "bindep.txt").read_text(encoding="utf-8").splitlines()]
    assert [line for line in bindep if line] == ["python3"]


def test_ansible_builder_create_writes_a_context_naming_our_python_requirements(ee_context):
    build = ee_context / "_build"
    assert requirements(build / "requirements.txt") == requirements(ROOT / "requirements.txt")
    assert (build / "bindep.txt").read_text(encoding="utf-8") == (ROOT / "bindep.txt").read_text(encoding="utf-8")

    galaxy = yaml.safe_load((build / "requirements.yml").read_text(encoding="utf-8"))
    by_name = {entry["name"]: entry for entry in galaxy["collections"]}
    # amazon.aws with the range galaxy.yml declares; this collection from the artifact built from this tree.
    for dependency, version in GALAXY["dependencies"].items():
        assert by_name[dependency]["version"] == version
    local = by_name["collections/%s" % ARTIFACT_NAME]
    assert local["type"] == "file"
    artifact = build / local["name"]
    assert artifact.is_file() and artifact.read_bytes() == (ROOT / ".build" / "ee" / ARTIFACT_NAME).read_bytes()

    containerfile = (ee_context / "Containerfile").read_text(encoding="utf-8")
    assert re.search(r"^RUN .*ansible-galaxy collection install .*-r requirements\.yml", containerfile, re.MULTILINE)
    assert re.search(r"^RUN .*introspect\.py introspect --user-pip=requirements\.txt --user-bindep=bindep\.txt", containerfile, re.MULTILINE)
    # ansible-core and ansible-runner at the versions the collection is tested with.
    refs = re.search(r'^ARG ANSIBLE_INSTALL_REFS="([^"]*)"', containerfile, re.MULTILINE).group(1).split()
    assert "ansible-core%s" % pinned("ansible-core") in refs
    assert any(ref.startswith("ansible-runner") for ref in refs)


def test_builder_introspection_of_the_installed_artifact_finds_boto3_botocore_and_python3(ee_context, tmp_path):
    collections = tmp_path / "collections"
    artifact = ee_context / "_build" / "collections" / ARTIFACT_NAME
    succeeded(run([VENV_BIN / "ansible-galaxy", "collection", "install", "--offline", "--no-deps", "-p", collections, artifact], cwd=tmp_path))
    pip, bindep = tmp_path / "pip.txt", tmp_path / "bindep.txt"
    succeeded(run([VENV_BIN / "python", ee_context / "_build" / "scripts" / "introspect.py", "introspect",
                   "--write-pip", pip, "--write-bindep", bindep, collections], cwd=tmp_path))
    pip_lines = pip.read_text(encoding="utf-8").splitlines()
    for requirement in requirements(ROOT / "requirements.txt").values():
        assert "%s  # from collection kaleido.cognito" % requirement in pip_lines, pip_lines
    assert "python3  # from collection kaleido.cognito" in bindep.read_text(encoding="utf-8").splitlines()
