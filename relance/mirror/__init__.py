"""A local mirror of the Assemblée's sites, served on loopback only (tests, demos)."""

from relance.mirror.faults import Fault, Faults, Kind
from relance.mirror.server import MirrorServer

__all__ = ["Fault", "Faults", "Kind", "MirrorServer"]
