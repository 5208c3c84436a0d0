"""The review web app (Starlette): a JSON API over a Library and the static page that uses it.

Routes take document names and page numbers, never paths: a name is looked up among the batch's
outputs and an image is rendered from the source file the manifest recorded for it.
"""

from __future__ import annotations

import getpass
import threading
from importlib import resources
from pathlib import Path

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from vnresolve.review.library import Conflict, Library, NotApplicable
from vnresolve.review.log import read_review
from vnresolve.review.pages import PageImages
from vnresolve.schemas import dump_document

QUEUE_PAGE = 25
STATIC = Path(str(resources.files(__package__).joinpath("static")))


class SameOrigin:
    """Refuses what a page from elsewhere could make the reviewer's browser send: a change (POST)
    that is not JSON or comes from another origin, and, while the app listens on loopback, any
    request whose Host is not a loopback name (a DNS-rebound name pointing at 127.0.0.1)."""

    def __init__(self, app, loopback: bool):
        self.app, self.loopback = app, loopback

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            host = headers.get("host", "")
            why = None
            if self.loopback and host.rsplit(":", 1)[0].strip("[]") not in LOOPBACK_NAMES:
                why = f"Host {host!r} is not this machine"
            elif scope["method"] not in ("GET", "HEAD"):
                origin = headers.get("origin")
                if not headers.get("content-type", "").startswith("application/json"):
                    why = "a change must be sent as application/json"
                elif origin and origin.split("://", 1)[-1] != host:
                    why = f"a change from {origin} is not accepted"
            if why:
                await JSONResponse({"error": why}, status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def create_app(outdir: Path, lexicon: Path | None = None, reviewer: str | None = None,
               loopback: bool = True) -> Starlette:
    library = Library(outdir.resolve(), lexicon)
    images = PageImages()
    who_default = reviewer or _login()

    def missing(what: str) -> JSONResponse:
        return JSONResponse({"error": f"{what} not found"}, status_code=404)

    def unreadable(name: str, err: Exception) -> JSONResponse:
        """A JSON or review file that cannot be read: said, and nothing written over it."""
        detail = getattr(err, "strerror", None) or str(err).splitlines()[0]
        return JSONResponse({"error": f"{name} or its review file cannot be read: {detail}"}, status_code=500)

    async def opened(name: str):
        """(view, unplaced corrections, review) of the reviewed revision, or the error response."""
        try:
            return await run_in_threadpool(library.view, name)
        except KeyError:
            return missing("document")
        except (ValueError, OSError) as err:
            return unreadable(name, err)

    async def documents(request: Request) -> Response:
        def listing():
            rows = []
            for name, output in library.outputs().items():
                review = read_review(library.outdir, name)
                record = output.record or {}
                view = library.cached_view(name)
                row = view.summary() if view else {"type": record.get("doc_type"), "number": record.get("number"),
                                                   "date": None, "title": None, "pages": record.get("pages")}
                if row.get("to_review") is None:  # not opened yet: the manifest's count of doubtful changes
                    row.update(to_review=record.get("to_review"), estimated=True)
                left = row["to_review"]
                status = "in review" if review.entries else "to review"
                if review.entries and view and not left:
                    status = "reviewed"
                rows.append({"name": name, "status": status, "revision": review.revision, **row})
            return rows

        return JSONResponse({"outdir": str(library.outdir), "documents": await run_in_threadpool(listing)})

    async def document(request: Request) -> Response:
        name = request.path_params["name"]
        got = await opened(name)
        if isinstance(got, Response):
            return got
        view, unplaced, review = got
        doc = view.doc
        threading.Thread(target=view.warm, daemon=True).start()  # the queue, while page 1 is shown
        return JSONResponse({
            "name": name, "revision": review.revision, "summary": view.summary(), "source": doc.source.path,
            "pages": [{"number": p.number, "size": view.frame(p.number).source_size} for p in doc.pages],
            "has_image": library.output(name).source is not None and doc.source.kind != "text",
            "unplaced": [str(u) for u in unplaced], "record": view.record(),
        })

    async def page(request: Request) -> Response:
        name, number = request.path_params["name"], request.path_params["number"]
        got = await opened(name)
        if isinstance(got, Response):
            return got
        view, _, review = got
        if not 1 <= number <= len(view.doc.pages):
            return missing("page")
        return JSONResponse({**view.page(number), "revision": review.revision})

    async def image(request: Request) -> Response:
        name, number = request.path_params["name"], request.path_params["number"]
        try:
            output = library.output(name)
            doc = library.machine(name)
        except KeyError:
            return missing("document")
        if output.source is None or doc.source.kind == "text" or not 1 <= number <= len(doc.pages):
            return missing("page image")
        page = doc.pages[number - 1]
        width_pts = (page.height if page.rotation % 180 else page.width) * 72 / page.dpi if page.dpi and page.width else None
        try:
            data = await run_in_threadpool(images.jpeg, output.source, doc.source.kind, number, width_pts)
        except (OSError, ValueError, EOFError) as err:
            return JSONResponse({"error": f"cannot render page {number}: {err}"}, status_code=404)
        return Response(data, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=300"})

    async def queue(request: Request) -> Response:
        name = request.path_params["name"]
        got = await opened(name)
        if isinstance(got, Response):
            return got
        view, _, review = got
        offset = max(0, int(request.query_params.get("offset", 0) or 0))
        limit = min(200, max(1, int(request.query_params.get("limit", QUEUE_PAGE) or QUEUE_PAGE)))
        return JSONResponse({"revision": review.revision, "total": len(view.queue),
                             "items": view.queue[offset:offset + limit], "offset": offset})

    async def corrections(request: Request) -> Response:
        name = request.path_params["name"]
        try:
            library.output(name)
        except KeyError:
            return missing("document")
        if request.method == "GET":
            review = read_review(library.outdir, name)
            return JSONResponse({"revision": review.revision, "entries": [e.__dict__ for e in review.entries]})
        try:
            body = await request.json()
            kind, target, old, new = body["kind"], str(body["target"]), str(body["old"]), str(body["new"])
            where = dict(body.get("where") or {})
            if kind not in ("word", "field"):
                raise ValueError("kind is 'word' or 'field'")
        except (ValueError, KeyError, TypeError) as err:
            return JSONResponse({"error": f"bad correction: {err}"}, status_code=400)
        who = str(body.get("who") or who_default)[:80]
        try:
            entry = await run_in_threadpool(library.correct, name, who=who, kind=kind, target=target, where=where,
                                            old=old, new=new)
        except Conflict as err:
            return JSONResponse({"error": str(err), "conflict": True}, status_code=409)
        except OSError as err:
            return unreadable(name, err)
        except (NotApplicable, ValidationError) as err:
            return JSONResponse({"error": str(err)}, status_code=422)
        except ValueError as err:  # the review file itself is broken: nothing is appended to it
            return unreadable(name, err)
        return JSONResponse({"entry": entry.__dict__, "revision": entry.revision})

    async def revision(request: Request) -> Response:
        """The reviewed revision as Document JSON (the full record), to download."""
        name = request.path_params["name"]
        got = await opened(name)
        if isinstance(got, Response):
            return got
        view, _, review = got
        text = await run_in_threadpool(dump_document, view.doc, "full")
        filename = f"{name.removesuffix('.json')}.reviewed-{review.revision}.json"
        return Response(text, media_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    async def archives(request: Request) -> Response:
        name = request.path_params["name"]
        try:
            written = await run_in_threadpool(library.write_archives, name)
        except KeyError:
            return missing("document")
        return JSONResponse({"written": written})

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html")

    routes = [
        Route("/", index),
        Route("/api/documents", documents),
        Route("/api/documents/{name}", document),
        Route("/api/documents/{name}/pages/{number:int}", page),
        Route("/api/documents/{name}/pages/{number:int}/image", image),
        Route("/api/documents/{name}/queue", queue),
        Route("/api/documents/{name}/corrections", corrections, methods=["GET", "POST"]),
        Route("/api/documents/{name}/archives", archives, methods=["POST"]),
        Route("/api/documents/{name}/revision", revision),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(SameOrigin, loopback=loopback)])


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user with no passwd entry and no LOGNAME
        return "reviewer"


def serve(outdir: Path, host: str = "127.0.0.1", port: int = 8765, lexicon: Path | None = None,
          reviewer: str | None = None) -> None:
    import uvicorn

    loopback = host in LOOPBACK_NAMES or host.startswith("127.")
    uvicorn.run(create_app(outdir, lexicon, reviewer, loopback), host=host, port=port, log_level="warning")
