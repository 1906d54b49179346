-- wrk script for the web chat bench with an independent client (docs/performance.md):
--   wrk -t1 -c32 -d8s -s bench/wrk_webchat.lua http://127.0.0.1:PORT/api/webchat/messages
-- Every request is a new message (a unique id) from one of 400 residents in the four grid groups,
-- 9 chatter to 1 complaint with a trigger, like bench/traffic.py.
local groups = {"g_tx1", "g_tx2", "g_ys", "g_hp"}
local chatter = {"今天天气不错", "收到", "明天几点开会", "谢谢网格员", "好的", "哈哈哈", "有人知道快递放哪了吗",
                 "早上好", "辛苦了"}
local complaints = {"报事 3号楼2单元楼道灯坏了", "报修 5号楼电梯不动了", "投诉 5号楼门口垃圾好几天没人清运"}
local counter = 0
-- LuaJIT's generator starts from the same seed in every run: unseeded, a second run of wrk would post the first
-- run's ids again and measure the bot's cheap answer to a duplicate. The clock and the script's address differ.
math.randomseed(os.time() + math.floor(os.clock() * 1e6) + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003)
local thread_tag = string.format("%d-%d", os.time(), math.random(1, 1000000000))

request = function()
  counter = counter + 1
  local resident = counter % 400
  local group = groups[(resident % 4) + 1]
  local text
  if counter % 10 == 0 then
    text = complaints[(counter / 10) % #complaints + 1]
  else
    text = chatter[counter % #chatter + 1]
  end
  local body = string.format('{"chat":"%s","user":"r_wrk%04d","name":"居民%d","text":"%s","id":"wrk-%s-%d"}',
                             group, resident, resident, text, thread_tag, counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

response = function(status, headers, body)
  if status ~= 200 then
    print("status " .. status .. ": " .. body)
  end
end
