#!/usr/bin/env bash
# Runs a command against a real, throwaway OS keychain: a private D-Bus session with gnome-keyring's
# Secret Service started and unlocked, and fresh HOME / XDG_* folders, all removed afterwards.
# Usage: scripts/with-keyring.sh <command> [args...]   (Linux only; needs gnome-keyring, dbus, dbus-x11)
set -uo pipefail

if [ "${LOCALROUTER_WITH_KEYRING_INNER:-}" = 1 ]; then
  unset LOCALROUTER_WITH_KEYRING_INNER
  # Start the Secret Service through D-Bus activation (the service file written below): the reply comes
  # once the daemon owns its bus name, with the "login" keyring created on first use and unlocked.
  if ! dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.StartServiceByName string:org.freedesktop.secrets uint32:0 >/dev/null; then
    echo "with-keyring: gnome-keyring-daemon failed to start" >&2
    exit 70
  fi
  "$@"
  status=$?
  # Stop the daemon by id (whichever owns the name now: it may have been started again).
  daemon_pid="$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
    awk '/uint32/ {print $2}')"
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null
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
mkdir -p "$root/home" "$root/data/dbus-1/services" "$root/config" "$root/cache" "$root/state" "$root/run"
chmod 700 "$root" "$root/run"

# The Secret Service, started by D-Bus activation: at the first call and again whenever it stops, as on a
# desktop. gnome-keyring can abort when clients race it (GNOME gnome-keyring issues 190 and 196; its
# journal line: "gkd_secret_service_get_pkcs11_session: assertion 'client' failed"); a desktop's D-Bus
# starts it again locked, this one unlocked with the throwaway password, so a crash of the daemon shows
# in the log, not as a failed test. This service file, under XDG_DATA_HOME, wins over the system's.
printf 'test-%s%s' "$RANDOM" "$RANDOM" >"$root/keyring-password"
{
  echo '#!/bin/sh'
  echo "if [ -e '$root/secret-service.started' ]; then"
  echo '  echo "with-keyring: the Secret Service had stopped; D-Bus started it again (unlocked)" >&2'
  echo 'fi'
  echo ": >'$root/secret-service.started'"
  echo "exec gnome-keyring-daemon --foreground --unlock --components=secrets <'$root/keyring-password' >/dev/null"
} >"$root/secret-service"
chmod 700 "$root/secret-service"
printf '[D-BUS Service]\nName=org.freedesktop.secrets\nExec=%s\n' "$root/secret-service" \
  >"$root/data/dbus-1/services/org.freedesktop.secrets.service"

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
# dbus-run-session and all it starts (the command, dbus-daemon, the gnome-keyring D-Bus activates, which
# the bus leaves to init) run in a process group of their own (setsid), so a run that is interrupted
# (Ctrl-C, the SIGTERM of a CI or test timeout) stops them all by that group's id, not only this shell.
# Started in the background so the signal is handled at once; `<&0` keeps this script's stdin for it.
session=""
stop() {
  trap - INT TERM HUP
  [ -n "$session" ] && kill -TERM -- "-$session" 2>/dev/null
  wait "$session" 2>/dev/null
  exit "$1"
}
trap 'stop 130' INT
trap 'stop 143' TERM
trap 'stop 129' HUP
HOME="$root/home" \
  XDG_DATA_HOME="$root/data" \
  XDG_CONFIG_HOME="$root/config" \
  XDG_CACHE_HOME="$root/cache" \
  XDG_STATE_HOME="$root/state" \
  XDG_RUNTIME_DIR="$root/run" \
  DISPLAY="$keep_display" WAYLAND_DISPLAY="$keep_wayland" \
  LOCALROUTER_WITH_KEYRING_INNER=1 \
  LOCALROUTER_TEST_KEYRING=1 \
  setsid dbus-run-session -- bash "$0" "$@" <&0 2> >(grep -v --line-buffered -E "Failed to set fd limit|ctivat(ing|ed) service (name=)?'org\.freedesktop\.secrets'" >&2) &
session=$!
wait "$session"
status=$?
exit $status
