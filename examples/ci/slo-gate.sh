#!/bin/sh
# Deploy gate through the portal's SLO API (docs/error-budget-policy.md).
#
#   BACKSTAGE_URL=https://backstage.example.com SLO_GATE_TOKEN=... \
#     sh slo-gate.sh component/default/checkout 'budget-left>=0%,not-paging' [slo-name]
#
# Prints the gate's one-line reason and exits 0 (allowed), 1 (blocked) or 2 (cannot tell). Anything that
# keeps it from getting an answer (the portal down, a bad token, a bad policy) is 2, never 0.
# Needs curl and jq.
set -u
entity=$1
policy=$2
slo=${3:-}
body=$(mktemp)
trap 'rm -f "$body"' EXIT
status=$(curl -sS -G -o "$body" -w '%{http_code}' --max-time 30 \
  -H "Authorization: Bearer $SLO_GATE_TOKEN" \
  --data-urlencode "policy=$policy" \
  ${slo:+--data-urlencode "slo=$slo"} \
  "$BACKSTAGE_URL/api/slo/entities/$entity/gate") || {
  echo "cannot tell: $BACKSTAGE_URL did not answer"
  exit 2
}
if [ "$status" != 200 ]; then
  echo "cannot tell: the portal answered $status: $(jq -r '.error.message // empty' "$body" 2>/dev/null)"
  exit 2
fi
reason=$(jq -r '.reason' "$body") && code=$(jq -r '.exitCode' "$body") || {
  echo "cannot tell: the portal's answer is not the gate's JSON"
  exit 2
}
echo "$reason"
case "$code" in
  0 | 1) exit "$code" ;;
  *) exit 2 ;;
esac
