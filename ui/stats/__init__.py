"""The 统计 page's parts: period filter, tables over the core's statistics, QPainter charts, exports."""
