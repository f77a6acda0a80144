"""qawl's web app: a JSON API (OpenAPI) and right-to-left HTML pages over a store."""

from qawl.web.app import create_app

__all__ = ["create_app"]
