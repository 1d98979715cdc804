#!/usr/bin/env bash
# LocalStack "ready" init hook: deploys Turnout's template.yaml into LocalStack, so that a
# LocalStack user gets the same resources as AWS and the Docker-free stack (which reads the same
# file). Mount it into /etc/localstack/init/ready.d/ and the repository at /opt/turnout, after
# `mvn -DskipTests package` has built functions/api/target/function.zip (see the README).
set -euo pipefail

root="${TURNOUT_ROOT:-/opt/turnout}"
stack="${TURNOUT_STACK:-turnout}"
artifacts="${stack}-artifacts"
# Local secrets only: real deployments pass their own through `sam deploy --guided`.
link_keys="${TURNOUT_LINK_SIGNING_KEYS:-localstack:$(head -c 24 /dev/urandom | base64 | tr -d '/+=')0123456789}"
pepper="${TURNOUT_IP_HASH_PEPPER:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}"
contact_id_key="${TURNOUT_CONTACT_ID_KEY:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}"

if [ ! -f "$root/functions/api/target/function.zip" ]; then
  echo "turnout: $root/functions/api/target/function.zip is missing: run 'mvn -DskipTests package' first" >&2
  exit 1
fi

awslocal s3api head-bucket --bucket "$artifacts" 2>/dev/null || awslocal s3 mb "s3://$artifacts"
awslocal cloudformation package \
  --template-file "$root/template.yaml" \
  --s3-bucket "$artifacts" \
  --output-template-file /tmp/turnout-packaged.yaml
awslocal cloudformation deploy \
  --template-file /tmp/turnout-packaged.yaml \
  --stack-name "$stack" \
  --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND \
  --parameter-overrides "LinkSigningKeys=$link_keys" "IpHashPepper=$pepper" "ContactIdKey=$contact_id_key" "AdminTokenIssuer=${TURNOUT_TOKEN_ISSUER:-https://turnout.local/}"
awslocal cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].Outputs' --output table
