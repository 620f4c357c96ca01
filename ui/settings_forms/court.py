"""法院与文书: the court's name, its Word template (letterhead), and the documents' fonts, sizes and margins.

The documents follow GB/T 9704 by default (meetingdesk.documents.settings); a court changes what its own
house style needs. The template is copied beside the database and checked on a worker thread (loading
python-docx there), then stored with the other values when the page is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from meetingdesk.errors import Cancelled
from meetingdesk.i18n import N_, _
from meetingdesk.progress import CancelFn, ProgressFn

from ui.context import AppContext
from ui.errors import show_error
from ui.settings_forms.fields import SettingsForm

A4 = (210.0, 297.0)

FONT_ROLES: tuple[tuple[str, str, str], ...] = (
    ("title", N_("标题"), N_("标题和“纪要”标志：2号小标宋")),
    ("body", N_("正文"), N_("正文和三级标题“1.”：3号仿宋")),
    ("heading1", N_("一级标题"), N_("“一、”：黑体")),
    ("heading2", N_("二级标题"), N_("“（一）”：楷体")),
    ("song", N_("页码"), N_("页码“— 1 —”：4号宋体")),
    ("latin", N_("西文和数字"), N_("正文中的数字和西文字母")),
)
COMMON_FONTS = (
    "方正小标宋简体",
    "小标宋体",
    "仿宋_GB2312",
    "仿宋",
    "黑体",
    "楷体_GB2312",
    "楷体",
    "宋体",
    "Times New Roman",
)
PAGE_NUMBERS = (("outside", N_("单页居右、双页居左（公文格式）")), ("center", N_("居中")))
SIGNIN_ORDER = (("speaking", N_("按发言顺序")), ("strokes", N_("按姓氏笔画")))


class CourtForm(SettingsForm):
    """Court name, template, fonts, sizes, margins and the fixed texts of the documents."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("courtForm")
        self.add_heading(_("法院"))
        self.court_name = self.add_text(
            "court.name", _("法院名称"), _("出现在窗口标题和每一份文书上，如“东江市中级人民法院”"), max_length=60
        )
        self.add_text("court.short_name", _("简称"), _("用于较窄的位置，如“东江中院”（可不填）"), max_length=30)

        self.add_heading(_("文书模板（红头）"))
        self.template = QLineEdit()
        self.template.setObjectName("documents.template")
        self.template.setReadOnly(True)
        self.template.setPlaceholderText(_("未使用模板：按 GB/T 9704 公文格式排版"))
        self.choose_template = QPushButton(_("选择模板…"))
        self.choose_template.setObjectName("chooseTemplate")
        self.choose_template.setToolTip(
            _("选择本院的 Word 模板（.docx 或 .dotx）：其页眉页脚、红头和样式将用于导出的文书")
        )
        self.choose_template.clicked.connect(lambda _c=False: self.pick_template())
        self.clear_template = QPushButton(_("不用模板"))
        self.clear_template.setObjectName("clearTemplate")
        self.clear_template.setToolTip(_("不使用模板，按内置的公文格式排版"))
        self.clear_template.clicked.connect(lambda: self.template.setText(""))
        for button in (self.choose_template, self.clear_template):
            button.setProperty("editOnly", True)
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(self.template, 1)
        h.addWidget(self.choose_template)
        h.addWidget(self.clear_template)
        self.add_row(_("Word 模板"), row, "documents.template", _("本院的 Word 模板文件"), focus=self.choose_template)
        self.bind(
            "documents.template", self.template.text, lambda v: self.template.setText(str(v or "")), self.template
        )
        self.add_note(_("选定的模板会复制到数据库所在的文件夹，随数据一起备份；模板中的正文会被忽略。"))

        self.add_heading(_("字体"))
        self.fonts: dict[str, QComboBox] = {}
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, (role, label, tip) in enumerate(FONT_ROLES):
            combo = QComboBox()
            combo.setObjectName(f"font_{role}")
            combo.setEditable(True)
            combo.addItems(COMMON_FONTS)
            combo.setToolTip(_(tip))
            caption = QLabel(_(label))
            caption.setBuddy(combo)
            grid.addWidget(caption, n // 2, (n % 2) * 2)
            grid.addWidget(combo, n // 2, (n % 2) * 2 + 1)
            self.fonts[role] = combo
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.add_row(
            _("文书字体"),
            grid_holder,
            "documents.fonts",
            _("Word 按字体名称在阅读者的电脑上查找字体；请填写本院电脑上安装的字体名"),
            focus=self.fonts["title"],
        )
        self.bind("documents.fonts", self._font_values, self._set_fonts, *self.fonts.values())

        self.add_heading(_("字号与版心"))
        self.add_float("documents.title_size", _("标题字号"), _("默认22磅（2号）"), 8, 48, suffix=_(" 磅"))
        self.add_float("documents.body_size", _("正文字号"), _("默认16磅（3号）"), 8, 48, suffix=_(" 磅"))
        self.add_float("documents.table_size", _("表格字号"), _("默认14磅（4号）"), 8, 48, suffix=_(" 磅"))
        self.margins = {
            side: self.float_spin(f"margin_{side}", 5, 80, suffix=_(" 毫米"))
            for side in ("top", "bottom", "left", "right")
        }
        margins_holder = QWidget()
        mg = QGridLayout(margins_holder)
        mg.setContentsMargins(0, 0, 0, 0)
        for n, (side, label) in enumerate(
            (("top", _("上")), ("bottom", _("下")), ("left", _("左（订口）")), ("right", _("右")))
        ):
            caption = QLabel(label)
            caption.setBuddy(self.margins[side])
            mg.addWidget(caption, n // 2, (n % 2) * 2)
            mg.addWidget(self.margins[side], n // 2, (n % 2) * 2 + 1)
        mg.setColumnStretch(4, 1)
        self.add_row(
            _("页边距"),
            margins_holder,
            "documents.margins_mm",
            _("GB/T 9704：上37、下35、左28、右26毫米，版心156×225毫米"),
            focus=self.margins["top"],
        )
        self.bind("documents.margins_mm", self._margin_values, self._set_margins, *self.margins.values())
        self.type_area = self.add_note("")
        self.type_area.setObjectName("typeArea")
        for spin in self.margins.values():
            spin.valueChanged.connect(self._update_type_area)
        self.add_int("documents.lines_per_page", _("每页行数"), _("默认每页22行"), 10, 60, suffix=_(" 行"))
        self.add_int("documents.chars_per_line", _("每行字数"), _("默认每行28字"), 10, 60, suffix=_(" 字"))
        self.add_choice(
            "documents.page_numbers", _("页码位置"), _("页码“— 1 —”的位置"), [(c, _(t)) for c, t in PAGE_NUMBERS]
        )

        self.add_heading(_("文书中的固定文字"))
        self.add_text(
            "documents.confidentiality_line",
            _("保密标注"),
            _("内部文书首页的标注，默认“内部资料 注意保密”"),
            max_length=40,
        )
        self.add_text(
            "documents.summary_number_format",
            _("纪要编号格式"),
            _("{year} 为年度，{seq} 为期数，如“〔{year}〕第{seq}期”"),
            max_length=40,
        )
        self.add_text(
            "documents.summary_issuer",
            _("纪要编发单位"),
            _("留空时为“法院名称＋会议组名称”"),
            placeholder=_("留空：法院名称＋会议组名称"),
            max_length=60,
        )
        self.add_text(
            "documents.archive_note", _("归档标注"), _("会议记录末尾的归档说明，默认“归入副卷”"), max_length=40
        )
        self.add_choice(
            "documents.signin_order", _("签到表排序"), _("签到表上成员的排列顺序"), [(c, _(t)) for c, t in SIGNIN_ORDER]
        )
        self.layout_.addStretch(1)
        self._update_type_area()

    # ---- composite values

    def _font_values(self) -> dict[str, str]:
        return {role: combo.currentText().strip() for role, combo in self.fonts.items()}

    def _set_fonts(self, value: Any) -> None:
        for role, combo in self.fonts.items():
            combo.setCurrentText(str((value or {}).get(role, "")))

    def _margin_values(self) -> dict[str, float]:
        return {side: spin.value() for side, spin in self.margins.items()}

    def _set_margins(self, value: Any) -> None:
        for side, spin in self.margins.items():
            spin.setValue(float((value or {}).get(side, spin.value())))
        self._update_type_area()

    def _update_type_area(self) -> None:
        m = self._margin_values()
        width, height = A4[0] - m["left"] - m["right"], A4[1] - m["top"] - m["bottom"]
        self.type_area.setText(
            _("版心：{w:g} × {h:g} 毫米（GB/T 9704 为 156 × 225 毫米）").format(w=round(width, 1), h=round(height, 1))
        )

    # ---- the template

    def pick_template(self, path: Path | None = None, on_done: Callable[[Path], None] | None = None) -> None:
        """Ask for a .docx/.dotx (unless ``path`` is given), copy it beside the database and check it."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("选择 Word 模板"), str(Path.home()), _("Word 模板 (*.docx *.dotx)")
            )
            if not chosen:
                return
            path = Path(chosen)
        desk, actor, source = self.ctx.desk, self.ctx.actor, path

        def work(progress: ProgressFn, _should_cancel: CancelFn) -> Path:
            from meetingdesk.services.court_settings import install_template

            progress(0.1, _("检查模板"))
            return install_template(desk, actor, source)

        def done(installed: Path) -> None:
            self.template.setText(str(installed))
            self.ctx.signals.sig_status_message.emit(_("模板可以使用；保存设置后生效。"))
            if on_done is not None:
                on_done(installed)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, Cancelled):
                show_error(self, exc)

        self.ctx.tasks.run(work, on_done=done, on_error=failed, parent=self.window(), label=_("正在检查模板……"))
