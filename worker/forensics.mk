# Pixel forensics: how many forgeries the pixel checks catch and how many sound pages they spare.
forensics-accuracy: install ## Measure pixel forensics on generated forgeries (PER_CELL=4 pages per technique and rendering)
	npx tsx test/forensics/accuracy.ts --per-cell $(or $(PER_CELL),4) --workers $(or $(WORKERS),1)

.PHONY: forensics-accuracy
