#!/usr/bin/env bash
# The system packages the test suites need (Debian names): Chromium for the end-to-end tests, and
# gnome-keyring + D-Bus for a real, throwaway OS keychain. Installs what is missing when it can
# (root with apt-get); otherwise says exactly what to install and fails.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v gnome-keyring-daemon >/dev/null 2>&1 || need+=(gnome-keyring)
command -v dbus-run-session >/dev/null 2>&1 || need+=(dbus)
command -v dbus-launch >/dev/null 2>&1 || need+=(dbus-x11)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages the tests need: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  exit 0
fi
echo "The tests need these system packages: ${need[*]}" >&2
echo "On Debian or Ubuntu: sudo apt-get install ${need[*]}" >&2
exit 1
