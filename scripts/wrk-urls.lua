-- wrk-urls.lua: cycle through a list of request paths (one per line), each thread starting at
-- its own offset; at the end print one "WRKJSON {...}" line (requests, rps, latency percentiles,
-- errors). Used by scripts/bench when ../shared/bench/urllist.lua is not available.
--   wrk -t2 -c32 -d15s --latency -s wrk-urls.lua http://127.0.0.1:8280 -- PATHS_FILE cycle 2
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  local nthreads = tonumber(args[3]) or 1
  counter = math.floor(tid * #paths / nthreads)
end
function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,' ..
    '"lat_mean_ms":%.2f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,' ..
    '"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d}\n',
    summary.requests, secs, summary.requests / secs, summary.bytes,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
