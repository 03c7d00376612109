#!/usr/bin/env bash
# Renders a sample pipeline report to HTML and takes a headless Chromium screenshot, so a person can look at the
# report's layout (see Docs/report.md).
#
# Usage: Scripts/check_report.sh [--empty]
#   --empty   render the empty states (no training steps, no rounds, no version written) instead.
# Environment:
#   KAIZEN_PACKAGE_PATH  the Swift package that has the ReportPreview target (default: this repository).
#   OUT_DIR              where report.json, report.html and report.png go (default: /tmp).
# Installs Chromium from Debian's packages when it is missing (needs root and network).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="${KAIZEN_PACKAGE_PATH:-$(dirname "$here")}"
out="${OUT_DIR:-/tmp}"
mode="${1:-}"

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
    echo "Installing chromium (apt-get)..." >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
    browser="$(command -v chromium)"
fi

python3 "$here/sample_report.py" "$out/report.json" $mode
swift build --package-path "$package" --product ReportPreview >&2
"$(swift build --package-path "$package" --show-bin-path)/ReportPreview" "$out/report.json" "$out/report.html"

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$out/report.png" \
    --window-size=1280,2400 "file://$out/report.html" 2>/dev/null
echo "report: $out/report.html"
echo "screenshot: $out/report.png"
