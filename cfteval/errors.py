"""The one error type the library raises; the CLI turns it into a one-line message and exit code 2."""


class CftevalError(Exception):
    """A problem the user can fix (bad input, bad config, missing file). Its message is one line."""


def first_line(e: BaseException) -> str:
    """The first line of an exception's message (libraries' multi-line errors become one-line CLI errors); a
    first line that ends in ":" goes on with the lines it introduces."""
    lines = [line.strip() for line in str(e).strip().splitlines() if line.strip()]
    if not lines:
        return type(e).__name__
    text = " ".join(lines) if lines[0].endswith(":") else lines[0]
    return text[:300]
