from .orders import BookletOrder
from .registry import Booklet, HandoutRefusal

__all__ = ["Booklet", "BookletOrder", "HandoutRefusal"]
