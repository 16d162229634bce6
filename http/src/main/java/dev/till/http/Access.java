package dev.till.http;

import io.javalin.security.RouteRole;

/** Who may call a route. Every route declares exactly one. */
public enum Access implements RouteRole {
    /** Server-to-server calls with the merchant's secret key. */
    SECRET_KEY,
    /** Browser calls with the publishable key: tokenization only. */
    PUBLISHABLE_KEY,
    /** No key: health, metrics, docs, hosted pages (which carry their own unguessable IDs). */
    ANYONE
}
