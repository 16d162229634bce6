package dev.till.server;

import dev.till.core.webhooks.DeliveryWorker;
import dev.till.core.webhooks.EventLog;
import dev.till.core.webhooks.RetrySchedule;
import dev.till.core.webhooks.SsrfGuard;
import dev.till.core.webhooks.WebhookEndpoints;
import dev.till.core.webhooks.WebhookSecrets;
import dev.till.core.webhooks.WebhookSender;
import dev.till.core.webhooks.WebhookSettings;
import dev.till.http.Routes;
import dev.till.http.dialects.payouts.SubscribeHandlers;
import dev.till.http.webhooks.EventHandlers;
import dev.till.http.webhooks.WebhookHandlers;
import io.micrometer.core.instrument.FunctionCounter;
import java.time.Duration;
import java.util.List;

/**
 * Events and webhooks: every recorded event fans out to the subscribed endpoints in its own
 * transaction. Where background work runs ({@code TILL_RUN_JOBS}), the worker sends fresh
 * deliveries as soon as their transaction commits, and the "webhook-delivery" job (every 200 ms)
 * claims the rest: retries, and whatever a busy or stopped node left behind.
 */
final class WebhooksCapability implements Capability {
    static final String JOB = "webhook-delivery";

    @Override
    public List<Routes.RouteGroup> wire(Services s) {
        Config c = s.config();
        WebhookSettings settings = WebhookSettings.of(c.webhookTimeout(), c.webhookAllowLoopback(), c.webhookAllowHttp())
                .withPerEndpoint(c.webhookConcurrency());
        WebhookSecrets secrets = new WebhookSecrets(s.ids(), s.keysets());
        SsrfGuard guard = new SsrfGuard(settings);
        WebhookEndpoints endpoints = new WebhookEndpoints(s.jdbi(), s.ids(), s.clock(), secrets, guard, s.json());
        EventLog eventLog = new EventLog(s.jdbi(), s.clock());

        DeliveryWorker worker = new DeliveryWorker(s.jdbi(), s.ids(), s.clock(), settings, RetrySchedule.jitteredBy(s.ids()),
                secrets, guard, new WebhookSender(settings.timeout(), s.clock()), s.json(), s.publicUrl());
        s.jobs().register(JOB, Duration.ofMillis(200), worker);
        // Tests that drive the job by hand (runNow) keep it that way: nothing is sent behind their back.
        if (c.runJobs()) s.events().deliverOnCommit(worker);
        FunctionCounter.builder("till_webhook_attempts", worker, DeliveryWorker::sentOnCommit).tag("sent", "on_commit")
                .description("Webhook attempts sent as their transaction committed").register(s.metrics());
        FunctionCounter.builder("till_webhook_attempts", worker, DeliveryWorker::sentByClaim).tag("sent", "by_claim")
                .description("Webhook attempts sent after the delivery job claimed them").register(s.metrics());

        return List.of(new WebhookHandlers(endpoints, eventLog, s.writes()),
                new EventHandlers(eventLog, s.writes(), s.publicUrl()),
                new SubscribeHandlers(endpoints, s.writes()));
    }
}
