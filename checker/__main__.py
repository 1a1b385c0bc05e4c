"""`python -m checker` is the same as the `factcheck` command."""

import sys

from checker.cli import main

sys.exit(main())
