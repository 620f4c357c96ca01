"""界面语言: this user's choice on this computer (QSettings), saved at once and applied at the next start."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from meetingdesk.i18n import _, current_language, has_catalogue

from ui.context import AppContext
from ui.language import CHOICES, effective_language
from ui.settings import LANGUAGE
from ui.settings_forms.fields import NOTE_STYLE


class LanguageBox(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("languageBox")
        self.combo = QComboBox()
        self.combo.setObjectName("language")
        self.combo.setToolTip(_("界面语言只影响本机的本账户；重新启动程序后生效"))
        for code, label in CHOICES:
            self.combo.addItem(_(label), code)
        self.combo.setCurrentIndex(max(self.combo.findData(ctx.settings.get(LANGUAGE)), 0))
        caption = QLabel(_("界面语言(&L)："))
        caption.setBuddy(self.combo)
        self.note = QLabel()
        self.note.setObjectName("languageNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        form = QFormLayout()
        form.addRow(caption, self.combo)
        form.addRow(self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(self._on_changed)
        self._update_note()

    def choice(self) -> str:
        return str(self.combo.currentData() or "")

    def _on_changed(self) -> None:
        self.ctx.settings.set(LANGUAGE, self.choice())
        self.ctx.settings.sync()
        self._update_note()

    def _update_note(self) -> None:
        will = effective_language(self.choice())
        names = {code: _(label) for code, label in CHOICES}
        lines = [
            _("此设置只影响本机的本账户，立即保存，重新启动程序后生效。"),
            _("导出的文书（Word、PDF）和 Excel 工作簿始终使用中文，不随界面语言改变：它们是法院的正式文书。"),
        ]
        if will != current_language():
            lines.append(_("下次启动时界面将显示为：{name}。").format(name=names.get(will, will)))
        wanted = self.choice() or will
        if not has_catalogue(wanted):
            lines.append(_("所选语言的翻译尚未安装，程序将继续以中文显示。"))
        self.note.setText("\n".join(lines))
