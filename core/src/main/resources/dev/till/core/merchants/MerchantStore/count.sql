SELECT count(*) FROM merchants
