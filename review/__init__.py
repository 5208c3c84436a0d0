"""Review of a batch's outputs beside their pages: a local web app (`vnresolve review OUTDIR`) whose
corrections are kept in OUTDIR/<name>.review.json and applied by review.apply wherever the
document is read again (export, the PDF and ALTO, `ingest --force`)."""
