# Included by the top-level Makefile.

loadtest: install ## Load test on loopback: 500 uploads from 50 clients with status polling; fails on any lost or duplicated document
	npx tsx bench/loadtest.ts

.PHONY: loadtest
