#!/usr/bin/env bash
# Every test: the architecture's lint rules, unit specs, medium tests (services over the real
# PostgreSQL and Redis), then end-to-end tests against the built app, the real
# PostgreSQL (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL) and an in-process SMTP server.
# Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run --silent build
npm run --silent lint

# Redis: use TEST_REDIS_URL or 127.0.0.1:6379; if neither answers and redis-server is
# installed, start a throw-away one for this run.
redis_url="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
if ! node -e "
  const { Redis } = require('ioredis');
  const r = new Redis(process.argv[1], { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => {});
  r.connect().then(() => r.ping()).then(() => process.exit(0), () => process.exit(1));
" "$redis_url"; then
  if command -v redis-server >/dev/null; then
    port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >/dev/null &
    redis_pid=$!
    trap 'kill $redis_pid 2>/dev/null || true' EXIT
    export TEST_REDIS_URL="redis://127.0.0.1:$port"
    sleep 0.5
    echo "Started redis-server for the tests on port $port"
  else
    echo "The tests need Redis: none answers at $redis_url and redis-server is not installed." >&2
    echo "Install it (apt-get install redis-server) or set TEST_REDIS_URL." >&2
    exit 1
  fi
fi

# Two test files at a time: the end-to-end and browser files spend most of their time waiting
# (for a process to start, a queue to drain, a fault to heal), so two fit on two cores, and the
# whole suite stays within CI's 15 minutes. JEST_MAX_WORKERS overrides it.
NODE_OPTIONS=--experimental-vm-modules npx jest --maxWorkers="${JEST_MAX_WORKERS:-2}" "$@"
