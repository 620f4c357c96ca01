"""会议室: where meetings are held (conflicts are checked per room when scheduling)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox

from meetingdesk.i18n import _
from meetingdesk.services import roster
from meetingdesk.services.roster import Room

from ui.roster.base import ListEditTab
from ui.row_model import MUTED_COLOUR, Column


class RoomsTab(ListEditTab[Room]):
    name = "rooms"

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.new_text = _("新增会议室")
        self.new_tip = _("登记一间会议室")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def columns(self) -> Sequence[Column[Room]]:
        return [
            Column(_("会议室"), lambda r: r.name),
            Column(_("位置"), lambda r: r.location),
            Column(_("容纳人数"), lambda r: r.capacity or "", align_right=True),
            Column(
                _("状态"),
                lambda r: _("启用") if r.active else _("已停用"),
                foreground=lambda r: None if r.active else MUTED_COLOUR,
            ),
        ]

    def key(self, item: Room) -> int:
        return item.id

    def load_rows(self) -> list[Room]:
        return roster.list_rooms(self.ctx.desk)

    def build_form(self) -> None:
        self.room_name = QLineEdit()
        self.room_name.setObjectName("roomName")
        self.location = QLineEdit()
        self.location.setObjectName("roomLocation")
        self.capacity = QSpinBox()
        self.capacity.setObjectName("roomCapacity")
        self.capacity.setRange(0, 500)
        self.capacity.setSpecialValueText(_("未填"))
        self.capacity.setSuffix(_(" 人"))
        self.active = QCheckBox(_("启用"))
        self.active.setObjectName("roomActive")
        self.add_field(_("名称(&M)"), self.room_name, "name", _("会议室名称"))
        self.add_field(_("位置"), self.location, "location", _("楼层、房间号等"))
        self.add_field(_("容纳人数"), self.capacity, "capacity", _("可容纳的人数（0表示未填）"))
        self.add_field(_("状态"), self.active, "active", _("停用后安排会议时不再列出"))

    def fill(self, item: Room | None) -> None:
        r = item or Room(id=0, name="")
        self.room_name.setText(r.name)
        self.location.setText(r.location)
        self.capacity.setValue(r.capacity or 0)
        self.active.setChecked(r.active)

    def title_for(self, item: Room | None) -> str:
        return item.name if item is not None else _("新增会议室")

    def write(self) -> int:
        capacity = self.capacity.value() or None
        if self.current_id is None:
            room = roster.create_room(
                self.ctx.desk, self.ctx.actor, self.room_name.text(), self.location.text(), capacity
            )
            if not self.active.isChecked():
                room = roster.update_room(
                    self.ctx.desk, self.ctx.actor, room.id, room.name, room.location, room.capacity, False
                )
            return room.id
        return roster.update_room(
            self.ctx.desk,
            self.ctx.actor,
            self.current_id,
            self.room_name.text(),
            self.location.text(),
            capacity,
            self.active.isChecked(),
        ).id
