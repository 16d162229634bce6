package dev.till.core.vault;

import dev.till.core.crypto.Keysets;
import dev.till.domain.Ids;
import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import dev.till.processor.Card;
import dev.till.processor.CardProduct;
import dev.till.processor.CardScheme;
import dev.till.processor.Connector;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The card vault. Card numbers are encrypted with Tink AEAD, the row's id as associated data, so
 * a ciphertext copied onto another row does not decrypt. The CVV waits, encrypted, beside an
 * unused token only; using the token or its expiry wipes it. Fingerprints are keyed hashes (HMAC)
 * so the database alone cannot be brute-forced back to card numbers. Thread-safe.
 */
public final class Vault {
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

    private final Jdbi jdbi;
    private final Ids ids;
    private final Clock clock;
    private final Keysets keysets;
    private final Connector connector;

    public Vault(Jdbi jdbi, Ids ids, Clock clock, Keysets keysets, Connector connector) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.keysets = keysets;
        this.connector = connector;
    }

    /** Validates the card and stores it behind a single-use token that lives 15 minutes. */
    public StoredCard tokenize(Handle tx, String merchantId, CardInput input) {
        NewToken token = newToken(merchantId, input);
        storeTokens(tx, List.of(token));
        return token.card();
    }

    /** A card checked and encrypted behind a new token, not stored yet; its CVV (if any) waits encrypted beside it. */
    public record NewToken(StoredCard card, byte[] numberCiphertext, byte[] cvvCiphertext) {}

    /**
     * Validates the card and makes its single-use token, encrypted, without storing it: the work
     * that needs no connection, done before a request joins a group ({@link TokenGroups}).
     */
    public NewToken newToken(String merchantId, CardInput input) {
        CardChecks.validate(input, clock, "");
        Instant now = clock.instant();
        StoredCard token = describe(ids.next("tok_"), merchantId, null, input, now, now.plus(TOKEN_LIFETIME));
        byte[] cvv = input.cvv() == null ? null : encrypt(input.cvv(), token.id() + ":cvv");
        return new NewToken(token, encrypt(input.number(), token.id()), cvv);
    }

    /** Stores new tokens: one, or a group's, in one statement. */
    public void storeTokens(Handle tx, List<NewToken> tokens) {
        new TokenStore(tx).insertAll(tokens);
    }

    /** One token to use, and the customer its stored card will belong to (or null). */
    public record TokenUse(String merchantId, String tokenId, String customerId) {}

    /**
     * Uses tokens once, each becoming a stored card ({@code src_}) with its secrets wiped: one
     * payment's, or a group of concurrent payments', in two statements however many: one
     * takes them, one stores their cards. Each answer, in order, is the new stored card decrypted
     * for its connector call ({@link Redeemed}), or the {@link ProblemException} that refuses its
     * payment: no such token, used (by an earlier payment, or earlier in this list), or expired. A
     * refused token is left as it was.
     */
    public List<Object> redeemTokens(Handle tx, List<TokenUse> uses) {
        Instant now = clock.instant();
        List<TokenStore.Used> found = new TokenStore(tx).useAll(
                uses.stream().map(TokenUse::merchantId).toList(), uses.stream().map(TokenUse::tokenId).toList(), now);
        List<Object> redeemed = new ArrayList<>(uses.size());
        Set<List<String>> given = new HashSet<>();
        List<StoredCard> sources = new ArrayList<>();
        List<byte[]> numbers = new ArrayList<>();
        for (int i = 0; i < uses.size(); i++) {
            TokenUse u = uses.get(i);
            TokenStore.Used token = found.get(i);
            if (token == null) {
                redeemed.add(Problem.invalid("token_invalid", "source.token", "No token " + u.tokenId() + ".").toException());
            } else if (token.taken() && given.add(List.of(u.merchantId(), u.tokenId()))) {
                String number = decrypt(token.numberCiphertext(), u.tokenId());
                String cvv = token.cvvCiphertext() == null ? null : decrypt(token.cvvCiphertext(), u.tokenId() + ":cvv");
                StoredCard source = sourceOf(u.merchantId(), u.customerId(), token.card());
                sources.add(source);
                numbers.add(encrypt(number, source.id()));
                redeemed.add(new Redeemed(source, new Card(number, source.expiryMonth(), source.expiryYear(), cvv)));
            } else if (token.taken() || token.card().usedOn() != null) {
                redeemed.add(Problem.invalid("token_used", "source.token", "The token was already used.").toException());
            } else {
                // Not taken and not used: expired, or its number wiped by the expiry job, whatever the clock says.
                redeemed.add(Problem.invalid("token_expired", "source.token", "The token expired; tokenize the card again.").toException());
            }
        }
        if (!sources.isEmpty()) new SourceStore(tx).insertAll(sources, numbers);
        return redeemed;
    }

    /** A payment with raw card details ({@code source.type: card}): stored as a source right away. */
    public Redeemed storeCard(Handle tx, String merchantId, String customerId, CardInput input) {
        CardChecks.validate(input, clock, "source.");
        StoredCard source = sourceOf(merchantId, customerId, describe(null, merchantId, customerId, input, clock.instant(), null));
        new SourceStore(tx).insertAll(List.of(source), List.of(encrypt(input.number(), source.id())));
        return new Redeemed(source, new Card(input.number(), input.expiryMonth(), input.expiryYear(), input.cvv()));
    }

    /** A stored card, decrypted for one connector call; the CVV is the one sent with this payment. */
    public Redeemed useSource(Handle tx, String merchantId, String sourceId, String cvv) {
        Object used = useSources(tx, List.of(new SourceUse(merchantId, sourceId, cvv))).getFirst();
        if (used instanceof ProblemException refused) throw refused;
        return (Redeemed) used;
    }

    /** One stored card to use, with the CVV sent with its payment (or null). */
    public record SourceUse(String merchantId, String sourceId, String cvv) {}

    /**
     * Several stored cards (a group of concurrent payments'), read in one statement. Each answer,
     * in order, is the card decrypted for its connector call ({@link Redeemed}), or the
     * {@link ProblemException} that refuses its payment: no such card, or a malformed CVV.
     */
    public List<Object> useSources(Handle tx, List<SourceUse> uses) {
        List<SourceStore.Usable> found = new SourceStore(tx).findForUseAll(
                uses.stream().map(SourceUse::merchantId).toList(), uses.stream().map(SourceUse::sourceId).toList());
        List<Object> used = new ArrayList<>(uses.size());
        for (int i = 0; i < uses.size(); i++) {
            SourceUse u = uses.get(i);
            SourceStore.Usable usable = found.get(i);
            if (usable == null) {
                used.add(Problem.invalid("source_invalid", "source.id", "No stored card " + u.sourceId() + ".").toException());
            } else if (u.cvv() != null && !u.cvv().matches("[0-9]{3,4}")) {
                used.add(Problem.invalid("cvv_invalid", "source.cvv", "The CVV must be 3 or 4 digits.").toException());
            } else {
                StoredCard source = usable.card();
                String number = decrypt(usable.numberCiphertext(), u.sourceId());
                used.add(new Redeemed(source, new Card(number, source.expiryMonth(), source.expiryYear(), u.cvv())));
            }
        }
        return used;
    }

    public StoredCard source(Handle tx, String merchantId, String sourceId) {
        return new SourceStore(tx).find(merchantId, sourceId).orElseThrow();
    }

    /** Several stored cards as shown (a group's payments'), in one statement, in order; each must exist. */
    public List<StoredCard> sources(Handle tx, List<String> merchantIds, List<String> sourceIds) {
        List<StoredCard> found = new SourceStore(tx).findAll(merchantIds, sourceIds);
        if (found.contains(null)) throw new IllegalStateException("a payment's stored card is missing");
        return found;
    }

    /** The token-expiry job: wipes numbers and CVVs of tokens nobody used in time. */
    public int wipeExpiredTokens() {
        return jdbi.withHandle(h -> new TokenStore(h).wipeExpired(clock.instant(), 500));
    }

    /** A new stored card ({@code src_}) described as {@code from} (a token, or card details) describes it. */
    private StoredCard sourceOf(String merchantId, String customerId, StoredCard from) {
        return new StoredCard(ids.next("src_"), merchantId, customerId, from.bin(), from.last4(), from.expiryMonth(),
                from.expiryYear(), from.scheme(), from.name(), from.billingAddress(), from.phone(), from.fingerprint(),
                from.cardType(), from.cardCategory(), from.issuer(), from.issuerCountry(), from.productId(),
                from.productType(), clock.instant(), null, null);
    }

    private StoredCard describe(String id, String merchantId, String customerId, CardInput c, Instant now, Instant expiresOn) {
        String number = c.number();
        String scheme = CardScheme.detect(number).orElseThrow().wire();
        CardProduct p = connector.describe(number).orElse(new CardProduct(scheme, null, null, null, null, null, null));
        byte[] fingerprint = keysets.keyedHash(("card-number:" + number).getBytes(StandardCharsets.UTF_8));
        return new StoredCard(id, merchantId, customerId, number.substring(0, 6), number.substring(number.length() - 4),
                c.expiryMonth(), c.expiryYear(), scheme, c.name(), c.billingAddress(), c.phone(), fingerprint, p.cardType(),
                p.cardCategory(), p.issuer(), p.issuerCountry(), p.productId(), p.productType(), now, expiresOn, null);
    }

    private byte[] encrypt(String plain, String associatedData) {
        return keysets.encrypt(plain.getBytes(StandardCharsets.UTF_8), associatedData.getBytes(StandardCharsets.UTF_8));
    }

    private String decrypt(byte[] ciphertext, String associatedData) {
        return new String(keysets.decrypt(ciphertext, associatedData.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
