"""``ldpub serve``: the library API over HTTP (Starlette on uvicorn) and the editor's page."""

from ldpub.service.app import ServiceSettings, make_app

__all__ = ["ServiceSettings", "make_app"]
