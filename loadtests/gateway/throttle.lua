-- wrk script: each connection pauses a random time between requests, exponentially distributed with mean DELAY_MS, so
-- C connections offer about C*1000/DELAY_MS req/s as independent random arrivals (a Poisson stream, as from many
-- users). A fixed pause made the connections fall into step: they were answered together and came back together, so
-- the server saw bursts of C requests and the percentiles measured the bursts (service alone at ~830 req/s: p99
-- 9 ms with a fixed pause, 3 ms with random ones; docs/performance.md, "Gateway").
local mean_ms = tonumber(os.getenv("DELAY_MS") or "0")
-- Each wrk thread has its own Lua state; the address of a fresh table differs between them, so do the seeds.
local address = tostring({}):match("0x(%x+)") or "0"
math.randomseed(os.time() + tonumber(address, 16) % 1000003)

function delay()
  if mean_ms <= 0 then
    return 0
  end
  return math.floor(-mean_ms * math.log(1 - math.random()))
end

-- More of the tail than wrk's own 50/75/90/99 table.
function done(summary, latency, requests)
  local parts = {}
  for _, p in ipairs({50, 90, 95, 99, 99.9}) do
    parts[#parts + 1] = string.format("p%s %.2fms", p, latency:percentile(p) / 1000)
  end
  io.write("percentiles: " .. table.concat(parts, "  ") .. string.format("  max %.2fms\n", latency.max / 1000))
end
