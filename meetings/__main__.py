"""`python -m meetings` runs the `mastermind` command."""

import sys

from .cli import main

sys.exit(main())
