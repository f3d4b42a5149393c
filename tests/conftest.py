# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make the collection importable as ansible_collections.kaleido.cognito.

The repository root is the collection root. A symlink tree at
.build/collections/ansible_collections/kaleido/cognito points back at it, so
unit tests import the code under test and ansible-playbook finds the
collection (ANSIBLE_COLLECTIONS_PATH) without a copy that could go stale.
amazon.aws comes from the virtualenv (the ansible package bundles it).
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS_PATH = os.path.join(ROOT, ".build", "collections")
LINK = os.path.join(COLLECTIONS_PATH, "ansible_collections", "kaleido", "cognito")


def _ensure_link():
    if os.path.realpath(LINK) == ROOT:
        return
    os.makedirs(os.path.dirname(LINK), exist_ok=True)
    if os.path.lexists(LINK):
        os.remove(LINK)
    os.symlink(os.path.relpath(ROOT, os.path.dirname(LINK)), LINK)


_ensure_link()
if COLLECTIONS_PATH not in sys.path:
    sys.path.insert(0, COLLECTIONS_PATH)
# ansible_collections is a namespace package spread over this tree and the
# virtualenv's site-packages; drop a copy imported before the path was set.
for _name in [name for name in sys.modules if name == "ansible_collections" or name.startswith("ansible_collections.kaleido")]:
    del sys.modules[_name]
