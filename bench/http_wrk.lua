-- The wrk script of bench/http_bench.py: each connection requests one page (a random URL of its sample) again and
-- again, no wait. Arguments after `--`: method, cookie ("" for none), form body ("" for a GET), then the URLs.
-- Any answer other than 200 counts as a failure (a redirect to the login page too: wrk follows no redirect). When
-- the run ends it writes one JSON line: requests, failures, socket errors, seconds and p50/p95/p99 in ms.

local method, cookie, body, urls
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  method, cookie, body = args[1], args[2], args[3]
  urls = {}
  for i = 4, #args do
    urls[#urls + 1] = args[i]
  end
  failures = 0
end

function request()
  local headers = {}
  if cookie ~= "" then
    headers["Cookie"] = cookie
  end
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format(method, urls[math.random(#urls)], headers, body)
  end
  return wrk.format(method, urls[math.random(#urls)], headers)
end

function response(status, headers, answer)
  if status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "failures": %d, "errors": %d, "seconds": %.3f, "p50": %.2f, "p95": %.2f, "p99": %.2f}\n',
    summary.requests, failed, errors.connect + errors.read + errors.write + errors.timeout, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
