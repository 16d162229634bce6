package dev.till.server;

import dev.till.core.merchants.NewMerchant;
import dev.till.core.merchants.Merchants;
import dev.till.domain.Ids;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** The {@code ./till} command line: {@code serve}, {@code merchants create}, {@code ledger}, {@code help}. */
public final class Till {
    private Till() {}

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        String command = a.isEmpty() ? "help" : a.get(0);
        switch (command) {
            case "serve" -> serve();
            case "merchants" -> merchants(a.subList(1, a.size()));
            case "keys" -> keys(a.subList(1, a.size()));
            case "ledger" -> System.exit(LedgerCommand.run(a.subList(1, a.size())));
            case "help", "--help", "-h" -> help();
            default -> {
                System.err.println("Unknown command: " + command);
                help();
                System.exit(2);
            }
        }
    }

    static void help() {
        System.out.println("""
                Till, a self-hosted payment gateway.

                  ./till serve                                   start the gateway (embedded PostgreSQL unless DATABASE_URL is set)
                  ./till test                                    run the whole test suite
                  ./till merchants create --name NAME [--live] [--json]
                                                                 create a merchant and print its keys (shown once)
                  ./till keys rotate                             add a new card-encryption key and make it primary
                                                                 (old card data still decrypts; restart the gateway after)
                  ./till ledger check [--merchant ID]            prove the ledger balances; exits 1 on any violation
                  ./till ledger pricing --merchant ID [--capture-bps N] [--capture-fixed N] [--payout-bps N] [--payout-fixed N]
                                                                 set a merchant's fees (minor units; bps = 1/100 %; a fee left out takes its default)
                  ./till bench [--scenario authorize,checkout,read,mixed] [--clients 1,8,32,64] [--seconds 10] [--warmup 10]
                                                                 the load benchmark (docs/performance.md); not part of ./till test
                  ./till help                                    this list

                Configuration is read from environment variables; see the README.""");
    }

    private static void serve() throws InterruptedException {
        Config config = Config.fromEnv(System.getenv());
        Gateway gateway = Gateway.start(config, Clock.systemUTC(), new SecureRandom(), Optional.empty());
        Merchants merchants = gateway.services().merchants();
        String base = gateway.services().publicUrl();
        if (config.bootstrapMerchant() && merchants.count() == 0) {
            NewMerchant m = merchants.create("Test merchant", true);
            System.out.println("""

                    Created a test merchant %s. Its keys are shown only this once:
                      secret key:       %s
                      publishable key:  %s
                    """.formatted(m.merchant().merchantId(), m.secretKey(), m.publishableKey()));
        }
        System.out.println("""
                Till is listening on %s
                  API docs:   %s/docs
                  Health:     %s/health/ready
                  Try:        curl -s -X POST %s/customers -H "Authorization: Bearer $SECRET_KEY" \\
                                -H 'Content-Type: application/json' -d '{"email":"jane@example.com"}'
                """.formatted(base, base, base, base));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "till-shutdown"));
        stopped.await();
    }

    private static void merchants(List<String> args) throws Exception {
        if (args.isEmpty() || !args.get(0).equals("create")) {
            System.err.println("Usage: ./till merchants create --name NAME [--live] [--json]");
            System.exit(2);
        }
        String name = option(args, "--name").orElse(null);
        if (name == null || name.isBlank()) {
            System.err.println("--name is required");
            System.exit(2);
        }
        boolean json = args.contains("--json");
        boolean live = args.contains("--live");
        Config config = Config.fromEnv(System.getenv());
        try (Gateway.Storage storage = Gateway.openStorage(config)) {
            NewMerchant m = new Merchants(storage.database().jdbi(), new Ids(new SecureRandom()), Clock.systemUTC()).create(name, !live);
            if (json) {
                System.out.println(dev.till.http.Json.MAPPER.writeValueAsString(java.util.Map.of(
                        "merchant_id", m.merchant().merchantId(), "secret_key", m.secretKey(), "publishable_key", m.publishableKey())));
            } else {
                System.out.println("Merchant " + m.merchant().merchantId() + " (" + m.merchant().mode() + " mode)");
                System.out.println("  secret key:       " + m.secretKey());
                System.out.println("  publishable key:  " + m.publishableKey());
                System.out.println("Keep them safe: they are stored only as hashes and cannot be shown again.");
            }
        }
    }

    private static void keys(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("rotate")) {
            System.err.println("Usage: ./till keys rotate");
            System.exit(2);
        }
        Config config = Config.fromEnv(System.getenv());
        java.nio.file.Path file = config.resolvedKeysetFile();
        if (!java.nio.file.Files.exists(file)) {
            System.err.println("No keyset at " + file + "; start the gateway once to create it, or set TILL_KEYSET_FILE.");
            System.exit(1);
        }
        dev.till.core.crypto.Keysets.rotateAead(file);
        System.out.println("Rotated the card-encryption key in " + file + ". Restart the gateway to encrypt new cards with it.");
    }

    static Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
    }
}
