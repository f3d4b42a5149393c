# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The warm Python of the tests: server.py (a fork server) and client.py (tests/warm_python/python runs it)."""
