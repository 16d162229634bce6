package dev.till.server;

import dev.till.core.links.LinkJobs;
import dev.till.core.links.LinkPaymentListener;
import dev.till.core.links.PaymentLinks;
import dev.till.http.RateLimits;
import dev.till.http.Routes;
import dev.till.http.links.PaymentLinkHandlers;
import dev.till.http.links.WidgetHandlers;
import java.time.Duration;
import java.util.List;

/**
 * Payment links (seed 004): the API, the hosted card widget, the listener that moves a link when
 * its payment is decided, and two jobs: expiry, and the prompt release of an authorization that
 * landed after the link was canceled. Wired after payments, whose use cases it calls.
 */
final class PaymentLinksCapability implements Capability {
    private final PaymentsCapability paymentsCapability;

    PaymentLinksCapability(PaymentsCapability paymentsCapability) {
        this.paymentsCapability = paymentsCapability;
    }

    @Override
    public List<Routes.RouteGroup> wire(Services s) {
        var payments = paymentsCapability.payments();
        PaymentLinks links = new PaymentLinks(s.jdbi(), s.ids(), s.clock(), s.events(), payments, s.json(), s.publicUrl());
        s.events().addListener(new LinkPaymentListener(s.ids(), s.clock(), s.events()));
        LinkJobs jobs = new LinkJobs(s.jdbi(), s.clock(), s.events(), payments);
        s.jobs().register(LinkJobs.EXPIRE, Duration.ofMinutes(1), jobs::expireOnce);
        // Payer promises the release within an hour; every 10 s keeps it well inside that.
        s.jobs().register(LinkJobs.RELEASE, Duration.ofSeconds(10), jobs::releaseOnce);
        return List.of(new PaymentLinkHandlers(links, s.writes(), s.publicUrl()),
                new WidgetHandlers(links, s.merchants(), s.clock(),
                        new RateLimits(new RateLimits.Settings(0, 0, s.config().anonymousPerSecond()), s.clock())));
    }
}
