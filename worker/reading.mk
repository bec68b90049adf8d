# Reading documents (included by the root Makefile): the synthetic corpus and the OCR bench.

fixtures: install ## Generate the synthetic UK document corpus with its truth into fixtures/generated/
	npx tsx fixtures/cli.ts fixtures/generated

bench-ocr: install ## Bench text-layer and OCR paths, OCR throughput, 20-page scan peak RSS, ratio to the tesseract CLI
	npx tsx bench/ocr.ts

.PHONY: fixtures bench-ocr

accuracy: install ## Accuracy on tuned and held-out layouts, per field, rendering and confidence band (ACCURACY_SCALE, ACCURACY_SEED, MISSES=1; cached in .cache/)
	npx tsx test/reading/accuracy-report.ts

.PHONY: accuracy

verified-rate: install ## Sound and planted-bad generated businesses through the whole pipeline: verified share per rendering, cause of each miss (VERIFIED_PER_CELL, VERIFIED_SEED)
	npx tsx test/reading/verified-rate-report.ts

.PHONY: verified-rate
