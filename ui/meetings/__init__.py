"""The meeting side of the desk: scheduling, agenda, the presider's view, the meeting itself, afterwards."""
