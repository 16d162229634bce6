package dev.till.core.customers;

import dev.till.core.events.Events;
import dev.till.core.paging.Cursor;
import dev.till.core.paging.Page;
import dev.till.domain.Ids;
import dev.till.domain.Problem;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Customer use cases. Writes take the caller's transaction so that the change, its event and the
 * idempotency record commit together. Thread-safe.
 */
public final class Customers {
    private final Jdbi jdbi;
    private final Ids ids;
    private final Clock clock;
    private final Events events;

    public Customers(Jdbi jdbi, Ids ids, Clock clock, Events events) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    public Customer create(Handle tx, String merchantId, CustomerDraft draft) {
        String id = ids.next("cus_");
        CustomerStore store = new CustomerStore(tx);
        store.insert(id, merchantId, draft.email(), draft.name(), draft.phone(), draft.metadata(), clock.instant());
        Customer created = store.find(merchantId, id).orElseThrow();
        events.record(tx, merchantId, "customer_created", id, CustomerSnapshot.of(created));
        return created;
    }

    /** Payments name customers by email; an unknown email creates the customer (Checkout.com's behaviour). */
    public Customer findOrCreateByEmail(Handle tx, String merchantId, String email, String name) {
        Optional<Customer> existing = new CustomerStore(tx).findByEmail(merchantId, email);
        return existing.orElseGet(() -> create(tx, merchantId, new CustomerDraft(email, name, null, null)));
    }

    public Customer get(String merchantId, String id) {
        return jdbi.withHandle(h -> new CustomerStore(h).find(merchantId, id))
                .orElseThrow(() -> Problem.notFound("customer", id).toException());
    }

    public Customer get(Handle tx, String merchantId, String id) {
        return new CustomerStore(tx).find(merchantId, id)
                .orElseThrow(() -> Problem.notFound("customer", id).toException());
    }

    public Customer update(Handle tx, String merchantId, String id, CustomerDraft draft) {
        CustomerStore store = new CustomerStore(tx);
        store.findForUpdate(merchantId, id).orElseThrow(() -> Problem.notFound("customer", id).toException());
        store.updateDetails(merchantId, id, draft.email(), draft.name(), draft.phone(), draft.metadata(), clock.instant());
        Customer updated = store.find(merchantId, id).orElseThrow();
        events.record(tx, merchantId, "customer_updated", id, CustomerSnapshot.of(updated));
        return updated;
    }

    public void delete(Handle tx, String merchantId, String id) {
        CustomerStore store = new CustomerStore(tx);
        Customer customer = store.findForUpdate(merchantId, id).orElseThrow(() -> Problem.notFound("customer", id).toException());
        store.markDeleted(merchantId, id, clock.instant());
        events.record(tx, merchantId, "customer_deleted", id, CustomerSnapshot.of(customer));
    }

    public void setDefaultSource(Handle tx, String merchantId, String customerId, String sourceId) {
        new CustomerStore(tx).setDefaultSource(merchantId, customerId, sourceId);
    }

    public Page<Customer> list(String merchantId, Optional<String> email, Cursor after, int limit) {
        var rows = jdbi.withHandle(h -> new CustomerStore(h)
                .listPage(merchantId, email.orElse(null), after.createdOn(), after.id(), limit + 1));
        return Page.of(rows, limit, Customer::createdOn, Customer::id);
    }
}
