"""The 案件报告 screen's parts: the big table's model, the filter bar, the intake/edit form and its dialogs."""
