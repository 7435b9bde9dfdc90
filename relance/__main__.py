"""``python -m relance`` runs the CLI (what tests run in subprocesses)."""

from relance.cli import main

main()
