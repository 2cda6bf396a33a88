"""cleanup: fix the evident artifacts of machine translation in English text.

The library API is small::

    >>> import cleanup
    >>> result = cleanup.clean_text("It remains in force . Pokrovsky1 and Bordiga2 and Taska3 agreed.")
    >>> result.text
    'It remains in force. Pokrovsky and Bordiga and Taska agreed.'
    >>> cleanup.apply_edits(result.original, result.edits) == result.text
    True

:func:`clean_text` is pure; :func:`clean_file` reads and (atomically) writes a
file; :class:`Config` selects rules, tiers and glossaries; every change is an
:class:`Edit` with a span in the original text.
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import cache as _cache  # noqa: E402

# before any module compiles its patterns: the compiled patterns of the last run (see cleanup.cache)
_cache.warm_regex()

from .apply import apply_edits as apply_edits
from .config import Config as Config
from .model import CleanupError as CleanupError
from .model import Edit as Edit
from .model import Result as Result
from .model import Rule as Rule
from .model import Tier as Tier
from .pipeline import CheckResult as CheckResult
from .pipeline import FileResult as FileResult
from .pipeline import check_files as check_files
from .pipeline import clean_file as clean_file
from .pipeline import clean_text as clean_text
from .pipeline import load_rules as load_rules

__all__ = [
    "CheckResult",
    "CleanupError",
    "Config",
    "Edit",
    "FileResult",
    "Result",
    "Rule",
    "Tier",
    "__version__",
    "apply_edits",
    "check_files",
    "clean_file",
    "clean_text",
    "load_rules",
]
