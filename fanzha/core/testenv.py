"""pytest plugin loaded before Django starts (see addopts): tests run with FANZHA_ENV=test."""

import os

os.environ.setdefault("FANZHA_ENV", "test")
