"""CFT training core: train a model to write a critique c of a candidate answer y to a problem x, with the
loss on c only. It needs nothing from the harness; its checkpoints (Hugging Face format) go straight into
`cfteval run`. The training recipe lands with the training issue."""
