package dev.till.payments;

import com.checkout.CheckoutApi;
import com.checkout.CheckoutApiException;
import com.checkout.CheckoutSdk;
import com.checkout.CustomEnvironment;
import com.checkout.tokens.CardTokenRequest;
import com.checkout.tokens.CardTokenResponse;
import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.TillServer;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Checkout.com's official Java SDK, pointed at a test Till exactly as a merchant would: a
 * {@code CustomEnvironment} with all four URIs set and a trailing slash.
 */
final class Sdk {
    private Sdk() {}

    static CheckoutApi client(TillServer till, NewMerchant merchant) {
        URI base = URI.create(till.baseUrl() + "/");
        return CheckoutSdk.builder().staticKeys()
                .secretKey(merchant.secretKey()).publicKey(merchant.publishableKey())
                .environment(CustomEnvironment.builder().checkoutApi(base).filesApi(base).transfersApi(base).balancesApi(base).build())
                .build();
    }

    static <T> T await(CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new AssertionError(e.getCause());
        }
    }

    /** The exception the SDK completes a non-2xx call with. */
    static CheckoutApiException failure(CompletableFuture<?> call) {
        try {
            call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof CheckoutApiException)) cause = cause.getCause();
            if (cause != null) return (CheckoutApiException) cause;
            throw new AssertionError("expected a CheckoutApiException", e);
        }
        throw new AssertionError("expected the call to fail");
    }

    @SuppressWarnings("unchecked")
    static java.util.List<String> codes(Object errorCodes) {
        return (java.util.List<String>) errorCodes;
    }

    static CardTokenResponse token(CheckoutApi api, String number, String cvv) {
        return await(api.tokensClient().requestCardToken(CardTokenRequest.builder()
                .number(number).expiryMonth(9).expiryYear(2030).cvv(cvv).name("Jane Doe").build()));
    }
}
