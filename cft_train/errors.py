"""The one error type of cft_train: bad config, bad data row, bad tokenizer. Its message is one line that names
the file (and line) at fault; the CLI prints it and exits 2."""


class CftTrainError(Exception):
    pass


def first_line(e: BaseException) -> str:
    """A library's (often multi-line) error as one line: its first line, or, when that ends in ":", the lines it
    introduces too. cft_train's own, so that it needs nothing of the harness."""
    lines = [line.strip() for line in str(e).splitlines() if line.strip()] or [type(e).__name__]
    return (" ".join(lines) if lines[0].endswith(":") else lines[0])[:300]
