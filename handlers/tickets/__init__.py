"""Tickets: the state machine, who is told what, and the workers' and reporters' commands."""
