-- A card is valid through the end of its valid_until day (Asia/Shanghai).
UPDATE card SET state = 'EXPIRED', state_since = :since
WHERE state = 'ACTIVE' AND valid_until < :runDate
