"""Features, one folder each: a router (what it answers), its service (domain code) and its texts."""
