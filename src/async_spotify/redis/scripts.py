"""The Lua scripts the Redis store and gate run: each check-and-change is one atomic step.

Times are Redis's own (``TIME``), in milliseconds, so processes on machines whose clocks disagree
still share one window and one pause.
"""

from __future__ import annotations

#: KEYS: lock, fence. ARGV: owner, ttl_ms. The fencing number when taken, else minus the
#: milliseconds the lock is still held for.
ACQUIRE_LOCK = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
local left = redis.call('PTTL', KEYS[1])
if left < 1 then left = 1 end
return -left
"""

#: KEYS: lock. ARGV: owner. Releases the lock only if this owner still holds it.
RELEASE_LOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""

#: KEYS: token, fence. ARGV: token JSON, issued (s), fencing number (0: not a renewal).
#: 1 when written, 0 when refused: the renewal was overtaken by a later holder of the lock, or
#: the stored token is newer (issued later, or written by a later renewal).
SAVE_TOKEN = """
local fence = tonumber(ARGV[3])
local stored_fence = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
if fence > 0 then
  if tonumber(redis.call('GET', KEYS[2]) or '0') ~= fence or stored_fence > fence then
    return 0
  end
else
  local stored_issued = tonumber(redis.call('HGET', KEYS[1], 'issued') or '-1')
  if stored_issued > tonumber(ARGV[2]) then
    return 0
  end
end
redis.call('HSET', KEYS[1], 'token', ARGV[1], 'issued', ARGV[2], 'fence', fence)
return 1
"""

# Shared by the gate's scripts: the time, the answers reported since the last call (rescored to
# when they arrived: ARGV from 6 on, pairs of member and age in ms), the window rolled on.
_GATE_PRELUDE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local answers = tonumber(ARGV[5])
for i = 0, answers - 1 do
  local member = ARGV[6 + 2 * i]
  if redis.call('ZREM', KEYS[1], member) == 1 then
    redis.call('ZADD', KEYS[2], now - tonumber(ARGV[7 + 2 * i]), member)
  end
end
-- a request in flight holds its slot until its answer is reported (its process may report it a
-- little late); one in flight for longer than a minute beyond the window was lost with its process
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window - 60000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
local state = KEYS[3]
local epoch = tonumber(redis.call('HGET', state, 'epoch') or '0')
local pause_until = tonumber(redis.call('HGET', state, 'pause_until') or '0')
local budget = tonumber(ARGV[2])
local limit = budget
if budget <= 0 then
  limit = tonumber(redis.call('HGET', state, 'limit') or '-1')
end
"""

#: KEYS: in flight, answered, state. ARGV: window_ms, budget (0: learn), member, increase,
#: answers, then the answers. ``{admitted, wait_ms, epoch, limit}`` (limit -1: none yet).
ADMIT = (
    _GATE_PRELUDE
    + """
local ttl = window * 2
if pause_until > now then
  return {0, pause_until - now, epoch, tostring(limit)}
end
local count = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])
if limit > 0 and count >= math.floor(limit) then
  local first = math.huge
  for _, key in ipairs({KEYS[1], KEYS[2]}) do
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    if oldest[2] and tonumber(oldest[2]) < first then first = tonumber(oldest[2]) end
  end
  if budget <= 0 then
    -- additive increase: once per window in which the learned budget held requests back
    local grown = tonumber(redis.call('HGET', state, 'grown_at') or '0')
    if now - grown >= window then
      local step = tonumber(ARGV[4])
      local ceiling = tonumber(redis.call('HGET', state, 'ceiling') or '0')
      if limit + step > ceiling - 1 then step = step / 10 end
      limit = limit + step
      redis.call('HSET', state, 'limit', tostring(limit), 'grown_at', now)
    end
  end
  local wait = first + window - now
  if wait < 5 then wait = 5 end  -- the slots are held by requests in flight: look again soon
  return {0, wait, epoch, tostring(limit)}
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return {1, 0, epoch, tostring(limit)}
"""
)

#: KEYS: in flight, answered, state. ARGV: window_ms, budget, member, retry_after_ms, answers,
#: then the answers, then the epoch the refused request was sent in, the decrease factor.
#: ``{wait_ms, epoch, limit}``: the pause to wait out (0: it is over).
REFUSED = (
    _GATE_PRELUDE
    + """
redis.call('ZREM', KEYS[1], ARGV[3])
local rest = 6 + 2 * answers
local sent_in = tonumber(ARGV[rest])
if sent_in == epoch and pause_until <= now then
  epoch = epoch + 1
  pause_until = now + tonumber(ARGV[4])
  redis.call('HSET', state, 'epoch', epoch, 'pause_until', pause_until)
  if budget <= 0 then
    local accepted = redis.call('ZCARD', KEYS[2])
    if accepted > 0 then
      limit = math.max(1, math.floor(tonumber(ARGV[rest + 1]) * accepted))
      redis.call('HSET', state, 'limit', tostring(limit), 'ceiling', accepted, 'grown_at', now)
    end
  end
  redis.call('PEXPIRE', state, 86400000)
end
local wait = pause_until - now
if wait < 0 then wait = 0 end
return {wait, epoch, tostring(limit)}
"""
)

#: KEYS and ARGV as for ADMIT: only reports the answers (a process that goes quiet, or closes).
REPORT = _GATE_PRELUDE + "\nreturn 1\n"
