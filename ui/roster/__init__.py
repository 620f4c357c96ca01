"""The 成员与会议组 screen's parts: bodies with their members, judges, rooms."""
