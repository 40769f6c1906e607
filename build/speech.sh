#!/usr/bin/env bash
# Shared by run.sh and test.sh: the offline speech engines (Debian packages) used when no speech API is configured.
# flite speaks (POST /tts), pocketsphinx with its US English model transcribes, ffmpeg converts and finds silences.

ensure_speech_tools() {
  local missing=()
  command -v flite >/dev/null || missing+=(flite)
  command -v pocketsphinx_continuous >/dev/null || missing+=(pocketsphinx)
  [[ -d /usr/share/pocketsphinx/model/en-us/en-us ]] || missing+=(pocketsphinx-en-us)
  command -v ffmpeg >/dev/null || missing+=(ffmpeg)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "note: offline speech needs ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]} (speech routes answer 503 until then)" >&2
    return 0
  fi
  echo "Installing ${missing[*]} with apt-get..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && \
         DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; }
}
