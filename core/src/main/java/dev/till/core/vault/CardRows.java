package dev.till.core.vault;

import dev.till.core.storage.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The card columns that tokens and stored cards share: written and read the same way for both.
 * A customer belongs to stored cards only and an expiry to tokens only; their stores bind those.
 */
final class CardRows {
    private CardRows() {}

    static <S extends SqlStatement<S>> S bind(S statement, StoredCard c) {
        return statement.bind("c.id", c.id()).bind("c.merchantId", c.merchantId())
                .bind("c.bin", c.bin()).bind("c.last4", c.last4()).bind("c.expiryMonth", c.expiryMonth())
                .bind("c.expiryYear", c.expiryYear()).bind("c.scheme", c.scheme()).bind("c.name", c.name())
                .bind("c.billingAddress", c.billingAddress()).bind("c.phone", c.phone())
                .bind("c.fingerprint", c.fingerprint()).bind("c.cardType", c.cardType())
                .bind("c.cardCategory", c.cardCategory()).bind("c.issuer", c.issuer())
                .bind("c.issuerCountry", c.issuerCountry()).bind("c.productId", c.productId())
                .bind("c.productType", c.productType()).bind("c.createdOn", c.createdOn());
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
