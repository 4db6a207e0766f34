"""CFT training core: train a model to write a critique c of a candidate answer y to a problem x, with the
loss on c only (or, for the SFT baseline, a solution to x). Its checkpoints (Hugging Face format) go straight into
`cfteval run` and `cfteval sweep`; `cfteval train --config C` is its command line."""
