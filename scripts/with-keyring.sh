#!/usr/bin/env bash
# Runs a command against a real, throwaway OS keychain: a private D-Bus session with gnome-keyring's
# Secret Service started and unlocked, and fresh HOME / XDG_* folders, all removed afterwards.
# Usage: scripts/with-keyring.sh <command> [args...]   (Linux only; needs gnome-keyring, dbus, dbus-x11)
set -uo pipefail

if [ "${LOCALROUTER_WITH_KEYRING_INNER:-}" = 1 ]; then
  unset LOCALROUTER_WITH_KEYRING_INNER
  # Creates the "login" keyring on first use, unlocked with this password, and makes it the default.
  printf '%s' "$LOCALROUTER_TEST_KEYRING_PASSWORD" |
    gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null || {
    echo "with-keyring: gnome-keyring-daemon failed to start" >&2
    exit 70
  }
  unset LOCALROUTER_TEST_KEYRING_PASSWORD
  # The daemon's pid, asked from the bus, so it is stopped by id when the command is done.
  # The daemon claims its bus name a moment after it forks: wait for it (up to 10 s).
  daemon_pid=""
  for _ in $(seq 1 200); do
    daemon_pid="$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
      org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
      awk '/uint32/ {print $2}')"
    [ -n "$daemon_pid" ] && break
    sleep 0.05
  done
  if [ -z "$daemon_pid" ]; then
    echo "with-keyring: no Secret Service on the private bus" >&2
    exit 70
  fi
  "$@"
  status=$?
  kill "$daemon_pid" 2>/dev/null || true
  exit $status
fi

if [ $# -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 64
fi
missing=()
command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus)
command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=(gnome-keyring)
if [ ${#missing[@]} -gt 0 ]; then
  echo "with-keyring: missing ${missing[*]}: sudo apt-get install ${missing[*]} dbus-x11" >&2
  exit 69
fi

root="$(mktemp -d "${TMPDIR:-/tmp}/localrouter-keyring.XXXXXX")"
cleanup() { rm -rf "$root"; }
trap cleanup EXIT
mkdir -p "$root/home" "$root/data" "$root/config" "$root/cache" "$root/state" "$root/run"
chmod 700 "$root/run"

# No TTY, no display: a locked keyring must fail, not wait for a prompt nobody can answer. The keyring
# here is unlocked, so a command that needs a display (the Electron smoke test) may keep it:
# LOCALROUTER_KEYRING_KEEP_DISPLAY=1.
if [ "${LOCALROUTER_KEYRING_KEEP_DISPLAY:-}" = 1 ]; then
  keep_display="${DISPLAY:-}"
  keep_wayland="${WAYLAND_DISPLAY:-}"
else
  keep_display=""
  keep_wayland=""
fi
HOME="$root/home" \
  XDG_DATA_HOME="$root/data" \
  XDG_CONFIG_HOME="$root/config" \
  XDG_CACHE_HOME="$root/cache" \
  XDG_STATE_HOME="$root/state" \
  XDG_RUNTIME_DIR="$root/run" \
  DISPLAY="$keep_display" WAYLAND_DISPLAY="$keep_wayland" \
  LOCALROUTER_TEST_KEYRING_PASSWORD="test-$RANDOM$RANDOM" \
  LOCALROUTER_WITH_KEYRING_INNER=1 \
  LOCALROUTER_TEST_KEYRING=1 \
  dbus-run-session -- bash "$0" "$@" 2> >(grep -v --line-buffered 'Failed to set fd limit' >&2)
