-- wrk script: PATCH random tasks of the project cairn-bench --serve set up,
-- without If-Match (last writer wins), cycling through progress, a note, a
-- new estimate and a new name.
-- wrk -t2 -c16 -d20s --latency -s update.lua http://ADDR -- TOKEN KEY FIRST LAST
local token, key, first, last
local n = 0

function init(args)
  token, key, first, last = args[1], args[2], tonumber(args[3]), tonumber(args[4])
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

local function body()
  n = n + 1
  local k = n % 4
  if k == 0 then return '{"percent_complete":' .. math.random(0, 100) .. '}' end
  if k == 1 then return '{"notes":"checked ' .. math.random(1, 1000000) .. '"}' end
  if k == 2 then return '{"duration":"' .. math.random(1, 10) .. 'd"}' end
  return '{"name":"Task ' .. math.random(1, 1000000) .. '"}'
end

function request()
  local id = math.random(first, last)
  return wrk.format("PATCH", "/api/v1/projects/" .. key .. "/tasks/" .. id,
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body())
end

