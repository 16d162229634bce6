package dev.till.server;

import dev.till.core.ledger.LedgerCheck;
import dev.till.core.ledger.MerchantPricing;
import dev.till.domain.ledger.Pricing;
import java.util.List;
import java.util.Optional;

/** {@code ./till ledger check} and {@code ./till ledger pricing}: operator commands on the storage. */
final class LedgerCommand {
    private LedgerCommand() {}

    /** Returns the process exit code: 0 when all is well, 1 on violations, 2 on a usage error. */
    static int run(List<String> args) throws Exception {
        String sub = args.isEmpty() ? "" : args.getFirst();
        Optional<String> merchant = Till.option(args, "--merchant");
        Config config = Config.fromEnv(System.getenv());
        switch (sub) {
            case "check" -> {
                try (Gateway.Storage storage = Gateway.openStorage(config)) {
                    List<String> violations = new LedgerCheck(storage.database().jdbi()).violations(merchant);
                    violations.forEach(v -> System.out.println("VIOLATION " + v));
                    System.out.println(violations.isEmpty() ? "ledger ok: every entry balances, no balance is negative, "
                            + "every balance equals its lines" : violations.size() + " ledger violation(s)");
                    return violations.isEmpty() ? 0 : 1;
                }
            }
            case "pricing" -> {
                if (merchant.isEmpty()) return usage();
                Pricing p;
                try {
                    p = new Pricing(number(args, "--capture-bps", Pricing.DEFAULT.captureFeeBps()),
                            number(args, "--capture-fixed", Pricing.DEFAULT.captureFeeFixed()),
                            number(args, "--payout-bps", Pricing.DEFAULT.payoutFeeBps()),
                            number(args, "--payout-fixed", Pricing.DEFAULT.payoutFeeFixed()));
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    return 2;
                }
                try (Gateway.Storage storage = Gateway.openStorage(config)) {
                    storage.database().jdbi().useTransaction(tx -> new MerchantPricing().set(tx, merchant.get(), p));
                }
                System.out.println("Pricing of " + merchant.get() + ": " + p);
                return 0;
            }
            default -> {
                return usage();
            }
        }
    }

    private static int number(List<String> args, String name, long fallback) {
        return Math.toIntExact(Till.option(args, name).map(Long::parseLong).orElse(fallback));
    }

    private static int usage() {
        System.err.println("Usage: ./till ledger check [--merchant ID]\n"
                + "       ./till ledger pricing --merchant ID [--capture-bps N] [--capture-fixed N] [--payout-bps N] [--payout-fixed N]");
        return 2;
    }
}
