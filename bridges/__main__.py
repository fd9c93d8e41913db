"""`python -m bridges`: the same as the `bridges` command."""
import sys

from .adapters.cli import main

sys.exit(main())
