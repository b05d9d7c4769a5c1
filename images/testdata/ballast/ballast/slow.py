"""Takes 12 seconds to import: a preload slower than a launcher's --wait."""
import time

time.sleep(12)
