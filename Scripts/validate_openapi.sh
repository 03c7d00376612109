#!/usr/bin/env bash
# Validates the four services' OpenAPI documents with openapi-spec-validator (pip), against `kaizen serve all`
# started on a throw-away store. Run from the repository root.
set -euo pipefail
python3 -c "import openapi_spec_validator" 2>/dev/null || python3 -m pip install --quiet openapi-spec-validator
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
swift build --product kaizen
.build/debug/kaizen serve all --database "$work/experiences.sqlite" --registry "$work/prompt_registry" &
server=$!
sleep 3
for port in 8011 8012 8013 8014; do
    curl -sf "http://127.0.0.1:$port/openapi.json" > "$work/openapi-$port.json"
    python3 - "$work/openapi-$port.json" <<'PY'
import json, sys
from openapi_spec_validator import validate
document = json.load(open(sys.argv[1]))
validate(document)
print(f"{document['info']['title']}: valid OpenAPI {document['openapi']}, {len(document['paths'])} paths")
PY
done
