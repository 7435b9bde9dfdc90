"""Security headers on every response, and a guard that turns hostile requests (NUL bytes,
oversized values) into a clear 400 before any view runs."""

from __future__ import annotations

from flask import Flask, Response, abort, request

from webapp.params import MAX_PARAM_CHARS

#: No inline script or style anywhere: the pages load relance.css and suivi.js only.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # Watchlists live in the URL: never send it to other sites.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

#: The longest query string accepted (a watchlist of 200 uids is about 3,500 characters).
MAX_QUERY_STRING = 4 * MAX_PARAM_CHARS
MAX_PATH = 500


def init_app(app: Flask) -> None:
    app.before_request(_guard)
    app.after_request(_headers)


def _guard() -> None:
    """Refuse what no page can use: NUL bytes (PostgreSQL refuses them in text, and no
    legitimate value has one), oversized paths, query strings and values."""
    if len(request.path) > MAX_PATH:
        abort(404)
    if "\x00" in request.path:
        abort(400, description="Caractère nul dans l'adresse.")
    if len(request.query_string) > MAX_QUERY_STRING:
        abort(400, description="Adresse trop longue.")
    for key, value in request.args.items(multi=True):
        if "\x00" in key or "\x00" in value:
            abort(400, description="Caractère nul dans un paramètre.")
        if len(value) > MAX_PARAM_CHARS:
            abort(
                400,
                description=f"Paramètre « {key[:40]} » trop long "
                f"({len(value)} caractères, au plus {MAX_PARAM_CHARS}).",
            )


def _headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
