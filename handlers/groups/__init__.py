"""Groups: moved by the platform, not registered yet, registered with 绑定."""
