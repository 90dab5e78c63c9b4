from .care import Visit
from .requests import KraamzorgRequest
from .services import KraamzorgOffer

__all__ = ["KraamzorgOffer", "KraamzorgRequest", "Visit"]
