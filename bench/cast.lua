-- cast.lua: wrk script of bench/bench-cast.sh: POST /api/vote, each
-- request a different elector casting a different 8×7 ballot. Thread k
-- (from 0) reads BENCH_REQUESTS.k, whole HTTP requests each after its
-- length in bytes on a line, all in init() before its connections open
-- (then touches BENCH_REQUESTS.k.ready): a request is 131 kB and LuaJIT
-- maps every string that large with its own mmap, so building requests
-- during the measure (four such strings each) cost the load generator
-- ~1 ms of CPU per cast, taken from the server it measures. When a
-- thread's requests run out its connections stop asking (delay) and the
-- run is reported as cut short: the figures are only valid when every
-- thread still had casts to send at the end of the duration. Prints a
-- JSON summary (rate, latency percentiles, statuses) on its last line.
local prefix = os.getenv("BENCH_REQUESTS")
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init()
  local name = prefix .. "." .. id
  local file = assert(io.open(name, "rb"))
  reqs, n = {}, 0
  while true do
    local len = file:read("*n")
    if len == nil then break end
    file:read(1) -- the newline after the length
    n = n + 1
    reqs[n] = file:read(len)
  end
  file:close()
  assert(io.open(name .. ".ready", "w")):close()
  sent = 0
  counts = {}
  ran_out = false
end

function request()
  if sent == n then
    ran_out = true
    -- nothing left: one cheap request that is refused (404, put apart
    -- in the counts below), then the delay keeps the connection idle
    return wrk.format("GET", "/api/fin-du-banc-d-essai")
  end
  -- (wrk calls this once before the run to check the request's form:
  -- thread 0's first cast is never sent)
  sent = sent + 1
  return reqs[sent]
end

function delay()
  -- once the lines are out, the connection waits out the run
  if ran_out then return 3600000 end
  return 0
end

function response(status)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency)
  local st, short = {}, false
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do st[k] = (st[k] or 0) + v end
    short = short or t:get("ran_out")
  end
  local parts, casts = {}, 0
  for k, v in pairs(st) do
    table.insert(parts, string.format('"%d":%d', k, v))
    if k ~= 404 then casts = casts + v end
  end
  local secs = summary.duration / 1e6
  io.write(string.format(
    '{"casts":%d,"seconds":%.2f,"per_second":%.1f,"p50_ms":%.1f,"p95_ms":%.1f,"p99_ms":%.1f,"errors":%d,"ran_out":%s,"statuses":{%s}}\n',
    casts, secs, casts / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    tostring(short), table.concat(parts, ",")))
end
