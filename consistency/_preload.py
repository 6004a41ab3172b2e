"""What the pool's fork server imports once (where processes can fork): the modules every worker runs and the
place tables extraction reads (:func:`consistency._parallel.warm`). Each worker is forked from that server and
starts with them, instead of importing the package and building the tables itself (about 1.5 s of a core each),
and the tables' pages are shared between the workers until one writes to them."""

import gc

from consistency import _units  # noqa: F401  (the workers' tasks: reading, aligning, the tables)
from consistency._parallel import warm

warm()
# What is loaded now lives as long as the workers: the collector need never walk it (walking it would also
# write to every page of it, so each worker would copy the pages it shares).
gc.freeze()
