"""The one error type of cft_train: bad config, bad data row, bad tokenizer. Its message is one line that names
the file (and line) at fault; the CLI prints it and exits 2."""


class CftTrainError(Exception):
    pass
