"""`python -m cfteval` = the `cfteval` command, so `accelerate launch -m cfteval train ...` works."""

import sys

from cfteval.cli import main

sys.exit(main())
