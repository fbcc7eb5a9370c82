-- wrk's version of issue 15's /hours load, to cross-check bench/loadgen (docs/performance.md):
--   TOKEN=<bearer token> OFFICERS=100000 wrk -t2 -c64 -d10s --latency -s bench/wrk_hours.lua http://127.0.0.1:PORT
-- GET /api/v1/officers/{random 1..OFFICERS}/hours?year=YEAR (default 2025); without TOKEN no
-- Authorization header is sent (bench_reference needs none). wrk: Debian package wrk.
local token = os.getenv("TOKEN")
local officers = tonumber(os.getenv("OFFICERS") or "100000")
local year = os.getenv("YEAR") or "2025"
local headers = {}
if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  math.randomseed(20240531 + (seed or 0))
end

function request()
  return wrk.format("GET", "/api/v1/officers/" .. math.random(1, officers) .. "/hours?year=" .. year, headers)
end
