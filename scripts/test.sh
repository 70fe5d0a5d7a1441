#!/usr/bin/env bash
# `npm test`: typecheck, lint, format check, then every test suite. Ends non-zero on any failure and prints one
# closing line `tests: N passed, N failed, N skipped` over all suites.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
status=0
step() { echo "== $*"; "$@" || status=1; }

# Chromium and a Secret Service (installed here when missing and possible; otherwise it says what to install).
bash scripts/test-deps.sh || exit 1

step npm run --silent typecheck
step npm run --silent lint
step npm run --silent format:check

echo "== vitest (unit, contract, server, security)"
# Inside a private D-Bus session with a real, unlocked gnome-keyring (the keychain tests need one).
vitest_rc=0
bash scripts/with-keyring.sh node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || vitest_rc=$?
[ "$vitest_rc" = 0 ] || status=1

echo "== build the UI (electron-vite)"
node_modules/.bin/electron-vite build >/dev/null || status=1

echo "== playwright (end to end in Chromium against the headless server)"
mkdir -p test-results/screens
# Also inside a throwaway keyring: the headless server under test keeps keys in the real OS keychain.
playwright_rc=0
bash scripts/with-keyring.sh node_modules/.bin/playwright test || playwright_rc=$?
[ "$playwright_rc" = 0 ] || status=1

echo "== electron smoke test (skips where no Electron binary is installed)"
# Inside a throwaway keyring too (the app keeps keys in the OS keychain), keeping the display it needs.
LOCALROUTER_KEYRING_KEEP_DISPLAY=1 bash scripts/with-keyring.sh node_modules/.bin/playwright test -c playwright.electron.config.ts || status=1

node scripts/summarize-tests.mjs "test-results/vitest.json:$vitest_rc" "test-results/playwright.json:$playwright_rc" test-results/electron.json || status=1
exit $status
