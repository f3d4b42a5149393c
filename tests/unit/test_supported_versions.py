# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""README.md's "Supported versions" table agrees with the matrix (scripts/test-matrix) and the declared ranges.

The table is written by the last run of every cell; it must list exactly the
script's cells, with the versions the script installs, within what the
collection declares (meta/runtime.yml, galaxy.yml, requirements.txt), all
passing, and the declared minimums must be among the tested versions.
"""

import os
import re

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from tests.conftest import ROOT

pytestmark = pytest.mark.unit

SCRIPT = os.path.join(ROOT, "scripts", "test-matrix")
README = os.path.join(ROOT, "README.md")
BEGIN = "<!-- supported-versions:begin (scripts/test-matrix writes this table) -->"
END = "<!-- supported-versions:end -->"
COLUMNS = ["cell", "Python", "ansible-core", "amazon.aws", "boto3/botocore", "unit", "integration", "kaleido_prep", "secrets", "sanity", "wall time"]


def script_cells():
    """name -> {python, core, ansible, botocore, emulator} from the CELLS array of scripts/test-matrix."""
    with open(SCRIPT, encoding="utf-8") as handle:
        text = handle.read()
    match = re.search(r"^CELLS=\(\n(.*?)^\)", text, re.M | re.S)
    assert match, "no CELLS=( ... ) in scripts/test-matrix"
    cells = {}
    for line in match.group(1).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, python, core, ansible, botocore, emulator = line.strip('"').split()
        assert name not in cells, name
        cells[name] = {"python": python, "core": core, "ansible": ansible, "botocore": botocore, "emulator": emulator}
    return cells


def readme_rows():
    """The rows of the table between the markers, in order, as dicts by column."""
    with open(README, encoding="utf-8") as handle:
        text = handle.read()
    assert BEGIN in text and END in text, "README.md lacks the supported-versions markers"
    block = text.split(BEGIN, 1)[1].split(END, 1)[0]
    lines = [line for line in block.splitlines() if line.startswith("|")]
    assert lines, "the supported-versions table is empty: run ./scripts/test-matrix"
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == COLUMNS
    return [dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")))) for line in lines[2:]]


def declared():
    with open(os.path.join(ROOT, "meta", "runtime.yml"), encoding="utf-8") as handle:
        core = SpecifierSet(yaml.safe_load(handle)["requires_ansible"])
    with open(os.path.join(ROOT, "galaxy.yml"), encoding="utf-8") as handle:
        aws = SpecifierSet(yaml.safe_load(handle)["dependencies"]["amazon.aws"])
    with open(os.path.join(ROOT, "requirements.txt"), encoding="utf-8") as handle:
        reqs = {r.name: r.specifier for r in (Requirement(line) for line in handle.read().splitlines() if line.strip() and not line.startswith("#"))}
    return core, aws, reqs


def minimum(specifier):
    return min(Version(spec.version) for spec in specifier if spec.operator == ">=")


def test_readme_lists_exactly_the_cells_of_the_script_in_order():
    assert [row["cell"] for row in readme_rows()] == list(script_cells())


def test_readme_rows_show_the_versions_the_script_installs():
    cells = script_cells()
    for row in readme_rows():
        cell = cells[row["cell"]]
        assert (row["Python"], row["ansible-core"], row["boto3/botocore"]) == (cell["python"], cell["core"], cell["botocore"]), row


def test_every_cell_passed_in_the_last_run():
    for row in readme_rows():
        assert (row["unit"], row["integration"], row["kaleido_prep"], row["secrets"]) == ("pass", "pass", "pass", "pass"), row
        assert row["sanity"] in ("pass", "-"), row


def test_cells_stay_within_the_declared_ranges_and_reach_their_minimums():
    core, aws, reqs = declared()
    rows = readme_rows()
    for row in rows:
        assert core.contains(row["ansible-core"], prereleases=True), (row["cell"], row["ansible-core"], str(core))
        assert aws.contains(row["amazon.aws"]), (row["cell"], row["amazon.aws"], str(aws))
        for name in ("boto3", "botocore"):
            assert reqs[name].contains(row["boto3/botocore"]), (row["cell"], name, row["boto3/botocore"], str(reqs[name]))
    # The oldest ansible-core minor and the botocore minimum are tested, and the newest botocore too.
    oldest_core = minimum(core)
    assert any(Version(row["ansible-core"]).release[:2] == oldest_core.release[:2] for row in rows), oldest_core
    assert any(Version(row["amazon.aws"]).major == minimum(aws).major for row in rows)
    assert minimum(reqs["botocore"]) == minimum(reqs["boto3"])
    assert any(Version(row["boto3/botocore"]) == minimum(reqs["botocore"]) for row in rows), "no cell at the declared botocore minimum"
    assert len({row["boto3/botocore"] for row in rows}) > 1, "no cell with a botocore newer than the minimum"


@pytest.mark.parametrize("variable, tests_file", [
    ("PREP_TESTS", os.path.join("tests", "integration", "test_kaleido_prep.py")),
    ("SECRETS_TESTS", os.path.join("tests", "reliability", "test_secrets.py")),
])
def test_the_kaleido_prep_and_secrets_steps_of_the_matrix_select_tests_that_exist(variable, tests_file):
    """PREP_TESTS and SECRETS_TESTS (pytest -k over their test file) name test functions of that file."""
    with open(SCRIPT, encoding="utf-8") as handle:
        match = re.search(r'^{0}="([^"]+)"'.format(variable), handle.read(), re.M)
    assert match, "no {0}=\"...\" in scripts/test-matrix".format(variable)
    with open(os.path.join(ROOT, tests_file), encoding="utf-8") as handle:
        tests = set(re.findall(r"^def (test_\w+)\(", handle.read(), re.M))
    names = [name.strip() for name in match.group(1).split(" or ")]
    assert names and set(names) <= tests, sorted(set(names) - tests)
