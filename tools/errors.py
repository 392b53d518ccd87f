"""The one exception type of the pipeline, and how the CLI prints it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class PipelineError(Exception):
    """A problem in an input file that stops the build.

    ``message`` says what is wrong, ``hint`` how to fix it; ``path``, ``line``
    and ``column`` (1-based) locate it when known.
    """

    message: str
    hint: str = ""
    path: Path | str | None = None
    line: int | None = None
    column: int | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def located(self, path: Path | str) -> PipelineError:
        """Return this error with ``path`` filled in if it had none."""
        if self.path is None:
            self.path = path
        return self

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text
