"""The one path of every inbound message: routers, the context a route sees, and the dispatcher."""
