# Benchmarks (included by the root Makefile). Each prints a table of figures against their baselines
# and writes the rows as JSON; no test asserts timings, this is the place they are measured.
BENCH := npx tsx bench/run.ts

bench: install ## Measure API, uploads, end to end, paging, OCR, memory, cold start against baselines (< 10 min); writes bench/results.json
	$(BENCH)

bench-api: install ## Bench GET /documents/{id} against bare Express
	$(BENCH) --only api

bench-upload: install ## Bench 100 KB and 5 MB uploads against bare multer
	$(BENCH) --only upload

bench-end-to-end: install ## Bench upload to decision for a text PDF and a one-page scan
	$(BENCH) --only e2e

bench-memory: install ## Bench the worker's peak RSS for a 1-page and a 20-page scan
	$(BENCH) --only memory

bench-paging: install ## Bench page 1 against pages 1,000 and 10,000 of a tenant with 1,000,000 documents
	$(BENCH) --only paging

bench-cold-start: install ## Bench API and Lambda cold start and the Lambda zip size
	$(BENCH) --only cold_start

bench-batch: install ## Bench a day's batch (32 mixed documents at once) against pdftotext / pdftoppm + tesseract
	$(BENCH) --only batch

.PHONY: bench bench-api bench-upload bench-end-to-end bench-memory bench-cold-start bench-paging bench-batch
