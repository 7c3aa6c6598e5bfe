"""Peak memory of a process's own image.

`ru_maxrss` is the wrong number for a child started by fork and exec: Linux keeps the larger of the
parent's size at the fork and the child's own across exec, so a small child of a 500 MB parent
reported 513 MB (its own peak, VmHWM: 13 MB). The benchmark's parent holds the corpus statistics and
the query mix by then, and its size leaked into the import's and the fresh worker's figures. VmHWM
belongs to the image exec made.
"""

import resource

# Runs a script (argv[1:]) as __main__ and writes this process's own peak to $BENCH_PEAK_FILE at exit.
REPORTING = """
import atexit, os, runpy, sys
sys.path.insert(0, os.getcwd())
from bench.peak import own_peak_mb
atexit.register(lambda: open(os.environ["BENCH_PEAK_FILE"], "w").write(str(own_peak_mb())))
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def own_peak_mb() -> float:
    """VmHWM of this process (Linux); elsewhere ru_maxrss, the best there is."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
