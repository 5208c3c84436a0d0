"""Archive formats made from a converted Document and its source file: a searchable PDF (PDF/A)
whose invisible text layer holds the restored words, ALTO XML v4 and hOCR. Nothing here OCRs
or restores: the writers read the Document as the pipeline left it."""
