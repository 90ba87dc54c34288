"""Wait until a page answers, or its server process has gone.

Usage: python scripts/lib/wait-for-page.py URL PID
Exit status 0 when the page answered 2xx/3xx, 1 when the server exited first,
2 when it answered with an error (said on stderr).
"""

import os
import sys
import time
import urllib.error
import urllib.request


def main(url: str, pid: int) -> int:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=60):
                return 0
        except urllib.error.HTTPError as error:
            print(f"{url} answered {error.code}: see the log above", file=sys.stderr)
            return 2
        except (urllib.error.URLError, OSError):
            pass
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return 1
        time.sleep(0.1)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1], int(sys.argv[2])))
    except KeyboardInterrupt:  # Ctrl-C while the server starts: the script stops it
        sys.exit(130)
