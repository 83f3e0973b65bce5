#!/usr/bin/env bash
# Checks the published packages' API reports (docs/development.md#api-reports).
#
# Regenerates every report from dist-types/ (`yarn build:api-reports`, which still fails on API Extractor errors and
# release-tag mismatches), then compares each with the committed one. A report whose lines are the same, only in
# another order, is restored and passes: TypeScript orders a union's members as it first met them, which depends on
# what else was type-checked (an incremental `yarn tsc` and a clean one can differ), so order alone is not an API
# change. Any added, removed or changed line fails and leaves the regenerated report for you to commit.
set -euo pipefail
cd "$(dirname "$0")/.."

yarn build:api-reports

changed=()
while IFS= read -r file; do
  [ -n "$file" ] && changed+=("$file")
done < <({ git diff --name-only -- 'plugins/*/report*.api.md'; git ls-files --others --exclude-standard -- 'plugins/*/report*.api.md'; } | sort -u)

failed=0
for file in "${changed[@]+"${changed[@]}"}"; do
  if git cat-file -e "HEAD:$file" 2>/dev/null &&
    cmp -s <(git show "HEAD:$file" | sort) <(sort "$file"); then
    echo "api reports: $file differs from the committed report only in the order of its lines (a union's member order); kept the committed one"
    git show "HEAD:$file" > "$file"
  else
    echo "api reports: $file does not match the exports:" >&2
    git --no-pager diff --no-color -- "$file" >&2 || true
    failed=1
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "api reports: an export changed without its report. Run 'yarn tsc && yarn build:api-reports' and commit the report*.api.md files." >&2
  exit 1
fi
echo "api reports: every report matches its package's exports"
