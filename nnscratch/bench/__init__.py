"""Measure nnscratch's speed on this machine: ``python -m nnscratch.bench``."""

from .run import *  # noqa: F401,F403 - interim, while the bench is split into modules
from .run import _installed, _naive_layers  # noqa: F401
