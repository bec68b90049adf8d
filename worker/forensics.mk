# Pixel forensics: how many forgeries the pixel checks catch and how many sound pages they spare.
forensics-accuracy: install ## Measure pixel forensics on generated forgeries (PER_CELL forged pages per technique and rendering, SOUND sound pages per rendering; half of each on held-out seeds)
	npx tsx test/forensics/accuracy.ts --per-cell $(or $(PER_CELL),4) --sound $(or $(SOUND),8) --workers $(or $(WORKERS),1) $(if $(CACHED_ONLY),--cached-only)

.PHONY: forensics-accuracy

forensics-sound: install ## False alarms of the pixel checks on sound documents of both corpora, per rendering and check (SEED, PER_CELL reading documents per type and rendering, SOUND forgery-corpus pages per rendering)
	npx tsx test/forensics/sound-pages.ts --seed $(or $(SEED),21) --per-cell $(or $(PER_CELL),4) --sound $(or $(SOUND),16)

.PHONY: forensics-sound
