"""Complaints: what residents say becomes a ticket, or an offer to register one."""
