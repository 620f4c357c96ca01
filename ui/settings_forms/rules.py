"""会议规则: what new bodies start with (quorum, materials deadline), the 复议 deadline, the 审委会 rule, privacy."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QWidget

from meetingdesk.i18n import _

from ui.settings_forms.fields import SettingsForm


class RulesForm(SettingsForm):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesForm")
        self.add_heading(_("新建会议组的默认值"))
        self.add_note(
            _(
                "法定人数：出席的组成人员不少于组成人员总数的该比例，且不少于最低人数（默认三分之一、至少5人）。"
                "这里只决定新建会议组时的初始值；已有会议组的设置在“成员与会议组”中逐个修改。"
            )
        )
        self.numerator = QSpinBox()
        self.numerator.setObjectName("body.default_quorum_numerator")
        self.numerator.setRange(1, 9)
        self.numerator.setToolTip(_("如 1/3 中的 1"))
        self.denominator = QSpinBox()
        self.denominator.setObjectName("body.default_quorum_denominator")
        self.denominator.setRange(1, 10)
        self.denominator.setToolTip(_("如 1/3 中的 3"))
        for spin in (self.numerator, self.denominator):
            spin.setMinimumWidth(56)
        fraction = QWidget()
        row = QHBoxLayout(fraction)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.numerator)
        row.addWidget(QLabel("/"))
        row.addWidget(self.denominator)
        row.addWidget(QLabel(_("（组成人员总数的几分之几）")))
        row.addStretch(1)
        self.add_row(
            _("法定比例"),
            fraction,
            "body.default_quorum_numerator",
            _("出席的组成人员不少于组成人员总数的该比例，默认 1/3"),
            focus=self.numerator,
        )
        self.errors["body.default_quorum_denominator"] = self.errors["body.default_quorum_numerator"]
        self.widgets["body.default_quorum_denominator"] = self.denominator
        self.bind(
            "body.default_quorum_numerator",
            self.numerator.value,
            lambda v: self.numerator.setValue(int(v)),
            self.numerator,
        )
        self.bind(
            "body.default_quorum_denominator",
            self.denominator.value,
            lambda v: self.denominator.setValue(int(v)),
            self.denominator,
        )
        self.add_int(
            "body.default_quorum_minimum", _("最低出席人数"), _("出席的组成人员不少于该人数"), 1, 99, suffix=_(" 人")
        )
        self.add_int(
            "body.default_deadline_working_days",
            _("材料提前送达"),
            _("案件材料应在会前多少个工作日送达成员（按法定节假日和调休计算）；晚于此的议题标为逾期"),
            0,
            30,
            suffix=_(" 个工作日"),
        )
        self.add_heading(_("会后"))
        self.add_int(
            "followup.due_working_days",
            _("复议结果登记期限"),
            _("会后多少个工作日内应登记合议庭复议结果；逾期的在工作台提示"),
            1,
            120,
            suffix=_(" 个工作日"),
        )
        self.add_heading(_("提交审判委员会的提示规则"))
        self.add_note(_("满足下列情形时，“会后”页面提示应报请院长提交审判委员会讨论（是否提交由院庭长决定）。"))
        self.add_bool(
            "referral.only_four_categories",
            _("只对“四类案件”提示"),
            _("只有属于“四类案件”的才提示提交审委会"),
        )
        self.add_bool("referral.on_no_majority", _("专业法官会议未形成多数意见"), _("会议未形成多数意见时提示"))
        self.add_bool(
            "referral.on_panel_disagrees",
            _("合议庭复议意见与会议多数意见不一致（未采纳）"),
            _("合议庭未采纳会议多数意见时提示"),
        )
        self.add_bool(
            "referral.partial_counts",
            _("“部分采纳”也视为不一致"),
            _("合议庭部分采纳时也按不一致处理"),
        )
        self.add_bool(
            "referral.on_panel_undecided",
            _("合议庭复议后仍无法作出决定"),
            _("合议庭复议后仍无法决定时提示"),
        )
        self.add_heading(_("查阅范围"))
        self.add_bool(
            "privacy.members_see_own_meetings_only",
            _("成员账户只能查看本人参加的会议"),
            _("会议内容保密：取消勾选后，成员账户可查看全部会议"),
        )
        self.layout_.addStretch(1)
