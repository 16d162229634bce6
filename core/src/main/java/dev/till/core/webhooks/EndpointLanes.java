package dev.till.core.webhooks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This node's deliveries per endpoint: how many are being sent, and the fresh ones (sent on
 * commit) waiting for a slot. A slot is taken when a send starts and freed when the receiver has
 * answered. Claimed deliveries only take slots (the claim already respected the limit); fresh
 * ones wait here, in order, when the endpoint's slots are full.
 * <p>
 * Up to {@link #WAITING_PER_SLOT} fresh deliveries per slot may wait before the endpoint counts
 * as busy and further ones are left for the claim. Without that room, a receiver that was slow
 * for a moment under load had its next deliveries left unleased, and the claim, which counts
 * this node's leases against the same limit, found a free slot only when no fresh delivery took
 * it first: those deliveries arrived seconds after the ones that followed them (the benchmark's
 * webhook lag, docs/hot-path.md, session 11). The bound keeps a receiver that hangs from holding
 * more than a few slots' worth of this node's deliveries. Thread-safe.
 */
final class EndpointLanes<T> {
    static final int WAITING_PER_SLOT = 3;
    private final int perEndpoint;
    private final Map<String, Lane<T>> lanes = new HashMap<>();

    private static final class Lane<T> {
        int sending;
        final ArrayDeque<T> waiting = new ArrayDeque<>();
    }

    EndpointLanes(int perEndpoint) {
        this.perEndpoint = perEndpoint;
    }

    /** Endpoints with as many fresh deliveries waiting as they may have: further ones are left for the claim. */
    synchronized List<String> busy() {
        List<String> busy = new ArrayList<>();
        lanes.forEach((endpoint, lane) -> {
            if (lane.sending + lane.waiting.size() >= (long) perEndpoint * (1 + WAITING_PER_SLOT)) busy.add(endpoint);
        });
        return busy;
    }

    /** A claimed delivery starts: it takes a slot. */
    synchronized void take(String endpoint) {
        lanes.computeIfAbsent(endpoint, e -> new Lane<>()).sending++;
    }

    /** A fresh delivery: true if it may start now (it took a slot), false if it waits for one. */
    synchronized boolean takeOrWait(String endpoint, T delivery) {
        Lane<T> lane = lanes.computeIfAbsent(endpoint, e -> new Lane<>());
        if (lane.sending < perEndpoint) {
            lane.sending++;
            return true;
        }
        lane.waiting.add(delivery);
        return false;
    }

    /** A send is answered: frees its slot and returns the waiting delivery that takes it, or null. */
    synchronized T free(String endpoint) {
        Lane<T> lane = lanes.get(endpoint);
        if (lane == null) return null;
        T next = lane.waiting.poll();
        if (next == null && --lane.sending == 0) lanes.remove(endpoint);
        return next;
    }

    /** Removes every delivery still waiting for the endpoint (it is gone) and returns them. */
    synchronized List<T> dropWaiting(String endpoint) {
        Lane<T> lane = lanes.get(endpoint);
        if (lane == null) return List.of();
        List<T> dropped = new ArrayList<>(lane.waiting);
        lane.waiting.clear();
        return dropped;
    }
}
