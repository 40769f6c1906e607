#!/usr/bin/env bash
# Shared by test.sh: the Firefox tests drive Debian's firefox-esr over WebDriver BiDi (no geckodriver, no Playwright build).

ensure_firefox() {
  [[ -x /usr/bin/firefox-esr ]] && return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "firefox-esr is not installed; run as root or: sudo apt-get install -y firefox-esr" >&2
    return 1
  fi
  echo "Installing firefox-esr with apt-get..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >&2
}
