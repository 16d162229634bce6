UPDATE webhook_endpoints
SET url = coalesce(CAST(:url AS text), url),
    event_types = coalesce(CAST(:eventTypes AS jsonb), event_types),
    active = coalesce(CAST(:active AS boolean), active),
    disabled_reason = CASE WHEN CAST(:active AS boolean) THEN NULL ELSE disabled_reason END,
    headers = coalesce(CAST(:headers AS jsonb), headers),
    updated_on = :now
WHERE merchant_id = :merchantId
  AND id = :id
