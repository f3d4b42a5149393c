# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The documentation site: `./scripts/docs` builds HTML with a page for every module and role, offline.

The expected pages come from the tree (plugins/modules/*.py, roles/*), so a new
module or role without a page fails here. The build runs with every HTTP(S)
proxy pointing at a closed local port: anything that tried to download
(intersphinx inventories, themes) would fail the build (Sphinx runs with -W).
"""

import re

import pytest

from tests.packaging.conftest import ROOT
from tests.packaging.conftest import measure
from tests.packaging.conftest import run
from tests.packaging.conftest import succeeded
from tests.packaging.conftest import tool_env

pytestmark = pytest.mark.packaging

DEAD_PROXY = "http://127.0.0.1:9"


def modules():
    return sorted(path.stem for path in (ROOT / "plugins" / "modules").glob("*.py") if not path.name.startswith("_"))


def roles():
    return sorted(path.name for path in (ROOT / "roles").iterdir() if path.is_dir())


def test_docs_site_builds_offline_with_a_page_for_every_module_and_role(tmp_path):
    # The virtualenv first (a no-op when it is up to date), then the build with no way out.
    succeeded(run([ROOT / "scripts" / "bootstrap"]))
    offline = {name: DEAD_PROXY for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")}
    offline.update({"no_proxy": "", "NO_PROXY": ""})
    proc = run([ROOT / "scripts" / "docs", tmp_path], env=tool_env(**offline))
    measure("docs site build (./scripts/docs)", "{0:.1f}s".format(proc.elapsed))
    succeeded(proc)

    html = tmp_path / "html"
    index = (html / "index.html").read_text(encoding="utf-8")
    pages = {"%s_module.html" % name: "kaleido.cognito.%s module" % name for name in modules()}
    pages.update({"%s_role.html" % name: "kaleido.cognito.%s role" % name for name in roles()})
    assert modules() and "kaleido_prep" in roles()
    for page, title in sorted(pages.items()):
        path = html / page
        assert path.is_file(), "no page %s for %s; pages: %s" % (page, title, sorted(p.name for p in html.glob("*.html")))
        content = path.read_text(encoding="utf-8")
        assert re.search(r"<title>%s\b" % re.escape(title), content), (page, title)
        # Linked from the collection's index page.
        assert 'href="%s"' % page in index or "href=\"%s#" % page in index, page
    # The options and examples of each module are on its page (not an error page).
    for name in modules():
        content = (html / ("%s_module.html" % name)).read_text(encoding="utf-8")
        assert "Parameters" in content and "Examples" in content and "Return Values" in content, name
    role = (html / "kaleido_prep_role.html").read_text(encoding="utf-8")
    assert "kaleido_prep_pool_name" in role and "kaleido_prep_domain_prefix" in role
