# Included by the top-level Makefile.

loadtest: install ## Load test on loopback: 500 uploads from 50 clients (fails on any lost or duplicated document), then one tenant floods and another's p95 upload-to-decision must stay within 2x alone
	npx tsx bench/loadtest.ts

.PHONY: loadtest
