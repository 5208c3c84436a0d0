"""Reference cycles made harmless in pdfminer and pdfplumber.

A PDF object may name another by reference, and a hostile or broken file makes those references
loop: `5 0 obj 6 0 R` and `6 0 obj 5 0 R` spin pdfminer's `resolve1` forever, and a dictionary
that contains itself through references (signature fields, annotation chains) recurses in
`resolve_all` until RecursionError. `install()` replaces the resolvers with ones that stop at a
reference already being followed. Files without cycles resolve exactly as before.
"""

from __future__ import annotations

from typing import Any

from pdfminer import pdftypes
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef
from pdfplumber.utils.pdfinternals import get_dict_type


class ReferenceCycle(PDFSyntaxError):
    """A reference resolves, through other references only, back to itself: it names no object."""


_original_resolve = PDFObjRef.resolve


def _resolve(self: PDFObjRef, default: object = None) -> Any:
    """One reference to the object it names, following a chain of references to references; a
    chain that comes back on itself raises instead of looping (resolve1 calls this in a loop)."""
    seen = {self.objid}
    obj = _original_resolve(self, default=default)
    while isinstance(obj, PDFObjRef):
        if obj.objid in seen:
            raise ReferenceCycle(f"object {self.objid} refers to itself through references {sorted(seen)}")
        seen.add(obj.objid)
        obj = _original_resolve(obj, default=default)
    return obj


def _resolve_all_pdfminer(x: object, default: object = None, _path: frozenset = frozenset()) -> Any:
    """pdfminer's resolve_all (in place, as it is), leaving a reference unresolved where it would
    lead back into an object it is inside of."""
    while isinstance(x, PDFObjRef):
        if x.objid in _path:
            return x
        _path = _path | {x.objid}
        x = x.resolve(default=default)
    if isinstance(x, list):
        x = [_resolve_all_pdfminer(v, default, _path) for v in x]
    elif isinstance(x, dict):
        for k, v in x.items():
            x[k] = _resolve_all_pdfminer(v, default, _path)
    return x


def _resolve_all_pdfplumber(x: Any, _path: frozenset = frozenset()) -> Any:
    """pdfplumber's resolve_all (a copy; a Page and an annotation's Parent stay references), with the
    same guard against references back into an object it is inside of."""
    if isinstance(x, PDFObjRef):
        if x.objid in _path:
            return x
        resolved = x.resolve()
        if get_dict_type(resolved) == "Page":
            return x
        return _resolve_all_pdfplumber(resolved, _path | {x.objid})
    if isinstance(x, (list, tuple)):
        return type(x)(_resolve_all_pdfplumber(v, _path) for v in x)
    if isinstance(x, dict):
        annot = get_dict_type(x) == "Annot"
        return {k: v if annot and k == "Parent" else _resolve_all_pdfplumber(v, _path) for k, v in x.items()}
    return x


_installed = False


def install() -> None:
    """Patch the resolvers everywhere they were imported by name (idempotent)."""
    global _installed
    if _installed:
        return
    import pdfplumber.page
    import pdfplumber.utils
    import pdfplumber.utils.pdfinternals
    from pdfminer import pdffont

    PDFObjRef.resolve = _resolve
    pdftypes.resolve_all = _resolve_all_pdfminer
    pdffont.resolve_all = _resolve_all_pdfminer
    for module in (pdfplumber.page, pdfplumber.utils, pdfplumber.utils.pdfinternals):
        module.resolve_all = _resolve_all_pdfplumber
    _installed = True
