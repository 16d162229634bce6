package dev.till.core.merchants;

import java.time.Instant;

/** A merchant using this Till. Test-mode merchants see the simulator's test-only behaviour. */
public record Merchant(String merchantId, String name, String mode, String defaultCurrency, Instant createdOn) {
    public boolean testMode() {
        return "test".equals(mode);
    }
}
