"""Word tables (data only) that the extractors read: what a number measures, and the words that say so."""
