"""Starts a thread at import: a zygote that preloads this must refuse to serve."""
import threading
import time

threading.Thread(target=time.sleep, args=(3600,), name="ballast-sleeper", daemon=True).start()
