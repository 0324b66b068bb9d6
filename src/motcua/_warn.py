"""Warnings that point at the user's line, not at motcua's internals.

A fixed ``stacklevel`` is right for one call path only: the same uncertain time limit is reached
from ``Procedure.deadline``, from a dossier's timeline, from a report or from a slip. Walking
out of the package instead names the first caller outside it, whatever the path.
"""

from __future__ import annotations

import os
import sys
import warnings

# Frames carry the file names the modules were imported under, which is how __file__ is spelt.
_PACKAGE = os.path.dirname(__file__) + os.sep


def warn(message: str, category: type[Warning]) -> None:
    """``warnings.warn`` with the stack level of the first frame outside the motcua package."""
    frame = sys._getframe(1)
    level = 2  # 1 would be this function, 2 its caller
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)
