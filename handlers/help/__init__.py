"""Help: what the bot can do, and the answer when nothing else answered."""
