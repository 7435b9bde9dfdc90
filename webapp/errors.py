"""Error pages in French (400, 404, 405, 500…), and JSON errors on ``.json`` routes."""

from __future__ import annotations

import logging

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.twins import dumps

logger = logging.getLogger(__name__)

TITLES = {
    400: "Requête invalide",
    404: "Page introuvable",
    405: "Méthode non autorisée",
    414: "Adresse trop longue",
    500: "Erreur interne",
    503: "Service indisponible",
}
MESSAGES = {
    400: "La requête ne peut pas être traitée.",
    404: "Cette page n'existe pas, ou cette question, ce ministère ou ce député est inconnu.",
    405: "Cette adresse ne s'utilise pas ainsi.",
    500: "Une erreur est survenue de notre côté ; réessayez plus tard.",
}


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def _http_error(error: HTTPException) -> Response:
    code = error.code or 500
    description = error.description if code != 500 else None
    # Werkzeug's English default descriptions are replaced by French ones.
    default = type(error).description
    message = description if description and description != default else None
    response = _respond(code, message or MESSAGES.get(code, TITLES.get(code, "Erreur")))
    if "Allow" in (headers := dict(error.get_headers())):  # 405 says which methods
        response.headers["Allow"] = headers["Allow"]
    return response


def _unexpected(error: Exception) -> Response:
    if isinstance(error, HTTPException):  # pragma: no cover - routed above
        return _http_error(error)
    logger.exception("unexpected error on %s", request.path)
    return _respond(InternalServerError.code, MESSAGES[500])


def _respond(code: int, message: str) -> Response:
    title = TITLES.get(code, "Erreur")
    path = request.path
    if path.endswith(".json"):
        body = dumps({"ok": False, "status": code, "error": title, "message": message})
        return Response(body, status=code, mimetype="application/json")
    if path.endswith(".csv"):
        return Response(f"{title} : {message}\n", status=code, mimetype="text/plain")
    html = render_template("error.html", code=code, title=title, message=message)
    return Response(html, status=code)
