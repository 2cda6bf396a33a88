"""``python -m cleanup``: the same as the ``cleanup`` command."""

from .cli import main

raise SystemExit(main())
