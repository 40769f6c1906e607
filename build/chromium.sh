#!/usr/bin/env bash
# Shared by test.sh: the browser tests drive Debian's chromium with Playwright (never Playwright's own browser download).

ensure_chromium() {
  [[ -x /usr/bin/chromium ]] && return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "chromium is not installed; run as root or: sudo apt-get install -y chromium" >&2
    return 1
  fi
  echo "Installing chromium with apt-get..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
}
