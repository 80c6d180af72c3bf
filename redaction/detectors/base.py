"""What every detector is: one `find` method from a letter to flags."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from redaction.types import Flag, Letter


class Detector(Protocol):
    """Finds one kind of identifying detail."""

    def find(self, letter: Letter) -> Iterable[Flag]: ...
