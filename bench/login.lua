-- login.lua: wrk script: POST /api/connexion for electors picked at random
-- among 1..N (identifiers from mkcred --bulk), all with one anonymous
-- session; prints a JSON summary (rate, latency percentiles, statuses).
local n = tonumber(os.getenv("BENCH_ELECTORS"))
local cookie = os.getenv("BENCH_COOKIE")
local csrf = os.getenv("BENCH_CSRF")
local password = os.getenv("BENCH_PASSWORD")
local alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
local statuses = {}
local threads = {}

local function ident(i)
  local s = ""
  for _ = 1, 12 do
    local d = i % 31
    s = alphabet:sub(d + 1, d + 1) .. s
    i = math.floor(i / 31)
  end
  return s
end

function setup(thread)
  table.insert(threads, thread)
end

function init()
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  counts = {}
end

function request()
  local id = ident(math.random(1, n))
  local body = string.format('{"identifiant":"%s","mot_de_passe":"%s","reponse":"42"}', id, password)
  return wrk.format("POST", "/api/connexion", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = cookie,
    ["X-CSRF-Token"] = csrf,
  }, body)
end

function response(status)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency)
  local st = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do st[k] = (st[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(st) do table.insert(parts, string.format('"%d":%d', k, v)) end
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"per_second":%.1f,"p50_ms":%.1f,"p95_ms":%.1f,"p99_ms":%.1f,"errors":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    table.concat(parts, ",")))
end
