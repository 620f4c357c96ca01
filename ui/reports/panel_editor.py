"""合议庭成员: who sat on the panel, in what role, and which view (多数/少数) each holds."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from meetingdesk.i18n import N_, _
from meetingdesk.services.reports import PanelMember
from meetingdesk.services.roster import Judge

ROLES: tuple[tuple[str, str], ...] = (
    ("presiding", N_("审判长")),
    ("reporting", N_("承办法官")),
    ("member", N_("合议庭成员")),
)
HOLDS: tuple[tuple[str | None, str], ...] = (
    ("majority", N_("持多数意见")),
    ("minority", N_("持少数意见")),
    (None, N_("未表明")),
)


class _Row:
    def __init__(self, judges: Sequence[Judge]) -> None:
        self.judge = QComboBox()
        self.judge.setToolTip(_("合议庭成员姓名"))
        self.judge.addItem(_("（请选择）"), None)
        for j in judges:
            extra = _(j.grade or j.post) if j.grade or j.post else ""
            self.judge.addItem(_("{name}（{grade}）").format(name=j.name, grade=extra) if extra else j.name, j.id)
        self.role = QComboBox()
        self.role.setToolTip(_("在合议庭中的角色"))
        for code, label in ROLES:
            self.role.addItem(_(label), code)
        self.role.setCurrentIndex(2)
        self.holds = QComboBox()
        self.holds.setToolTip(_("评议时所持的意见"))
        for hold, label in HOLDS:
            self.holds.addItem(_(label), hold)
        self.remove = QPushButton(_("移除"))
        self.remove.setToolTip(_("从合议庭成员中移除此人"))

    def widgets(self) -> list[QWidget]:
        return [self.judge, self.role, self.holds, self.remove]

    def member(self) -> PanelMember | None:
        jid = self.judge.currentData()
        if jid is None:
            return None
        return PanelMember(int(jid), str(self.role.currentData()), self.holds.currentData())


class PanelEditor(QWidget):
    """Rows of (judge, role, view held); an empty judge row is ignored."""

    sig_changed = Signal()
    """The panel as entered changed."""

    sig_rows_changed = Signal()
    """Rows were added or removed (the form re-chains its tab order)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._judges: list[Judge] = []
        self._rows: list[_Row] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        for col, title in enumerate((_("姓名"), _("角色"), _("所持意见"))):
            head = QLabel(title)
            head.setObjectName("panelHeader")
            self._grid.addWidget(head, 0, col)
        self._grid.setColumnStretch(0, 3)
        self._grid.setColumnStretch(1, 2)
        self._grid.setColumnStretch(2, 2)
        self.add_button = QPushButton(_("添加合议庭成员"))
        self.add_button.setObjectName("addPanelMember")
        self.add_button.setToolTip(_("增加一名合议庭成员，并注明其所持意见"))
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addWidget(self.add_button)

    # ---- public API

    def set_judges(self, judges: Sequence[Judge]) -> None:
        self._judges = list(judges)

    def set_panel(self, panel: Sequence[PanelMember]) -> None:
        for row in list(self._rows):
            self._drop(row, emit=False)
        for member in panel:
            row = self.add_row(emit=False)
            row.judge.setCurrentIndex(max(row.judge.findData(member.judge_id), 0))
            row.role.setCurrentIndex(max(row.role.findData(member.role), 0))
            row.holds.setCurrentIndex(max(row.holds.findData(member.holds), 0))
        self.sig_rows_changed.emit()

    def panel(self) -> tuple[PanelMember, ...]:
        return tuple(m for m in (r.member() for r in self._rows) if m is not None)

    def rows(self) -> list[_Row]:
        return list(self._rows)

    def focus_widgets(self) -> list[QWidget]:
        """In tab order: each row's fields, then the add button."""
        return [w for r in self._rows for w in r.widgets()] + [self.add_button]

    def add_row(self, *, focus: bool = False, emit: bool = True) -> _Row:
        row = _Row(self._judges)
        n = len(self._rows) + 1
        for col, widget in enumerate(row.widgets()):
            self._grid.addWidget(widget, n, col)
        row.judge.currentIndexChanged.connect(self.sig_changed)
        row.role.currentIndexChanged.connect(self.sig_changed)
        row.holds.currentIndexChanged.connect(self.sig_changed)
        row.remove.clicked.connect(lambda: self._drop(row))
        self._rows.append(row)
        if emit:
            self.sig_rows_changed.emit()
            self.sig_changed.emit()
        if focus:
            row.judge.setFocus()
        return row

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setEnabled(not read_only)
        for r in self._rows:
            for w in r.widgets():
                w.setEnabled(not read_only)

    # ---- internals

    def _drop(self, row: _Row, *, emit: bool = True) -> None:
        self._rows.remove(row)
        for w in row.widgets():
            self._grid.removeWidget(w)
            w.deleteLater()
        # re-pack the remaining rows so the grid has no holes
        for n, r in enumerate(self._rows, start=1):
            for col, w in enumerate(r.widgets()):
                self._grid.addWidget(w, n, col)
        if emit:
            self.sig_rows_changed.emit()
            self.sig_changed.emit()
