# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The changelog (antsibull-changelog): fragments are valid, and the release changelog builds.

The release is made in a temporary copy of the collection, so the repository's
fragments stay where they are until the real release
(`antsibull-changelog release` at the repository root, see the README).
"""

import hashlib
import shutil

import pytest
import yaml

from tests.checks.checks_support import source_files  # pylint: disable=import-error
from tests.packaging.conftest import ROOT
from tests.packaging.conftest import VENV_BIN
from tests.packaging.conftest import VERSION
from tests.packaging.conftest import run
from tests.packaging.conftest import succeeded

pytestmark = pytest.mark.packaging

FRAGMENTS = ROOT / "changelogs" / "fragments"


def fragment_files():
    return sorted(path for path in FRAGMENTS.iterdir() if path.suffix in (".yml", ".yaml"))


def words(text):
    return " ".join(text.split())


def fingerprint(directory):
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_fragments_and_changelog_yaml_pass_antsibull_changelog_lint():
    assert fragment_files()
    succeeded(run([VENV_BIN / "antsibull-changelog", "lint"]))
    succeeded(run([VENV_BIN / "antsibull-changelog", "lint-changelog-yaml", ROOT / "changelogs" / "changelog.yaml"]))


def test_release_changelog_builds_with_every_fragment_module_and_role(tmp_path):
    before = fingerprint(ROOT / "changelogs")
    # antsibull-changelog finds the modules and roles with ansible-doc: the copy sits in an ansible_collections tree.
    copy = tmp_path / "ansible_collections" / "kaleido" / "cognito"
    for name in source_files():
        if name.startswith("changelogs/") or name.split("/", 1)[0] in ("plugins", "roles", "meta", "playbooks") or "/" not in name:
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)

    proc = succeeded(run([VENV_BIN / "antsibull-changelog", "release", "--date", "2025-12-01"], cwd=copy))
    changelog = (copy / "CHANGELOG.rst").read_text(encoding="utf-8")
    text = words(changelog)

    # The release is the version in galaxy.yml.
    assert "v%s\n%s" % (VERSION, "=" * len("v" + VERSION)) in changelog, changelog[:2000]
    # Every entry of every fragment is in it (but those of the trivial section, which is never shown).
    trivial = yaml.safe_load((ROOT / "changelogs" / "config.yaml").read_text(encoding="utf-8")).get("trivial_section_name")
    fragments = fragment_files()
    for path in fragments:
        for section, entries in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            if section == trivial:
                continue
            for entry in [entries] if isinstance(entries, str) else entries:
                assert words(entry) in text, (path.name, section, entry)
    # Every module and role is named.
    modules = sorted(path.stem for path in (ROOT / "plugins" / "modules").glob("*.py") if not path.name.startswith("_"))
    roles = sorted(path.name for path in (ROOT / "roles").iterdir() if path.is_dir())
    assert modules and roles
    for name in modules + roles:
        assert name in text, name

    # The release consumed the fragments and recorded them in changelog.yaml.
    released = yaml.safe_load((copy / "changelogs" / "changelog.yaml").read_text(encoding="utf-8"))["releases"][VERSION]
    assert sorted(released["fragments"]) == sorted(path.name for path in fragments)
    assert released["release_date"] == "2025-12-01"
    assert "release_summary" in released["changes"], proc.output

    # The repository's changelog files were not touched.
    assert fingerprint(ROOT / "changelogs") == before


# Sections that describe changes to a released version: there is none before
# the first release, so a fragment of an unreleased first version describes
# what the release brings (major_changes, minor_changes), not how it was fixed.
FIX_SECTIONS = ("bugfixes", "security_fixes")


def released_versions():
    """The versions antsibull-changelog recorded as released (changelogs/changelog.yaml)."""
    changes = yaml.safe_load((ROOT / "changelogs" / "changelog.yaml").read_text(encoding="utf-8")) or {}
    return sorted(changes.get("releases") or {})


def test_no_fragment_fixes_anything_before_the_first_release():
    if released_versions():
        pytest.skip("a version has been released ({0}): fixes of it are fragments of the next one".format(", ".join(released_versions())))
    offending = []
    for path in fragment_files():
        for section in yaml.safe_load(path.read_text(encoding="utf-8")):
            if section in FIX_SECTIONS:
                offending.append("{0}: {1}".format(path.name, section))
    assert offending == [], (
        "version {0} (galaxy.yml) was never released: nothing released can have been fixed; describe the change as"
        " major_changes / minor_changes instead".format(VERSION)
    )


def test_exactly_one_fragment_has_the_release_summary():
    with_summary = [path.name for path in fragment_files() if "release_summary" in yaml.safe_load(path.read_text(encoding="utf-8"))]
    assert len(with_summary) == 1, with_summary
