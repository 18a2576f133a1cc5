-- wrk script: GET a stored recipient's search, rotating over recipient ids (and, with DATES > 1, search dates so
-- that no answer repeats). Environment: TOKEN (an API token), IDS (a file with one recipient id a line),
-- DATES (how many distinct search dates to rotate over, default 1).
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
local dates = tonumber(os.getenv("DATES") or "1")
local token = os.getenv("TOKEN")
local counter = 0

function setup(thread)
  thread:set("offset", math.random(0, 1000000))
end

function request()
  counter = counter + 1
  local n = counter + offset
  local id = ids[(n % #ids) + 1]
  local day = math.floor(n / #ids) % dates
  local date = os.date("!%Y-%m-%d", 1767225600 - day * 86400)
  return wrk.format("GET", "/api/v1/recipients/" .. id .. "/search?search_date=" .. date,
                    { ["Authorization"] = "Bearer " .. token })
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors %d (status %d), p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
