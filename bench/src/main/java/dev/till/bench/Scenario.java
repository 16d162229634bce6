package dev.till.bench;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** One unit of work per scenario; each {@code run} is one counted operation. */
final class Scenario {
    private final String name;
    private final Client client;
    private final String sourceId;
    private final List<String> paymentIds; // approved, captured payments to read and refund

    Scenario(String name, Client client, String sourceId, List<String> paymentIds) {
        this.name = name;
        this.client = client;
        this.sourceId = sourceId;
        this.paymentIds = paymentIds;
    }

    void run() {
        switch (name) {
            case "authorize" -> client.payWithSource(sourceId, true);
            case "checkout" -> {
                String token = client.token();
                String id = client.payWithToken(token, false).path("id").asText();
                client.capture(id);
            }
            case "read" -> client.read(randomPayment());
            case "mixed" -> {
                int dice = ThreadLocalRandom.current().nextInt(100);
                if (dice < 70) client.payWithSource(sourceId, true);
                else if (dice < 90) client.read(randomPayment());
                else client.refund(randomPayment(), 1);
            }
            default -> throw new IllegalArgumentException(name);
        }
    }

    private String randomPayment() {
        return paymentIds.get(ThreadLocalRandom.current().nextInt(paymentIds.size()));
    }
}
