from .distribution import booklet_cancel, booklet_hand_out, booklet_replace

__all__ = ["booklet_cancel", "booklet_hand_out", "booklet_replace"]
