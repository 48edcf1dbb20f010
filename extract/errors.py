"""Exceptions and exit codes. The library raises; only the CLI turns these into exit codes."""

from __future__ import annotations

from enum import IntEnum

from schemas.result import ErrorCategory


class ExitCode(IntEnum):
    ok = 0
    bad_args = 1
    input_file = 2
    missing_dependency = 3
    file_access_error = 5
    partial = 6  # the batch finished, but some documents failed or were partial
    child_process_error = 7
    internal = 15
    interrupted = 130


class KkrError(Exception):
    """Base of the project's exceptions: each knows its exit code, error category and a remedy."""

    exit_code: ExitCode = ExitCode.internal
    category: ErrorCategory = "internal"

    def __init__(self, message: str, remedy: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.remedy = remedy

    def one_line(self) -> str:
        text = f"{self.message} ({self.remedy})" if self.remedy else self.message
        return " ".join(text.split())


class BadOptions(KkrError):
    exit_code = ExitCode.bad_args
    category = "internal"


class InputFileError(KkrError):
    """The input cannot be read as what it claims to be; `category` says how."""

    exit_code = ExitCode.input_file

    def __init__(self, message: str, category: ErrorCategory = "corrupt", remedy: str = "") -> None:
        super().__init__(message, remedy)
        self.category = category


class MissingTool(KkrError):
    exit_code = ExitCode.missing_dependency
    category = "missing_tool"


class OcrFailed(KkrError):
    exit_code = ExitCode.child_process_error
    category = "ocr_failed"


class OcrTimeout(OcrFailed):
    category = "timeout"
