"""Court-wide settings: checked, saved in one audited transaction, and read by the services that use them."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from meetingdesk.documents.collect import load_settings
from meetingdesk.errors import MeetingDeskError, PermissionDeniedError, ValidationError
from meetingdesk.exchange.roster_import import apply_roster_import
from meetingdesk.services import followups, roster
from meetingdesk.services.actor import SYSTEM
from meetingdesk.services.court_settings import (
    COURT_SETTINGS,
    check_value,
    court_settings,
    document_values,
    install_template,
    new_body_input,
    save_settings,
)
from meetingdesk.services.desk import Desk
from meetingdesk.services.settings import get_setting
from meetingdesk.services.users import authenticate

from tests.conftest import copy_demo


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[Desk]:
    with Desk(copy_demo(demo_template, tmp_path / "demo")) as desk:
        yield desk


def audit_count(desk: Desk) -> int:
    return int(desk.scalar("SELECT COUNT(*) FROM audit_log"))


def test_defaults_and_types_of_every_registered_setting(demo: Desk) -> None:
    values = court_settings(demo)
    assert values["court.name"] == "东江市中级人民法院"
    assert values["security.idle_lock_minutes"] == 10 and values["backup.auto_keep"] == 7
    for spec in COURT_SETTINGS:
        assert check_value(spec.key, values[spec.key]) == values[spec.key]


def test_save_checks_everything_first_and_writes_only_changes(demo: Desk) -> None:
    admin = authenticate(demo, "admin", "demo1234")
    before = audit_count(demo)
    with pytest.raises(ValidationError) as bad:
        save_settings(demo, admin, {"followup.due_working_days": 15, "security.idle_lock_minutes": 999})
    assert bad.value.field == "security.idle_lock_minutes" and "0至240" in str(bad.value)
    with pytest.raises(ValidationError):
        save_settings(demo, admin, {"documents.margins_mm": {"top": 200}})
    with pytest.raises(ValidationError, match="分子不能大于分母"):
        save_settings(demo, admin, {"body.default_quorum_numerator": 4})
    with pytest.raises(ValidationError, match="法院名称"):
        save_settings(demo, admin, {"court.name": "  "})
    assert get_setting(demo, "followup.due_working_days") == 10
    assert audit_count(demo) == before  # nothing written while any value was wrong

    current = {**court_settings(demo), **document_values(demo)}
    assert save_settings(demo, admin, current) == []  # unchanged values write nothing
    assert audit_count(demo) == before

    changed = save_settings(
        demo,
        admin,
        {
            **current,
            "court.name": " 东江市中级人民法院（新） ",
            "security.idle_lock_minutes": 0,
            "backup.auto_folder": "/srv/backups",
            "documents.margins_mm": {"top": 35, "bottom": 35, "left": 28, "right": 26},
            "documents.fonts": {**current["documents.fonts"], "body": "仿宋"},
        },
    )
    assert changed == [
        "backup.auto_folder",
        "court.name",
        "documents.fonts",
        "documents.margins_mm",
        "security.idle_lock_minutes",
    ]
    assert get_setting(demo, "court.name") == "东江市中级人民法院（新）"
    assert get_setting(demo, "security.idle_lock_minutes") == 0
    doc = load_settings(demo)
    assert doc.margins.top == 35 and doc.fonts.body == "仿宋"
    assert audit_count(demo) == before + 5
    written = demo.query("SELECT entity_id FROM audit_log ORDER BY id DESC LIMIT 5")
    assert {r["entity_id"] for r in written} == set(changed)


def test_only_administrators_change_court_settings(demo: Desk) -> None:
    secretary = authenticate(demo, "secretary", "demo1234")
    with pytest.raises(PermissionDeniedError, match="管理员"):
        save_settings(demo, secretary, {"followup.due_working_days": 12})
    with pytest.raises(PermissionDeniedError):
        install_template(demo, secretary, Path("x.docx"))


def test_new_bodies_start_with_the_court_defaults(demo: Desk, tmp_path: Path) -> None:
    save_settings(
        demo,
        SYSTEM,
        {
            "body.default_quorum_numerator": 1,
            "body.default_quorum_denominator": 2,
            "body.default_quorum_minimum": 7,
            "body.default_deadline_working_days": 5,
        },
    )
    blank = new_body_input(demo, "新会议组")
    assert (blank.quorum_denominator, blank.quorum_minimum, blank.deadline_working_days) == (2, 7, 5)
    sheet = tmp_path / "bodies.csv"
    sheet.write_text("会议组名称,法定人数比例\n商事专业法官会议,\n知产专业法官会议,1/3\n", encoding="utf-8")
    apply_roster_import(demo, SYSTEM, sheet)
    bodies = {b.name: b for b in roster.list_bodies(demo)}
    assert (bodies["商事专业法官会议"].quorum_denominator, bodies["商事专业法官会议"].quorum_minimum) == (2, 7)
    assert bodies["知产专业法官会议"].quorum_denominator == 3  # the file's own value wins


def test_referral_options_reach_the_advice(demo: Desk) -> None:
    assert followups.advice(demo, 2).required  # 四类案件, panel did not adopt
    assert followups.advice(demo, 7).required  # 四类案件, no majority
    save_settings(demo, SYSTEM, {"referral.on_panel_disagrees": False})
    assert not followups.advice(demo, 2).required
    assert followups.advice(demo, 7).required
    save_settings(demo, SYSTEM, {"referral.on_no_majority": False})
    assert not followups.advice(demo, 7).required


def _docx_bytes() -> bytes:
    from docx import Document

    buf = io.BytesIO()
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "东江市中级人民法院"
    doc.save(buf)
    return buf.getvalue()


def test_template_is_copied_beside_the_database_and_checked(demo: Desk, tmp_path: Path) -> None:
    good = tmp_path / "红头模板.docx"
    good.write_bytes(_docx_bytes())
    installed = install_template(demo, SYSTEM, good)
    assert installed.parent == demo.data_dir / "templates" and installed.read_bytes() == good.read_bytes()
    save_settings(demo, SYSTEM, {"documents.template": str(installed)})
    assert load_settings(demo).template_path == installed

    broken = tmp_path / "坏模板.docx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("hello.txt", "not a document")
    with pytest.raises(MeetingDeskError, match=r"坏模板\.docx"):
        install_template(demo, SYSTEM, broken)
    assert not (demo.data_dir / "templates" / "坏模板.docx").exists()
    with pytest.raises(ValidationError, match=r"\.docx 或 \.dotx"):
        install_template(demo, SYSTEM, tmp_path / "old.doc")
