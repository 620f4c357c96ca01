"""The 会中 tab: sign-in, live quorum, the speaking order, fast opinion entry, the computed result, the
presider's summary. Everything typed is written through the services as you go (debounced) and when
the window closes; a reason typed before its stance is kept as a draft until it can be recorded.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from meetingdesk.errors import MeetingDeskError
from meetingdesk.i18n import _
from meetingdesk.services import agenda as agenda_svc
from meetingdesk.services import attendance, discussion
from meetingdesk.services import meetings as meetings_svc
from meetingdesk.services.agenda import AgendaItem
from meetingdesk.services.discussion import RecordedOpinion, SpeakerSlot
from meetingdesk.services.meetings import Meeting
from meetingdesk.services.permissions import allowed

from ui.affixes import set_affixes
from ui.context import AppContext
from ui.errors import show_error
from ui.meetings.actions import attempt, succeeded
from ui.meetings.attendance_panel import AttendancePanel
from ui.meetings.drafts import DraftStore
from ui.meetings.item_texts import ItemTexts
from ui.meetings.labels import ADVISORY_NOTE, item_status, stance_text
from ui.meetings.meeting_bar import MeetingBar
from ui.meetings.opinion_entry import OpinionEntry
from ui.meetings.speakers import SpeakerRow, speaker_columns
from ui.meetings.table_model import RecordTableModel
from ui.meetings.widgets import Debouncer, QuorumIndicator, chain_tab_order, fit_columns, setup_table
from ui.state import restore_splitter, save_splitter

AUTOSAVE_MS = 800


class LiveTab(QWidget):
    changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None
        self.items: list[AgendaItem] = []
        self.item_id: int | None = None
        self.round = 1
        self.slots: list[SpeakerSlot] = []
        self.opinions: list[RecordedOpinion] = []
        self.speaker_pos: int | None = None
        self.pending: list[str] | None = None
        self.drafts = DraftStore(ctx.settings, "opinion")
        self._loading = False

        self.bar = MeetingBar(ctx, self.flush)
        self.bar.changed.connect(self.changed.emit)
        self.bar.started.connect(self._started)
        self.bar.reload.connect(lambda: self.load(self.meeting.id if self.meeting else None))
        self.start_btn, self.end_btn, self.adjourn_btn = self.bar.start_btn, self.bar.end_btn, self.bar.adjourn_btn
        self.meeting_quorum = QuorumIndicator(_("会议："))
        self.meeting_quorum.setObjectName("meetingQuorum")

        # ---- left: sign-in
        self.attendance = AttendancePanel(ctx)
        self.attendance.changed.connect(self._attendance_changed)

        # ---- centre: item, order, entry
        self.item_combo = QComboBox()
        self.item_combo.setObjectName("liveItem")
        self.item_combo.setToolTip(_("当前议题"))
        self.item_combo.currentIndexChanged.connect(self._item_chosen)
        self.prev_btn = QPushButton(_("上一议题"))
        self.prev_btn.setToolTip(_("转到上一议题（Ctrl+PgUp）"))
        self.prev_btn.clicked.connect(lambda: self.go_item(-1))
        self.next_btn = QPushButton(_("下一议题"))
        self.next_btn.setObjectName("nextItem")
        self.next_btn.setToolTip(_("本议题标记为已讨论并转到下一议题（Ctrl+回车）"))
        self.next_btn.clicked.connect(self.next_item)
        self.defer_btn = QPushButton(_("暂缓"))
        self.defer_btn.setToolTip(_("本议题暂缓讨论，会后退回“已受理”另行安排"))
        self.defer_btn.clicked.connect(self._defer)
        item_bar = QHBoxLayout()
        il = QLabel(_("议题(&I)："))
        il.setBuddy(self.item_combo)
        item_bar.addWidget(il)
        item_bar.addWidget(self.item_combo, 1)
        item_bar.addWidget(self.prev_btn)
        item_bar.addWidget(self.next_btn)
        item_bar.addWidget(self.defer_btn)
        self.item_quorum = QuorumIndicator(_("本议题："))
        self.item_quorum.setObjectName("itemQuorum")

        self.speaker_model = RecordTableModel(speaker_columns(), self)
        self.speakers = QTableView()
        self.speakers.setObjectName("speakingOrder")
        self.speakers.setModel(self.speaker_model)
        setup_table(self.speakers, stretch=4)
        self.speakers.setToolTip(
            _("发言顺序：列席人员先发言，成员按法官等级由低到高（同等级晋升在后者先发言），主持人最后")
        )
        self.speakers.clicked.connect(self._speaker_clicked)
        self.order_label = QLabel()
        self.order_label.setObjectName("orderLabel")
        self.order_label.setWordWrap(True)
        self.order_up = QPushButton(_("提前"))
        self.order_up.setToolTip(_("将所选发言人提前一位（调整顺序须写明理由）"))
        self.order_up.clicked.connect(lambda: self._propose_move(-1))
        self.order_down = QPushButton(_("推后"))
        self.order_down.setToolTip(_("将所选发言人推后一位（调整顺序须写明理由）"))
        self.order_down.clicked.connect(lambda: self._propose_move(1))
        self.order_reason = QLineEdit()
        self.order_reason.setObjectName("orderReason")
        self.order_reason.setPlaceholderText(_("调整理由"))
        self.order_reason.setToolTip(_("偏离规定发言顺序的理由，将记入会议记录"))
        self.order_confirm = QPushButton(_("确认调整"))
        self.order_confirm.setObjectName("confirmOrder")
        self.order_confirm.setToolTip(_("按调整后的顺序发言，理由记入会议记录"))
        self.order_confirm.clicked.connect(self._confirm_order)
        self.order_reset = QPushButton(_("恢复规则顺序"))
        self.order_reset.setToolTip(_("撤销调整，恢复按规则生成的发言顺序"))
        self.order_reset.clicked.connect(self._reset_order)
        order_row = QHBoxLayout()
        for w in (self.order_up, self.order_down):
            order_row.addWidget(w)
        order_row.addWidget(self.order_reason, 1)
        order_row.addWidget(self.order_confirm)
        order_row.addWidget(self.order_reset)

        self.round_spin = QSpinBox()
        self.round_spin.setObjectName("round")
        self.round_spin.setRange(1, 9)
        set_affixes(self.round_spin, _("第{n}轮"))
        self.round_spin.setToolTip(_("发言轮次；每轮分别记录"))
        self.round_spin.valueChanged.connect(self._round_changed)
        self.next_round_btn = QPushButton(_("下一轮"))
        self.next_round_btn.setObjectName("nextRound")
        self.next_round_btn.setToolTip(_("主持人要求再发表意见时，开始新一轮（Ctrl+R）"))
        self.next_round_btn.clicked.connect(self.next_round)
        self.entry = OpinionEntry()
        self.entry.submitted.connect(self.submit)
        self.entry.nextItemRequested.connect(self.next_item)
        self.entry.moveRequested.connect(self.move_speaker)
        self.entry.edited.connect(self._opinion_edited)
        round_row = QHBoxLayout()
        round_row.addWidget(self.round_spin)
        round_row.addWidget(self.next_round_btn)
        round_row.addStretch(1)

        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addLayout(item_bar)
        cl.addWidget(self.item_quorum)
        order_box = QGroupBox(_("发言顺序"))
        ol = QVBoxLayout(order_box)
        ol.addWidget(self.speakers, 1)
        ol.addWidget(self.order_label)
        ol.addLayout(order_row)
        cl.addWidget(order_box, 1)
        entry_box = QGroupBox(_("记录发言"))
        el = QVBoxLayout(entry_box)
        el.addLayout(round_row)
        el.addWidget(self.entry)
        cl.addWidget(entry_box)

        # ---- right: result and texts
        self.result = QLabel()
        self.result.setObjectName("itemResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setMinimumHeight(70)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.result.setToolTip(_("按成员最后一轮意见自动统计，过半数为多数意见；列席人员意见不计入"))
        advisory = QLabel(_(ADVISORY_NOTE))
        advisory.setWordWrap(True)
        advisory.setStyleSheet("color:#5f6368;")
        result_box = QGroupBox(_("讨论结果（参考意见）"))
        rl = QVBoxLayout(result_box)
        rl.addWidget(self.result)
        rl.addWidget(advisory)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("autosaveState")
        self.saved_label.setStyleSheet("color:#5f6368;")
        self.text_tabs = ItemTexts(ctx, lambda: self.ctx.desk.now().strftime("%H:%M:%S"))
        self.texts = self.text_tabs.edits
        self.text_tabs.status.connect(self.saved_label.setText)
        self.text_tabs.saved.connect(lambda: self.changed.emit("meetings"))
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(result_box)
        rlay.addWidget(self.text_tabs, 1)
        rlay.addWidget(self.saved_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("liveSplitter")
        self.splitter.addWidget(self.attendance)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([290, 600, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.meeting_quorum)
        layout.addWidget(self.splitter, 1)

        self._opinion_saver = Debouncer(self._autosave_opinion, AUTOSAVE_MS, self)
        QShortcut(QKeySequence("Ctrl+R"), self, self.next_round)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.next_item, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.go_item(-1))
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.go_item(1))
        QShortcut(QKeySequence("Ctrl+E"), self, self.entry.picker.setFocus)
        chain = [
            self.start_btn,
            self.end_btn,
            self.adjourn_btn,
            self.attendance.view,
            self.attendance.reason,
            self.attendance.present_btn,
            self.attendance.leave_btn,
            self.attendance.absent_btn,
            self.attendance.recuse_btn,
            self.attendance.left_btn,
            self.attendance.clear_btn,
            self.attendance.invitees,
            self.attendance.attended_btn,
            self.item_combo,
            self.prev_btn,
            self.next_btn,
            self.defer_btn,
            self.speakers,
            self.order_up,
            self.order_down,
            self.order_reason,
            self.order_confirm,
            self.order_reset,
            self.round_spin,
            self.next_round_btn,
            self.entry.picker,
            self.entry.reasons,
            self.entry.save_btn,
            self.text_tabs,
            *self.texts.values(),
        ]
        chain_tab_order(chain)

    # ---- permissions and states

    def can_record(self) -> bool:
        m = self.meeting
        return bool(m and allowed(self.ctx.actor, "meeting.record") and not m.locked)

    def can_speak(self) -> bool:
        m = self.meeting
        return self.can_record() and m is not None and m.state in ("in_progress", "held")

    # ---- loading

    def load(self, meeting_id: int | None) -> None:
        self.flush()
        self.meeting = meetings_svc.get_meeting(self.ctx.desk, meeting_id) if meeting_id is not None else None
        self.items = agenda_svc.agenda(self.ctx.desk, meeting_id) if meeting_id is not None else []
        keep = self.item_id if any(i.id == self.item_id for i in self.items) else None
        if keep is None:
            candidates = [i for i in self.items if i.status in ("discussing", "pending")] or self.items
            keep = candidates[0].id if candidates else None
        self._fill_items(keep)
        self.bar.show_meeting(self.meeting)
        self.meeting_quorum.show_check(
            attendance.meeting_quorum(self.ctx.desk, self.meeting.id) if self.meeting else None
        )
        self._load_item(keep)

    def _fill_items(self, selected: int | None) -> None:
        self.item_combo.blockSignals(True)
        self.item_combo.clear()
        for i in self.items:
            self.item_combo.addItem(
                _("{n}. {case} {cause}（{status}）").format(
                    n=i.position, case=i.case_number, cause=i.cause, status=item_status(i.status)
                ),
                i.id,
            )
        self.item_combo.setCurrentIndex(max(self.item_combo.findData(selected), 0) if self.items else -1)
        self.item_combo.blockSignals(False)

    def _item(self) -> AgendaItem | None:
        return next((i for i in self.items if i.id == self.item_id), None)

    def _load_item(self, item_id: int | None) -> None:
        self._loading = True
        self.item_id = item_id
        self.pending = None
        self.order_reason.clear()
        self.attendance.load(self.meeting, item_id)
        item = self._item()
        self.text_tabs.load(item, editable=self.can_record())
        self.saved_label.setText("")
        if item is not None:
            self.entry.set_stances(discussion.stances_for(self.ctx.desk, item.id))
        self._loading = False
        self._reload_discussion(pick_round=True)
        n = self.items.index(item) if item in self.items else -1
        self.prev_btn.setEnabled(n > 0)
        self.next_btn.setEnabled(item is not None)
        self.defer_btn.setEnabled(self.can_speak() and item is not None and item.status != "deferred")

    def _reload_discussion(self, *, pick_round: bool = False) -> None:
        """Order, opinions, result and the item's quorum, as the services compute them now."""
        item = self._item()
        if item is None:
            self.slots, self.opinions = [], []
            self.item_quorum.show_check(None, _("（议程为空）") if self.meeting else "")
            self.result.setText("")
            self.order_label.setText("")
            self.speaker_model.set_rows([])
            self.speaker_pos = None
            self._show_entry()
            return
        order = discussion.speaking_order_for(self.ctx.desk, item.id)
        self.slots = order.slots
        self.opinions = discussion.opinions(self.ctx.desk, item.id)
        if pick_round:
            rounds = [o.round for o in self.opinions]
            self.round = max(rounds) if rounds else 1
            self.round_spin.blockSignals(True)
            self.round_spin.setValue(self.round)
            self.round_spin.blockSignals(False)
            self.speaker_pos = self._first_open()
        self.order_label.setText(
            _("发言顺序已调整，理由：{reason}").format(reason=order.reason)
            if order.overridden
            else _("按规则排序：列席人员先发言，成员按等级由低到高（同等级晋升在后者先发言），主持人最后发言。")
        )
        self.item_quorum.show_check(attendance.item_quorum(self.ctx.desk, item.id))
        self._show_result()
        self._fill_speakers()
        self._show_entry()
        can_order = self.can_speak()
        for w in (self.order_up, self.order_down, self.order_reason):
            w.setEnabled(can_order)
        self.order_confirm.setEnabled(can_order and self.pending is not None)
        self.order_reset.setEnabled(can_order and order.overridden)
        self.next_round_btn.setEnabled(self.can_speak() and bool(self.opinions))
        self.round_spin.setEnabled(self.can_speak())

    def _show_result(self) -> None:
        if self.item_id is None:
            return
        result = discussion.item_result(self.ctx.desk, self.item_id)
        if result.voters == 0:
            colour = "#5f6368"
        elif result.has_majority:
            colour = "#1e6b34"
        else:
            colour = "#a4231c"
        self.result.setText(
            _("{summary}。\n（已发表意见成员{voters}人，参加评议成员{base}人）").format(
                summary=result.summary(), voters=result.voters, base=result.counted_members
            )
        )
        self.result.setStyleSheet(f"QLabel {{ color:{colour}; font-size:14px; font-weight:bold; }}")

    def _in_round(self, key: str) -> RecordedOpinion | None:
        return next((o for o in self.opinions if o.round == self.round and o.speaker_key == key), None)

    def _first_open(self) -> int | None:
        for n, slot in enumerate(self.slots):
            if self._in_round(slot.key) is None:
                return n
        return None

    def _display_slots(self) -> list[tuple[SpeakerSlot, bool]]:
        if self.pending is None:
            return [(s, False) for s in self.slots]
        by_key = {s.key: s for s in self.slots}
        return [(by_key[k], True) for k in self.pending if k in by_key]

    def _fill_speakers(self) -> None:
        rows = []
        for slot, pending in self._display_slots():
            earlier = _("；").join(
                _("第{r}轮：{s}").format(r=o.round, s=stance_text(o.stance))
                for o in self.opinions
                if o.speaker_key == slot.key and o.round != self.round
            )
            rows.append(SpeakerRow(slot, self._in_round(slot.key), earlier, pending))
        self.speaker_model.set_rows(rows)
        fit_columns(self.speakers)
        self.speaker_model.set_bold_row(self.speaker_pos if self.pending is None else None)
        if self.speaker_pos is not None and self.pending is None:
            self.speakers.selectRow(self.speaker_pos)

    def _slot(self) -> SpeakerSlot | None:
        return (
            self.slots[self.speaker_pos]
            if self.speaker_pos is not None and 0 <= self.speaker_pos < len(self.slots)
            else None
        )

    def _draft_key(self, slot: SpeakerSlot) -> str:
        return f"{self.item_id}/{self.round}/{slot.key}"

    def _show_entry(self) -> None:
        slot = self._slot()
        # the picker stays usable at the end of a round: ↑ goes back, Ctrl+Enter to the next item
        self.entry.set_active(self.can_speak() and bool(self.slots))
        self.entry.set_speaker_current(slot is not None)
        if self.meeting is None or self.item_id is None:
            self.entry.show_speaker(_("（未选择议题）"), None, "")
            return
        if slot is None:
            if not self.slots:
                text = _("本议题暂无可发言人员（请检查签到）。")
            elif self.meeting.state in ("planned", "notified"):
                text = _("会议尚未开始。")
            else:
                text = _(
                    "第{r}轮发言已全部记录。需要再发表意见时按“下一轮”（Ctrl+R），或 Ctrl+回车转到下一议题。"
                ).format(r=self.round)
            self.entry.show_speaker(text, None, "")
            return
        saved = self._in_round(slot.key)
        who = _("第{r}轮 · 第{n}/{total}位：{name}（{why}）").format(
            r=self.round, n=slot.position, total=len(self.slots), name=slot.name, why=slot.why
        )
        if self.meeting.state in ("planned", "notified"):
            who = _("会议尚未开始。下一位发言人：") + who
        if saved is not None:
            self.entry.show_speaker(who, saved.stance, saved.reasons)
        else:
            self.entry.show_speaker(who, None, self.drafts.load(self._draft_key(slot)))

    # ---- opinion entry

    def _opinion_edited(self) -> None:
        self.saved_label.setText(_("正在输入……"))
        self._opinion_saver.poke()

    def _record(self, *, quiet: bool) -> bool:
        """Write the entry for the current speaker through the services."""
        slot, item = self._slot(), self._item()
        stance = self.entry.stance()
        if slot is None or item is None or not self.can_speak():
            return False
        if stance is None:
            text = self.entry.text()
            if text.strip():
                self.drafts.save(self._draft_key(slot), text)
                self.saved_label.setText(_("理由已暂存；选择意见后保存。"))
            if not quiet:
                self.ctx.signals.sig_status_message.emit(_("请先按数字键选择{name}的意见。").format(name=slot.name))
                self.entry.picker.setFocus()
            return False
        try:
            discussion.record_opinion(
                self.ctx.desk, self.ctx.actor, item.id, slot.key, stance, self.entry.text(), self.round
            )
        except MeetingDeskError as exc:
            if quiet:
                self.saved_label.setText(_("未能自动保存：{e}").format(e=exc.message))
            else:
                show_error(self, exc)
            return False
        self.drafts.clear(self._draft_key(slot))
        self.opinions = discussion.opinions(self.ctx.desk, item.id)
        self.saved_label.setText(_("已保存 {time}").format(time=self.ctx.desk.now().strftime("%H:%M:%S")))
        self._show_result()
        self.changed.emit("meetings")
        return True

    def _autosave_opinion(self) -> None:
        if self._record(quiet=True):
            self._fill_speakers()

    def submit(self) -> None:
        """Enter: save this speaker's opinion and move on to the next."""
        self._opinion_saver.cancel()
        if not self._record(quiet=False):
            return
        self.speaker_pos = (
            self.speaker_pos + 1 if self.speaker_pos is not None and self.speaker_pos + 1 < len(self.slots) else None
        )
        self._fill_speakers()
        self._show_entry()
        self.next_round_btn.setEnabled(self.can_speak())
        self.entry.picker.setFocus()

    def move_speaker(self, delta: int) -> None:
        self._opinion_saver.flush()
        if not self.slots:
            return
        start = self.speaker_pos if self.speaker_pos is not None else (len(self.slots) if delta < 0 else -1)
        self.speaker_pos = min(max(start + delta, 0), len(self.slots) - 1)
        self._fill_speakers()
        self._show_entry()

    def _speaker_clicked(self, index: QModelIndex) -> None:
        if self.pending is not None:
            return
        self._opinion_saver.flush()
        self.speaker_pos = index.row()
        self._fill_speakers()
        self._show_entry()
        self.entry.picker.setFocus()

    def _round_changed(self, value: int) -> None:
        self._opinion_saver.flush()
        self.round = value
        self.speaker_pos = self._first_open()
        self._fill_speakers()
        self._show_entry()

    def next_round(self) -> None:
        if not self.can_speak() or not self.opinions:
            return
        self._opinion_saver.flush()
        self.round_spin.setValue(min(max(o.round for o in self.opinions) + 1, 9))
        self.speaker_pos = 0 if self.slots else None
        self._fill_speakers()
        self._show_entry()
        self.entry.picker.setFocus()

    # ---- speaking order

    def _propose_move(self, delta: int) -> None:
        keys = self.pending if self.pending is not None else [s.key for s in self.slots]
        row = self.speakers.currentIndex().row()
        target = row + delta
        if not (0 <= row < len(keys) and 0 <= target < len(keys)):
            return
        keys = list(keys)
        keys.insert(target, keys.pop(row))
        self.pending = keys
        self._fill_speakers()
        self.speakers.selectRow(target)
        self.order_confirm.setEnabled(True)
        self.order_label.setText(_("顺序已调整但尚未生效：请填写理由并“确认调整”。"))

    def _confirm_order(self) -> None:
        if self.pending is None or self.item_id is None:
            return
        done = attempt(
            self,
            discussion.reorder_speakers,
            self.ctx.desk,
            self.ctx.actor,
            self.item_id,
            self.pending,
            self.order_reason.text(),
        )
        if done is None:
            return
        self.pending = None
        self.order_reason.clear()
        self._reload_discussion(pick_round=True)
        self.changed.emit("meetings")

    def _reset_order(self) -> None:
        self.pending = None
        if self.item_id is None:
            return
        if attempt(self, discussion.reorder_speakers, self.ctx.desk, self.ctx.actor, self.item_id, None) is not None:
            self._reload_discussion(pick_round=True)
            self.changed.emit("meetings")

    def flush(self) -> None:
        """Write everything pending now (before switching items, tabs, or closing)."""
        self._opinion_saver.flush()
        self.text_tabs.flush()

    # ---- items

    def _item_chosen(self, index: int) -> None:
        self.flush()
        self._load_item(self.item_combo.itemData(index) if index >= 0 else None)

    def go_item(self, delta: int) -> None:
        n = self.item_combo.currentIndex() + delta
        if 0 <= n < self.item_combo.count():
            self.item_combo.setCurrentIndex(n)

    def next_item(self) -> None:
        """Ctrl+Enter: the current item is discussed (if anyone spoke); go to the next one."""
        self.flush()
        item = self._item()
        if item is None:
            return
        if self.can_speak() and self.opinions and item.status in ("pending", "discussing"):
            if not succeeded(self, discussion.set_item_status, self.ctx.desk, self.ctx.actor, item.id, "discussed"):
                return
            self.changed.emit("meetings")
        n = self.items.index(item)
        following = self.items[n + 1].id if n + 1 < len(self.items) else item.id
        if following == item.id:
            self.ctx.signals.sig_status_message.emit(_("已是最后一个议题；全部讨论完毕后请点击“结束会议”。"))
        self.item_id = following
        self.load(self.meeting.id if self.meeting else None)
        self.entry.picker.setFocus()

    def _defer(self) -> None:
        item = self._item()
        if item is None:
            return
        if succeeded(self, discussion.set_item_status, self.ctx.desk, self.ctx.actor, item.id, "deferred"):
            self.changed.emit("meetings")
            self.load(self.meeting.id if self.meeting else None)

    # ---- meeting

    def _attendance_changed(self, area: str) -> None:
        self._opinion_saver.flush()
        if self.meeting is not None:
            self.meeting_quorum.show_check(attendance.meeting_quorum(self.ctx.desk, self.meeting.id))
        slot = self._slot()
        keep = slot.key if slot else None
        self._reload_discussion()
        keys = [s.key for s in self.slots]
        self.speaker_pos = keys.index(keep) if keep in keys else self._first_open()
        self._fill_speakers()
        self._show_entry()
        self.changed.emit(area)

    def _started(self) -> None:
        self.load(self.meeting.id if self.meeting else None)
        self.entry.picker.setFocus()

    # ---- state

    def save_state(self) -> None:
        self.flush()
        save_splitter(self.ctx.settings, "MeetingLive", self.splitter)

    def restore_state(self) -> None:
        restore_splitter(self.ctx.settings, "MeetingLive", self.splitter)
