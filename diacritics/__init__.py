"""Vietnamese diacritic restoration: mangled or accent-stripped text in, Vietnamese out.

The only entry points the rest of the pipeline uses are `load_restorer()` and
`Restorer.restore(text) -> RestoreResult`; the model behind them may change.
"""

from vnresolve.diacritics.interface import RestoreResult, Restorer, TokenChange
from vnresolve.diacritics.restorer import load_restorer, restorer_label, restores_pages_alone

__all__ = ["RestoreResult", "Restorer", "TokenChange", "load_restorer", "restorer_label", "restores_pages_alone"]
