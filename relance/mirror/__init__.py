"""A local mirror of the Assemblée's sites, served on loopback only (tests, demos)."""

from relance.mirror.server import Faults, MirrorServer

__all__ = ["Faults", "MirrorServer"]
