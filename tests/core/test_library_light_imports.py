"""The library's records and result types load without whoosh and jieba, so the GUI starts fast."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import meetingdesk.library.cases, meetingdesk.library.rules, meetingdesk.library.feedback
import meetingdesk.search.query
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & {"whoosh", "jieba"})))
"""


def test_cases_rules_and_search_types_import_without_the_search_engine() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
