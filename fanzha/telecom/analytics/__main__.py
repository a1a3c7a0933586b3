"""``python -m fanzha.telecom.analytics generate|scan|eval ...`` (also usable under spark-submit)."""

from .cli import main

raise SystemExit(main())
