package dev.till.core.vault;

import static dev.till.core.storage.SqlArrays.column;

import dev.till.core.storage.Columns;
import dev.till.core.storage.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The card columns that tokens and stored cards share: written and read the same way for both.
 * A customer belongs to stored cards only and an expiry to tokens only; their stores bind those.
 */
final class CardRows {
    private CardRows() {}

    /**
     * The shared columns of several cards, as parallel arrays for a multi-row insert ({@code unnest}):
     * {@code :ids}, {@code :merchantIds}, … {@code :createdOns}. The fingerprints go base64-encoded
     * (JDBC has no array of byte arrays) and the moments as text, for the statement to convert.
     */
    static <S extends SqlStatement<S>> S bindAll(S statement, List<StoredCard> cards) {
        return statement.bindByType("ids", column(cards, StoredCard::id), SqlArrays.TEXT)
                .bindByType("merchantIds", column(cards, StoredCard::merchantId), SqlArrays.TEXT)
                .bindByType("bins", column(cards, StoredCard::bin), SqlArrays.TEXT)
                .bindByType("last4s", column(cards, StoredCard::last4), SqlArrays.TEXT)
                .bindByType("expiryMonths", column(cards, StoredCard::expiryMonth), SqlArrays.INTEGER)
                .bindByType("expiryYears", column(cards, StoredCard::expiryYear), SqlArrays.INTEGER)
                .bindByType("schemes", column(cards, StoredCard::scheme), SqlArrays.TEXT)
                .bindByType("names", column(cards, StoredCard::name), SqlArrays.TEXT)
                .bindByType("billingAddresses", column(cards, StoredCard::billingAddress), SqlArrays.TEXT)
                .bindByType("phones", column(cards, StoredCard::phone), SqlArrays.TEXT)
                .bindByType("fingerprints", column(cards, c -> base64(c.fingerprint())), SqlArrays.TEXT)
                .bindByType("cardTypes", column(cards, StoredCard::cardType), SqlArrays.TEXT)
                .bindByType("cardCategories", column(cards, StoredCard::cardCategory), SqlArrays.TEXT)
                .bindByType("issuers", column(cards, StoredCard::issuer), SqlArrays.TEXT)
                .bindByType("issuerCountries", column(cards, StoredCard::issuerCountry), SqlArrays.TEXT)
                .bindByType("productIds", column(cards, StoredCard::productId), SqlArrays.TEXT)
                .bindByType("productTypes", column(cards, StoredCard::productType), SqlArrays.TEXT)
                .bindByType("createdOns", column(cards, c -> SqlArrays.timestamp(c.createdOn())), SqlArrays.TEXT);
    }

    /** Bytes as an element of a {@code text[]} that the statement decodes; null stays null. */
    static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    static StoredCard card(ResultSet rs) throws SQLException {
        return new StoredCard(rs.getString("id"), rs.getString("merchant_id"), rs.getString("customer_id"),
                rs.getString("bin"), rs.getString("last4"), rs.getInt("expiry_month"), rs.getInt("expiry_year"),
                rs.getString("scheme"), rs.getString("name"), rs.getString("billing_address"), rs.getString("phone"),
                rs.getBytes("fingerprint"), rs.getString("card_type"), rs.getString("card_category"),
                rs.getString("issuer"), rs.getString("issuer_country"), rs.getString("product_id"),
                rs.getString("product_type"), Columns.instant(rs, "created_on"), Columns.instant(rs, "expires_on"),
                Columns.instant(rs, "used_on"));
    }
}
