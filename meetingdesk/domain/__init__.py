"""Pure rules of the 专业法官会议: no database, no Qt, no I/O."""
