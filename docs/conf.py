# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sphinx configuration of the kaleido.cognito documentation site (built by scripts/docs).

Started from ``antsibull-docs sphinx-init`` (antsibull-docs 2.28.0), with one
change: the build never goes online. intersphinx is not loaded (it would
download the Python, Jinja and Ansible inventories), so the handful of
Ansible-docsite labels that antsibull-docs' page templates refer to are
resolved here to their docs.ansible.com pages, as are the ansible-core
configuration variables (``E(ANSIBLE_...)``). Any other unresolved reference
still fails the build (``-W``, ``nitpicky``).
"""

import re

from docutils import nodes

project = "kaleido.cognito"
copyright = "Kaleido Cognito maintainers"  # pylint: disable=redefined-builtin

title = "kaleido.cognito collection documentation"
html_short_title = "kaleido.cognito"

extensions = ["sphinx.ext.autodoc", "sphinx_antsibull_ext"]

pygments_style = "ansible"
highlight_language = "YAML+Jinja"

html_theme = "sphinx_ansible_theme"
html_show_sphinx = False
display_version = False

html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False

default_role = "any"
nitpicky = True

ANSIBLE_DOCS = "https://docs.ansible.com/projects/ansible/devel/"

# Labels of the Ansible documentation that antsibull-docs' templates use.
ANSIBLE_LABELS = {
    "action_plugins": ("plugins/action.html", "Action plugins"),
    "ansible_configuration_settings": ("reference_appendices/config.html", "Ansible Configuration Settings"),
    "callback_plugins": ("plugins/callback.html", "Callback plugins"),
    "collections_keyword": (
        "collections_guide/collections_using_playbooks.html#simplifying-module-names-with-the-collections-keyword",
        "collections keyword",
    ),
    "common_return_values": ("reference_appendices/common_return_values.html", "Return Values"),
    "list_of_callback_plugins": ("collections/index_callback.html", "Index of all Callback Plugins"),
    "list_of_collections": ("collections/index.html", "Collection Index"),
}

# Plugins of other collections (M(amazon.aws.x), O(amazon.aws.x#module:y)): their pages on docs.ansible.com.
OTHER_COLLECTION_LABEL = re.compile(r"^ansible_collections\.(?P<ns>\w+)\.(?P<name>\w+)\.(?P<page>\w+?_[a-z]+)(?:__(?P<anchor>[\w-]+))?$")
OWN_COLLECTION = ("kaleido", "cognito")


def resolve_ansible_label(app, env, node, contnode):  # pylint: disable=unused-argument
    """Link a reference to docs.ansible.com (missing-reference handler).

    Handles one of ANSIBLE_LABELS, a plugin (or its option or return value) of
    another collection, or an ansible-core configuration variable
    (E(ANSIBLE_...) in the documentation), documented on the configuration page.
    """
    if node.get("refdomain") != "std":
        return None
    reftarget = node.get("reftarget", "")
    other = OTHER_COLLECTION_LABEL.match(reftarget) if node.get("reftype") == "ref" else None
    if node.get("reftype") == "ref" and reftarget in ANSIBLE_LABELS:
        path, text = ANSIBLE_LABELS[reftarget]
    elif other and (other.group("ns"), other.group("name")) != OWN_COLLECTION:
        path = "collections/{ns}/{name}/{page}.html".format(**other.groupdict())
        if other.group("anchor"):
            path += "#" + other.group("anchor")
        text = reftarget
    elif node.get("reftype") == "envvar" and reftarget.startswith("ANSIBLE_"):
        path, text = "reference_appendices/config.html#envvar-" + reftarget, reftarget
    else:
        return None
    reference = nodes.reference("", "", internal=False, refuri=ANSIBLE_DOCS + path)
    if node.get("refexplicit"):
        reference += contnode
    else:
        reference += nodes.inline(text, text)
    return reference


def setup(app):
    app.connect("missing-reference", resolve_ansible_label)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
