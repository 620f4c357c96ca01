"""MeetingDesk core: the Qt-free domain, storage and services of 专业法官会议秘书工作台."""

__version__ = "0.1.0"
