package dev.till.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.till.core.fx.Conversion;
import dev.till.domain.CurrencyCode;
import dev.till.domain.ledger.Account;
import dev.till.domain.ledger.EntryType;
import dev.till.domain.ledger.JournalEntry;
import dev.till.domain.ledger.Pricing;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The plain-Java rules under the ledger: balance, fees and FX rounding. No server needed. */
class LedgerArithmeticTest {
    private static final CurrencyCode USD = CurrencyCode.of("USD");
    private static final CurrencyCode JPY = CurrencyCode.of("JPY");
    private static final CurrencyCode KWD = CurrencyCode.of("KWD");

    @Test
    void an_entry_must_balance_in_every_currency() {
        assertThatThrownBy(() -> JournalEntry.of("mer_x", EntryType.CAPTURE, "pay_x")
                .debit(Account.CARD_NETWORK_CLEARING, USD, 100).credit(Account.MERCHANT_PENDING, USD, 99).build())
                .hasMessageContaining("off by -1 USD");
        assertThatThrownBy(() -> JournalEntry.of("mer_x", EntryType.CAPTURE, "pay_x")
                .debit(Account.CARD_NETWORK_CLEARING, USD, 100).credit(Account.MERCHANT_PENDING, JPY, 100).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JournalEntry.of("mer_x", EntryType.CAPTURE, "pay_x").move(Account.TEST_FUNDING, Account.MERCHANT_AVAILABLE, USD, 5)
                .credit(Account.FEES, USD, 0).build().lines()).hasSize(2);
    }

    @Test
    void fees_round_half_up_and_never_exceed_the_amount() {
        Pricing p = Pricing.DEFAULT; // 290 bps + 30
        assertThat(p.captureFee(65_00)).isEqualTo(189 + 30);  // 188.5 rounds up
        assertThat(p.captureFee(10_00)).isEqualTo(29 + 30);
        assertThat(p.captureFee(20)).isEqualTo(20);           // capped at the amount
        assertThat(p.payoutFee(1_000_00)).isEqualTo(1_00);
    }

    @Test
    void conversions_never_give_the_beneficiary_more_than_was_paid_for() {
        BigDecimal rate = Conversion.offered(new BigDecimal("151.5"), 50); // 150.7425
        assertThat(rate).isEqualByComparingTo("150.7425");
        assertThat(Conversion.target(1, USD, JPY, rate)).isEqualTo(1);              // 1.507 yen rounds down
        assertThat(Conversion.source(10_000, USD, JPY, rate)).isEqualTo(66_34);     // 66.337 USD rounds up
        BigDecimal toKwd = Conversion.offered(new BigDecimal("0.307"), 0);
        assertThat(Conversion.target(100_00, USD, KWD, toKwd)).isEqualTo(30_700);   // three decimals
        assertThat(Conversion.offered(new BigDecimal("0.123456789"), 0)).isEqualByComparingTo("0.123456");
    }
}
