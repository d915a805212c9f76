"""A pytest plugin (`-p openvth.testing.environment` in pyproject.toml), loaded before the settings are imported.

The suite runs with production settings (DEBUG off), so it needs what production needs: a secret key and host names
of its own, unless the environment gives them. Subprocesses of tests (the `openvth` command) inherit them.
"""

import os

os.environ.setdefault("SECRET_KEY", "openvth-test-suite-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
