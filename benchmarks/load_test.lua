-- The URL mix of benchmarks/load_test.py for wrk:
--
--   wrk --script benchmarks/load_test.lua http://127.0.0.1:PORT -- URLS_FILE RESULT_FILE
--
-- URLS_FILE holds one path a line, in the order to request them; each thread goes round the
-- list from its own starting point. "{n}" in a path is replaced by a number never used before
-- in the run (thread and request), so that URL misses every cache. At the end, RESULT_FILE gets
-- the count of responses by HTTP status, as JSON: {"200": 1234, "404": 2}.
--
-- An optional ERRORS_FILE (a third argument, benchmarks/soak.py) gets each response of status
-- 400 and above by the second it arrived (Unix time), status and source: "edge" when Varnish
-- made the answer itself (its "Backend fetch failed" page), "portal" otherwise:
-- {"1767139200": {"503 edge": 2}}.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("no paths in " .. args[1])
  end
  result_file = args[2]
  errors_file = args[3]
  statuses = {}
  errors = {}
  counter = 0
  position = (id * 7919) % #paths
end

function request()
  position = position % #paths + 1
  local path = paths[position]
  if path:find("{n}", 1, true) then
    counter = counter + 1
    path = path:gsub("{n}", id .. "x" .. counter)
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if errors_file and status >= 400 then
    local second = tostring(os.time())
    local source = "portal"
    if body and body:find("Backend fetch failed", 1, true) then
      source = "edge"
    end
    -- Flat keys ("<second> <status> <source>"): wrk cannot copy nested tables between threads.
    local key = second .. " " .. status .. " " .. source
    errors[key] = (errors[key] or 0) + 1
  end
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do
    parts[#parts + 1] = string.format('"%d": %d', status, count)
  end
  local file = assert(io.open(threads[1]:get("result_file"), "w"))
  file:write("{" .. table.concat(parts, ", ") .. "}\n")
  file:close()
  local errors_path = threads[1]:get("errors_file")
  if errors_path then
    write_errors(errors_path)
  end
end

function write_errors(path)
  local merged = {}
  for _, thread in ipairs(threads) do
    for flat, count in pairs(thread:get("errors")) do
      local second, key = flat:match("^(%d+) (.+)$")
      merged[second] = merged[second] or {}
      merged[second][key] = (merged[second][key] or 0) + count
    end
  end
  local seconds = {}
  for second, counts in pairs(merged) do
    local parts = {}
    for key, count in pairs(counts) do
      parts[#parts + 1] = string.format('"%s": %d', key, count)
    end
    seconds[#seconds + 1] = string.format('"%s": {%s}', second, table.concat(parts, ", "))
  end
  local file = assert(io.open(path, "w"))
  file:write("{" .. table.concat(seconds, ", ") .. "}\n")
  file:close()
end
