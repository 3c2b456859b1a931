-- wrk script: GET random tasks of the project cairn-bench --serve set up.
-- wrk -t2 -c16 -d20s --latency -s read.lua http://ADDR -- TOKEN KEY FIRST LAST
local token, key, first, last

function init(args)
  token, key, first, last = args[1], args[2], tonumber(args[3]), tonumber(args[4])
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local id = math.random(first, last)
  return wrk.format("GET", "/api/v1/projects/" .. key .. "/tasks/" .. id,
    { ["Authorization"] = "Bearer " .. token })
end
