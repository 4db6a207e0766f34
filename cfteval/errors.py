"""The one error type the library raises; the CLI turns it into a one-line message and exit code 2."""


class CftevalError(Exception):
    """A problem the user can fix (bad input, bad config, missing file). Its message is one line."""
