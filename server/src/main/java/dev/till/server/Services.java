package dev.till.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.core.crypto.Keysets;
import dev.till.core.events.Events;
import dev.till.core.idempotency.Idempotency;
import dev.till.core.jobs.BackgroundJobs;
import dev.till.core.merchants.Merchants;
import dev.till.core.payments.Receipts;
import dev.till.core.payments.RefundCover;
import dev.till.core.storage.Database;
import dev.till.domain.Ids;
import dev.till.http.Writes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * What every capability's wiring may use: the shared, thread-safe services built once at start.
 *
 * @param publicUrl the absolute base URL merchants and browsers reach this Till at, without a trailing slash
 * @param refundCover where the ledger registers the check a refund passes before the card network is asked
 * @param metrics   where a capability registers its own meters (served at {@code /metrics})
 */
public record Services(Config config, Database database, Jdbi jdbi, Ids ids, Clock clock, Keysets keysets,
                       Merchants merchants, Events events, Idempotency idempotency, Writes writes, BackgroundJobs jobs,
                       ObjectMapper json,
                       String publicUrl, Receipts receipts, RefundCover refundCover, MeterRegistry metrics) {}
