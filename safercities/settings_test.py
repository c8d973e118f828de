"""Settings for the test suite: the main settings under the ``test`` profile."""

import os

os.environ["SAFERCITIES_ENV"] = "test"

from safercities.settings import *  # noqa: E402,F403
