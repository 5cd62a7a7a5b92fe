from .home_page import HomePage, StandardPage

__all__ = ["HomePage", "StandardPage"]
