package dev.till.payments;

import static dev.till.payments.Sdk.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.checkout.CheckoutApi;
import com.checkout.CheckoutApiException;
import com.checkout.common.CustomerRequest;
import com.checkout.common.Currency;
import com.checkout.payments.ActionType;
import com.checkout.payments.CaptureRequest;
import com.checkout.payments.CaptureType;
import com.checkout.payments.PaymentAction;
import com.checkout.payments.PaymentStatus;
import com.checkout.payments.PaymentsQueryFilter;
import com.checkout.payments.RefundRequest;
import com.checkout.payments.ThreeDSRequest;
import com.checkout.payments.VoidRequest;
import com.checkout.payments.request.PaymentRequest;
import com.checkout.payments.request.source.RequestIdSource;
import com.checkout.payments.request.source.RequestTokenSource;
import com.checkout.payments.response.GetPaymentResponse;
import com.checkout.payments.response.PaymentResponse;
import com.checkout.payments.response.source.CardResponseSource;
import com.checkout.tokens.CardTokenResponse;
import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.TillServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A merchant's Checkout.com integration, unchanged but for the environment, running against Till. */
class CardPaymentsSdkTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    NewMerchant merchant;
    CheckoutApi checkout;

    @BeforeEach
    void merchant() {
        merchant = till.merchant();
        checkout = Sdk.client(till, merchant);
    }

    @Test
    void token_then_pay_then_get() {
        // Given a card tokenized in the customer's browser
        CardTokenResponse token = Sdk.token(checkout, "4242424242424242", "100");
        assertThat(token.getToken()).matches("tok_[a-z2-7]{26}");
        assertThat(token.getBin()).isEqualTo("424242");
        assertThat(token.getLast4()).isEqualTo("4242");
        assertThat(token.getScheme()).isEqualTo("Visa");
        assertThat(token.getIssuer()).isEqualTo("JPMORGAN CHASE BANK NA");
        assertThat(token.getExpiresOn()).isEqualTo(till.clock().instant().plusSeconds(15 * 60));

        // When the merchant's server pays with it, as in Checkout.com's guide
        PaymentResponse payment = await(checkout.paymentsClient().requestPayment(PaymentRequest.builder()
                .source(RequestTokenSource.builder().token(token.getToken()).build())
                .amount(65_00L).currency(Currency.USD).reference("ORD-5023-4E89")
                .metadata(Map.of("udf1", "TEST123", "coupon_code", "NY2018", "partner_id", 123989)).build()));

        // Then it is authorized at once, and the capture follows as its own action
        assertThat(payment.getHttpStatusCode()).isEqualTo(201);
        assertThat(payment.getId()).matches("pay_[a-z2-7]{26}");
        assertThat(payment.getActionId()).matches("act_[a-z2-7]{26}");
        assertThat(payment.isApproved()).isTrue();
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(payment.getResponseCode()).isEqualTo("10000");
        assertThat(payment.getRequestId()).isNotNull();
        CardResponseSource source = (CardResponseSource) payment.getSource();
        assertThat(source.getId()).matches("src_[a-z2-7]{26}");
        assertThat(source.getLast4()).isEqualTo("4242");
        assertThat(source.getFingerprint()).matches("[0-9A-F]{64}");
        assertThat(payment.getLinks()).containsKeys("self", "actions");
        assertThat(payment.getMetadata()).containsEntry("udf1", "TEST123");

        GetPaymentResponse read = await(checkout.paymentsClient().getPayment(payment.getId()));
        assertThat(read.getStatus()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(read.getAmount()).isEqualTo(65_00L);
        assertThat(read.getReference()).isEqualTo("ORD-5023-4E89");
        assertThat(read.getBalances().getTotalCaptured()).isEqualTo(65_00L);
        assertThat(read.getBalances().getAvailableToRefund()).isEqualTo(65_00L);
        assertThat(read.getLinks()).doesNotContainKeys("capture", "void");

        // And the token cannot be used again
        CheckoutApiException reused = Sdk.failure(checkout.paymentsClient().requestPayment(PaymentRequest.builder()
                .source(RequestTokenSource.builder().token(token.getToken()).build()).amount(10_00L).currency(Currency.USD).build()));
        assertThat(reused.getHttpStatusCode()).isEqualTo(422);
        assertThat(Sdk.codes(reused.getErrorDetails().get("error_codes"))).containsExactly("token_used");
    }

    @Test
    void a_stored_card_pays_again_without_a_new_token() {
        // Given a first payment by a new customer, named by email
        PaymentResponse first = pay(Sdk.token(checkout, "5436031030606378", "257"), 20_00L, true, "jane@example.com");
        String sourceId = ((CardResponseSource) first.getSource()).getId();
        assertThat(first.getCustomer().getId()).matches("cus_[a-z2-7]{26}");

        // When the merchant charges the stored card later, with a fresh CVV
        PaymentResponse second = await(checkout.paymentsClient().requestPayment(PaymentRequest.builder()
                .source(RequestIdSource.builder().id(sourceId).cvv("257").build())
                .amount(35_00L).currency(Currency.EUR).reference("ORD-2").build()));

        // Then it is approved on the same card
        assertThat(second.getHttpStatusCode()).isEqualTo(201);
        assertThat(second.isApproved()).isTrue();
        CardResponseSource source = (CardResponseSource) second.getSource();
        assertThat(source.getId()).isEqualTo(sourceId);
        assertThat(source.getScheme()).isEqualTo("Mastercard");
        assertThat(source.getCvvCheck()).isEqualTo("Y");
    }

    @Test
    void partial_captures_then_the_actions() {
        // Given an authorization of 100.00
        PaymentResponse payment = pay(Sdk.token(checkout, "4242424242424242", "100"), 100_00L, false, null);
        assertThat(payment.getLinks()).containsKeys("capture", "void");

        // When the merchant captures 25.00 (NonFinal), then 30.00 (Final)
        var first = await(checkout.paymentsClient().capturePayment(payment.getId(), CaptureRequest.builder()
                .amount(25_00L).captureType(CaptureType.NON_FINAL).reference("CAP-1").build()));
        assertThat(first.getHttpStatusCode()).isEqualTo(202);
        assertThat(first.getReference()).isEqualTo("CAP-1");
        assertThat(status(payment)).isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
        await(checkout.paymentsClient().capturePayment(payment.getId(), CaptureRequest.builder()
                .amount(30_00L).captureType(CaptureType.FINAL).reference("CAP-2").build()));

        // Then the rest is released, and the actions list all three, newest first
        GetPaymentResponse read = await(checkout.paymentsClient().getPayment(payment.getId()));
        assertThat(read.getStatus()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(read.getBalances().getTotalCaptured()).isEqualTo(55_00L);
        assertThat(read.getBalances().getTotalVoided()).isEqualTo(45_00L);
        assertThat(read.getBalances().getAvailableToCapture()).isZero();
        List<PaymentAction> actions = await(checkout.paymentsClient().getPaymentActions(payment.getId())).getItems();
        assertThat(actions).extracting(PaymentAction::getType)
                .containsExactly(ActionType.CAPTURE, ActionType.CAPTURE, ActionType.AUTHORIZATION);
        assertThat(actions).extracting(PaymentAction::getAmount).containsExactly(30_00L, 25_00L, 100_00L);
        assertThat(actions.get(2).getId()).isEqualTo(payment.getActionId());
        assertThat(actions.get(0).getReference()).isEqualTo("CAP-2");

        // And capturing more is refused with a code that names the problem
        CheckoutApiException more = Sdk.failure(checkout.paymentsClient().capturePayment(payment.getId()));
        assertThat(more.getHttpStatusCode()).isEqualTo(403);
        assertThat(Sdk.codes(more.getErrorDetails().get("error_codes"))).containsExactly("capture_not_allowed");
    }

    @Test
    void a_void_releases_the_authorization() {
        // Given an authorization
        PaymentResponse payment = pay(Sdk.token(checkout, "4543474002249996", "956"), 40_00L, false, null);

        // When the merchant voids it
        var voided = await(checkout.paymentsClient().voidPayment(payment.getId(), VoidRequest.builder().reference("VOID-1").build()));

        // Then it is Voided and can no longer be captured
        assertThat(voided.getHttpStatusCode()).isEqualTo(202);
        assertThat(voided.getActionId()).matches("act_[a-z2-7]{26}");
        GetPaymentResponse read = await(checkout.paymentsClient().getPayment(payment.getId()));
        assertThat(read.getStatus()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(read.getBalances().getTotalVoided()).isEqualTo(40_00L);
        assertThat(Sdk.failure(checkout.paymentsClient().capturePayment(payment.getId())).getHttpStatusCode()).isEqualTo(403);
    }

    @Test
    void full_capture_then_partial_refund_then_full_refund() {
        // Given a payment captured in full (an empty capture body means "everything")
        PaymentResponse payment = pay(Sdk.token(checkout, "4242424242424242", "100"), 80_00L, false, null);
        await(checkout.paymentsClient().capturePayment(payment.getId()));
        assertThat(status(payment)).isEqualTo(PaymentStatus.CAPTURED);

        // When 10.00 is refunded, then the rest (an empty refund body)
        var partial = await(checkout.paymentsClient().refundPayment(payment.getId(), RefundRequest.builder().amount(10_00L).reference("REF-1").build()));
        assertThat(partial.getHttpStatusCode()).isEqualTo(202);
        assertThat(status(payment)).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        await(checkout.paymentsClient().refundPayment(payment.getId()));

        // Then it is Refunded, and refunding more is refused
        GetPaymentResponse read = await(checkout.paymentsClient().getPayment(payment.getId()));
        assertThat(read.getStatus()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(read.getBalances().getTotalRefunded()).isEqualTo(80_00L);
        assertThat(read.getBalances().getAvailableToRefund()).isZero();
        CheckoutApiException more = Sdk.failure(checkout.paymentsClient().refundPayment(payment.getId(),
                RefundRequest.builder().amount(1_00L).build()));
        assertThat(more.getHttpStatusCode()).isEqualTo(403);
    }

    @Test
    void an_amount_ending_in_05_is_declined_with_a_201() {
        // Given Checkout.com's sandbox rule: amounts ending in 05 mean "Do not honour"
        CardTokenResponse token = Sdk.token(checkout, "4242424242424242", "100");

        // When the merchant pays 123.05
        PaymentResponse payment = pay(token, 123_05L, true, null);

        // Then the network declined it: still a 201, not an error
        assertThat(payment.getHttpStatusCode()).isEqualTo(201);
        assertThat(payment.isApproved()).isFalse();
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.getResponseCode()).isEqualTo("20005");
        assertThat(payment.getResponseSummary()).isEqualTo("Declined - Do not honour");
        assertThat(payment.getLinks()).doesNotContainKeys("capture", "void");
    }

    @Test
    void three_d_secure_answers_202_pending_with_an_absolute_redirect() {
        // Given a merchant that asks for 3-D Secure
        CardTokenResponse token = Sdk.token(checkout, "4242424242424242", "100");

        // When it pays
        PaymentResponse payment = await(checkout.paymentsClient().requestPayment(PaymentRequest.builder()
                .source(RequestTokenSource.builder().token(token.getToken()).build()).amount(50_00L).currency(Currency.GBP)
                .threeDS(ThreeDSRequest.builder().enabled(true).build())
                .successUrl("https://shop.example/ok").failureUrl("https://shop.example/ko").build()));

        // Then the payment waits for the cardholder on Till's hosted challenge page
        assertThat(payment.getHttpStatusCode()).isEqualTo(202);
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.getThreeDSEnrollment().getEnrolled().name()).isEqualTo("ISSUER_ENROLLED"); // "Y" on the wire
        String redirect = payment.getLinks().get("redirect").getHref();
        String publicUrl = till.gateway().services().publicUrl();
        assertThat(redirect).startsWith(publicUrl + "/3ds/").matches("https?://.+");
        assertThat(till.anonymous().get(redirect.substring(publicUrl.length())).status()).isEqualTo(200);
    }

    @Test
    void an_idempotent_retry_makes_one_payment() {
        // Given a payment request sent with Cko-Idempotency-Key
        CardTokenResponse token = Sdk.token(checkout, "4242424242424242", "100");
        PaymentRequest request = PaymentRequest.builder().source(RequestTokenSource.builder().token(token.getToken()).build())
                .amount(12_00L).currency(Currency.USD).reference("ORD-IDEM").build();
        PaymentResponse first = await(checkout.paymentsClient().requestPayment(request, "order-77"));

        // When the merchant retries it (the token is already used: only a replay can succeed)
        PaymentResponse retry = await(checkout.paymentsClient().requestPayment(request, "order-77"));

        // Then the answer is the same payment, and there is exactly one
        assertThat(retry.getId()).isEqualTo(first.getId());
        assertThat(retry.getHttpStatusCode()).isEqualTo(201);
        var listed = await(checkout.paymentsClient().getPaymentsList(PaymentsQueryFilter.builder().reference("ORD-IDEM").build()));
        assertThat(listed.getTotalCount()).isEqualTo(1);

        // And a retried capture captures once
        PaymentResponse auth = pay(Sdk.token(checkout, "4242424242424242", "100"), 30_00L, false, null);
        CaptureRequest capture = CaptureRequest.builder().amount(10_00L).captureType(CaptureType.NON_FINAL).build();
        await(checkout.paymentsClient().capturePayment(auth.getId(), capture, "cap-1"));
        await(checkout.paymentsClient().capturePayment(auth.getId(), capture, "cap-1"));
        assertThat(await(checkout.paymentsClient().getPayment(auth.getId())).getBalances().getTotalCaptured()).isEqualTo(10_00L);
    }

    @Test
    void validation_errors_are_422_with_checkout_codes_and_the_request_id() {
        CardTokenResponse token = Sdk.token(checkout, "4242424242424242", "100");

        // When the currency is missing
        CheckoutApiException noCurrency = Sdk.failure(checkout.paymentsClient().requestPayment(PaymentRequest.builder()
                .source(RequestTokenSource.builder().token(token.getToken()).build()).amount(10_00L).build()));
        // Then 422 currency_required, with the request id in Cko-Request-Id
        assertThat(noCurrency.getHttpStatusCode()).isEqualTo(422);
        assertThat(Sdk.codes(noCurrency.getErrorDetails().get("error_codes"))).containsExactly("currency_required");
        assertThat(noCurrency.getRequestId()).startsWith("req_");
        assertThat(noCurrency.getErrorDetails().get("request_id")).isEqualTo(noCurrency.getRequestId());

        // When the amount is negative
        CheckoutApiException negative = Sdk.failure(checkout.paymentsClient().requestPayment(PaymentRequest.builder()
                .source(RequestTokenSource.builder().token(token.getToken()).build()).amount(-1L).currency(Currency.USD).build()));
        assertThat(negative.getHttpStatusCode()).isEqualTo(422);
        assertThat(Sdk.codes(negative.getErrorDetails().get("error_codes"))).containsExactly("amount_invalid");

        // And a bad card never becomes a token
        CheckoutApiException badCard = Sdk.failure(checkout.tokensClient().requestCardToken(com.checkout.tokens.CardTokenRequest.builder()
                .number("4242424242424241").expiryMonth(1).expiryYear(2020).cvv("1").build()));
        assertThat(badCard.getHttpStatusCode()).isEqualTo(422);
        assertThat(Sdk.codes(badCard.getErrorDetails().get("error_codes")))
                .containsExactlyInAnyOrder("card_number_invalid", "card_expired", "cvv_invalid");
    }

    private PaymentResponse pay(CardTokenResponse token, long amount, boolean capture, String email) {
        var builder = PaymentRequest.builder().source(RequestTokenSource.builder().token(token.getToken()).build())
                .amount(amount).currency(Currency.USD).capture(capture).reference("ORD-" + amount);
        if (email != null) builder.customer(new CustomerRequest(null, email, "Jane Doe", null));
        return await(checkout.paymentsClient().requestPayment(builder.build()));
    }

    private PaymentStatus status(PaymentResponse payment) {
        return await(checkout.paymentsClient().getPayment(payment.getId())).getStatus();
    }
}
