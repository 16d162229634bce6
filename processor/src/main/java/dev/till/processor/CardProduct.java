package dev.till.processor;

/** What the network knows about a card range (BIN): Checkout.com's token and source fields. */
public record CardProduct(String scheme, String cardType, String cardCategory, String issuer, String issuerCountry,
                          String productId, String productType) {}
