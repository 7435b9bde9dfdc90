"""The blueprints, one per area, and what they share (``common``)."""
