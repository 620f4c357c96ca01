"""``python -m meetingdesk`` behaves exactly like the ``meetingdesk`` command."""

from meetingdesk.cli import main

raise SystemExit(main())
