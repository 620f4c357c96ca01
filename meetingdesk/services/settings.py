"""Court-wide settings kept in the database (the UI's own preferences live in QSettings)."""

from __future__ import annotations

import json
from typing import Any

from meetingdesk.services.actor import Actor
from meetingdesk.services.desk import Desk
from meetingdesk.services.permissions import require

DEFAULTS: dict[str, Any] = {
    "court.name": "某某市中级人民法院",
    "court.short_name": "",
    "followup.due_working_days": 10,  # the panel's 复议 result is expected within this many working days
    "referral.only_four_categories": True,
    "referral.partial_counts": True,
    "referral.on_no_majority": True,  # the 审委会 rule's triggers (domain.referral.ReferralRule)
    "referral.on_panel_disagrees": True,
    "referral.on_panel_undecided": True,
    "body.default_quorum_numerator": 1,  # what a new body starts with (each body may change it)
    "body.default_quorum_denominator": 3,
    "body.default_quorum_minimum": 5,
    "body.default_deadline_working_days": 3,
    "privacy.members_see_own_meetings_only": True,
    "security.idle_lock_minutes": 10,  # lock the screen after this many idle minutes (0: never)
    "security.max_failed_logins": 5,  # wrong passwords in a row before the account locks
    "security.lockout_minutes": 15,  # how long it stays locked (or until the administrator resets it)
    "backup.auto_enabled": True,  # a rotating automatic backup at start-up/exit, at most once a day
    "backup.auto_keep": 7,  # how many automatic backups to keep
    "backup.auto_folder": "",  # where they go ("": the <db stem>.backups folder beside the database)
}


def get_setting(desk: Desk, key: str) -> Any:
    row = desk.one("SELECT value FROM settings WHERE key = ?", (key,))
    if row is None:
        return DEFAULTS.get(key)
    return json.loads(row["value"])


def all_settings(desk: Desk) -> dict[str, Any]:
    values = dict(DEFAULTS)
    for row in desk.query("SELECT key, value FROM settings"):
        values[row["key"]] = json.loads(row["value"])
    return values


def set_setting(desk: Desk, actor: Actor, key: str, value: Any) -> None:
    require(actor, "settings.edit")
    encoded = json.dumps(value, ensure_ascii=False)
    with desk.write(actor, "settings.set") as tx:
        if desk.one("SELECT 1 FROM settings WHERE key = ?", (key,)):
            tx.update("settings", {"key": key}, {"value": encoded})
        else:
            tx.insert("settings", {"key": key, "value": encoded})
