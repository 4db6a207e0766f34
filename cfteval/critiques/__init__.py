"""The critique data pipeline: a cfteval run's samples -> candidate solutions -> teacher critiques -> verified
CFT training rows, and the critic evaluation (`cfteval run --prompt cft-critique`).

- candidates.py: (question, candidate, gold, grader verdict) rows from one or more run dirs
- teacher.py: the paper's teacher prompt, conclusion parsing, resumable critique generation through a backend
- verify.py: conclusion vs grader verdict vs teacher majority; keep/drop/flag; per-task disagreement report
- critic.py: a model evaluated as a critic of candidates (accuracy, precision and recall on wrong candidates)
"""
