-- wrk script: each connection waits DELAY_MS between requests, so C connections offer about C*1000/DELAY_MS req/s.
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
function delay()
  return delay_ms
end
