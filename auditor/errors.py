"""The one exception the library raises: it names the file, the paragraph and what was expected."""

from __future__ import annotations


class AuditError(Exception):
    """Bad input or an unusable setting; the CLI turns it into one line and exit code 2."""

    def __init__(self, problem: str, path: str | None = None, paragraph: int | None = None) -> None:
        self.problem = problem
        self.path = path
        self.paragraph = paragraph
        where = path or ""
        if paragraph is not None:
            where += f" (paragraph {paragraph + 1})"
        super().__init__(f"{where}: {problem}" if where else problem)
