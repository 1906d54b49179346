"""Reachability: people the bot cannot write to privately yet."""
