"""``python -m newsclaims`` runs the CLI (same as the ``newsclaims`` command)."""

from newsclaims.cli import main

main()
