-- wrk-urls.lua: request paths from a list (one per line). Used by scripts/bench.
--   wrk -t2 -c16 -d15s  --latency -s wrk-urls.lua http://127.0.0.1:8480 -- PATHS cycle NTHREADS
--   wrk -t2 -c16 -d600s --latency -s wrk-urls.lua http://127.0.0.1:8480 -- PATHS onepass NTHREADS MARKDIR
-- cycle:   each thread starts at its own evenly spaced offset and cycles through the whole list.
-- onepass: each thread requests its own contiguous slice exactly once; when every response of
--          its slice is in, it creates MARKDIR/done.<tid> and parks its connections. The caller
--          sends SIGINT once all threads are done, and wrk prints its summary as usual.
-- done() prints one "WRKJSON {...}" line (requests, rps, latency percentiles, errors).
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
  onepass = args[2] == "onepass"
  local nthreads = tonumber(args[3]) or 1
  markdir = args[4]
  first = math.floor(tid * #paths / nthreads) + 1
  last = math.floor((tid + 1) * #paths / nthreads)
  counter = first - 1
  reserved, received, marked = 0, 0, false
  check_pending = (tid == 0) -- wrk calls request() once on thread 0 to check the script
  if onepass then
    slice = last - first + 1
    if slice <= 0 then mark() end
  else
    delay = nil
    response = nil
  end
end

function mark()
  if not marked and markdir then
    local f = io.open(markdir .. "/done." .. tid, "w")
    if f then f:write(received, "\n"); f:close() end
  end
  marked = true
end

function delay()
  if reserved >= slice then return 1000000000 end -- slice done: park this connection
  reserved = reserved + 1
  return 0
end

function request()
  if check_pending then
    check_pending = false
    return wrk.format("GET", paths[first])
  end
  counter = counter + 1
  if counter > #paths then counter = 1 end
  return wrk.format("GET", paths[counter])
end

function response(status, headers, body)
  received = received + 1
  if received >= slice then mark() end
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
