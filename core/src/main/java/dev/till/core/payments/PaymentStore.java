package dev.till.core.payments;

import static dev.till.core.storage.SqlArrays.column;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import dev.till.core.storage.SqlArrays;
import dev.till.domain.payments.Balances;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Payments and their actions. Every write is named after its intention and guarded by the row's
 * version, so a write based on a stale read changes nothing (and the caller treats no row as a bug).
 * Writes return the row as written ({@code RETURNING}): the caller holds its lock already, so
 * reading it back would only cost another round trip. Lives as long as its handle.
 */
public final class PaymentStore {
    /** Declared first: the mark* constants below are built with it (see {@link #withAction}). */
    private static final String ACTION_OF_MOVE = Sql.of(PaymentStore.class, "actionOfMove");
    private static final String INSERT = Sql.of(PaymentStore.class, "insert");
    private static final String FIND = Sql.of(PaymentStore.class, "find");
    private static final String FIND_FOR_UPDATE = Sql.of(PaymentStore.class, "findForUpdate");
    private static final String FIND_BY_CHALLENGE_FOR_UPDATE = Sql.of(PaymentStore.class, "findByChallengeForUpdate");
    private static final String LIST_BY_REFERENCE = Sql.of(PaymentStore.class, "listByReference");
    private static final String COUNT_BY_REFERENCE = Sql.of(PaymentStore.class, "countByReference");
    private static final String MARK_APPROVED = withAction(Sql.of(PaymentStore.class, "markApproved"));
    private static final String MARK_DECLINED = withAction(Sql.of(PaymentStore.class, "markDeclined"));
    private static final String MARK_AWAITING_CHALLENGE = Sql.of(PaymentStore.class, "markAwaitingChallenge");
    private static final String MARK_AWAITING_NETWORK = Sql.of(PaymentStore.class, "markAwaitingNetwork");
    private static final String MARK_MOVED_ALL = Sql.of(PaymentStore.class, "markMovedAll");
    private static final String MARK_VOIDED = withAction(Sql.of(PaymentStore.class, "markVoided"));
    private static final String MARK_EXPIRED = withAction(Sql.of(PaymentStore.class, "markExpired"));
    private static final String INSERT_ACTIONS = Sql.of(PaymentStore.class, "insertActions");
    private static final String FIND_FOR_UPDATE_ALL = Sql.of(PaymentStore.class, "findForUpdateAll");
    private static final String ACTIONS = Sql.of(PaymentStore.class, "actions");
    private static final String CLAIM_EXPIRED_AUTHORIZATIONS = Sql.of(PaymentStore.class, "claimExpiredAuthorizations");
    private static final String CLAIM_AWAITING_NETWORK = Sql.of(PaymentStore.class, "claimAwaitingNetwork");
    private static final String CLAIM_EXPIRED_CHALLENGES = Sql.of(PaymentStore.class, "claimExpiredChallenges");

    private final Handle h;

    /**
     * A state change together with its action, in one statement: the mark*.sql update runs as the
     * CTE "moved" and actionOfMove.sql inserts the action from the row it returns. One round trip
     * fewer per approval, decline, capture, refund, void and expiry.
     */
    private static String withAction(String move) {
        return "WITH moved AS (\n" + move + "\n), action AS (\n" + ACTION_OF_MOVE + "\n)\nSELECT * FROM moved";
    }

    public PaymentStore(Handle h) {
        this.h = h;
    }

    /**
     * New payments as the network left them, each with its actions ({@code actions.get(i)} belong to
     * {@code payments.get(i)}, numbered 1, 2, … in list order), in one statement however many there
     * are: one payment's, or a group's (see PaymentGroups). Returns the rows as written, in the order
     * given. New rows need no lock: no other transaction can see them before ours commits.
     */
    public List<Payment> insertAll(List<Payment> payments, List<List<PaymentAction>> actions) {
        List<PaymentAction> all = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        for (List<PaymentAction> ofOne : actions) {
            for (int i = 0; i < ofOne.size(); i++) {
                all.add(ofOne.get(i));
                seqs.add(i + 1);
            }
        }
        List<Payment> p = payments;
        Map<String, Payment> written = new HashMap<>();
        actionArrays(h.createQuery(INSERT), all)
                .bindByType("p.ids", column(p, Payment::id), SqlArrays.TEXT)
                .bindByType("p.merchantIds", column(p, Payment::merchantId), SqlArrays.TEXT)
                .bindByType("p.versions", column(p, Payment::version), SqlArrays.INTEGER)
                .bindByType("p.statuses", column(p, Payment::status), SqlArrays.TEXT)
                .bindByType("p.amounts", column(p, Payment::amount), SqlArrays.BIGINT)
                .bindByType("p.currencies", column(p, Payment::currency), SqlArrays.TEXT)
                .bindByType("p.authorized", column(p, Payment::authorized), SqlArrays.BIGINT)
                .bindByType("p.captured", column(p, Payment::captured), SqlArrays.BIGINT)
                .bindByType("p.refunded", column(p, Payment::refunded), SqlArrays.BIGINT)
                .bindByType("p.released", column(p, Payment::released), SqlArrays.BIGINT)
                .bindByType("p.actionIds", column(p, Payment::actionId), SqlArrays.TEXT)
                .bindByType("p.sourceIds", column(p, Payment::sourceId), SqlArrays.TEXT)
                .bindByType("p.customerIds", column(p, Payment::customerId), SqlArrays.TEXT)
                .bindByType("p.references", column(p, Payment::reference), SqlArrays.TEXT)
                .bindByType("p.descriptions", column(p, Payment::description), SqlArrays.TEXT)
                .bindByType("p.paymentTypes", column(p, Payment::paymentType), SqlArrays.TEXT)
                .bindByType("p.captureRequested", column(p, Payment::captureRequested), SqlArrays.BOOLEAN)
                .bindByType("p.threeDsRequested", column(p, Payment::threeDsRequested), SqlArrays.BOOLEAN)
                .bindByType("p.challengeIds", column(p, Payment::challengeId), SqlArrays.TEXT)
                .bindByType("p.successUrls", column(p, Payment::successUrl), SqlArrays.TEXT)
                .bindByType("p.failureUrls", column(p, Payment::failureUrl), SqlArrays.TEXT)
                .bindByType("p.metadata", column(p, Payment::metadata), SqlArrays.TEXT)
                .bindByType("p.approved", column(p, Payment::approved), SqlArrays.BOOLEAN)
                .bindByType("p.authCodes", column(p, Payment::authCode), SqlArrays.TEXT)
                .bindByType("p.responseCodes", column(p, Payment::responseCode), SqlArrays.TEXT)
                .bindByType("p.responseSummaries", column(p, Payment::responseSummary), SqlArrays.TEXT)
                .bindByType("p.avsChecks", column(p, Payment::avsCheck), SqlArrays.TEXT)
                .bindByType("p.cvvChecks", column(p, Payment::cvvCheck), SqlArrays.TEXT)
                .bindByType("p.riskFlagged", column(p, Payment::riskFlagged), SqlArrays.BOOLEAN)
                .bindByType("p.fundsAvailability", column(p, Payment::fundsAvailability), SqlArrays.TEXT)
                .bindByType("p.networkReferences", column(p, Payment::networkReference), SqlArrays.TEXT)
                .bindByType("p.awaiting", column(p, Payment::awaiting), SqlArrays.TEXT)
                .bindByType("p.requestedOn", column(p, x -> SqlArrays.timestamp(x.requestedOn())), SqlArrays.TEXT)
                .bindByType("p.processedOn", column(p, x -> SqlArrays.timestamp(x.processedOn())), SqlArrays.TEXT)
                .bindByType("p.expiresOn", column(p, x -> SqlArrays.timestamp(x.expiresOn())), SqlArrays.TEXT)
                .bindByType("p.paysFor", column(p, Payment::paysFor), SqlArrays.TEXT)
                .bindByType("a.seqs", seqs, SqlArrays.INTEGER)
                .map(PaymentStore::payment).forEach(row -> written.put(row.id(), row));
        return column(payments, x -> written.get(x.id()));
    }

    public Optional<Payment> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id).map(PaymentStore::payment).findOne();
    }

    /**
     * Locks several payments in id order (a group's captures), in one round trip. The answer is in
     * the order asked, null where the merchant has no such payment.
     */
    public List<Payment> findForUpdateAll(List<String> merchantIds, List<String> ids) {
        List<Payment> rows = h.createQuery(FIND_FOR_UPDATE_ALL).bindByType("merchantIds", merchantIds, SqlArrays.TEXT)
                .bindByType("ids", ids, SqlArrays.TEXT).map(PaymentStore::payment).list();
        return SqlArrays.inAskedOrder(merchantIds, ids, rows, Payment::merchantId, Payment::id);
    }

    /** Locks the row: concurrent captures, refunds and voids of one payment run one after another. */
    public Optional<Payment> findForUpdate(String merchantId, String id) {
        return h.createQuery(FIND_FOR_UPDATE).bind("merchantId", merchantId).bind("id", id).map(PaymentStore::payment).findOne();
    }

    public Optional<Payment> findByChallengeForUpdate(String merchantId, String challengeId) {
        return h.createQuery(FIND_BY_CHALLENGE_FOR_UPDATE).bind("merchantId", merchantId).bind("challengeId", challengeId)
                .map(PaymentStore::payment).findOne();
    }

    public List<Payment> listByReference(String merchantId, String reference, int limit, int skip) {
        return h.createQuery(LIST_BY_REFERENCE).bind("merchantId", merchantId).bind("reference", reference)
                .bind("limit", limit).bind("skip", skip).map(PaymentStore::payment).list();
    }

    public int countByReference(String merchantId, String reference) {
        return h.createQuery(COUNT_BY_REFERENCE).bind("merchantId", merchantId).bind("reference", reference)
                .mapTo(Integer.class).one();
    }

    public Optional<Payment> markApproved(String merchantId, String id, int expectedVersion, String status, long authorized,
                                          String authCode, String avsCheck, String cvvCheck, boolean riskFlagged,
                                          String fundsAvailability, String networkReference, Instant now, Instant expiresOn,
                                          PaymentAction action) {
        Query move = h.createQuery(MARK_APPROVED).bind("merchantId", merchantId).bind("id", id).bind("version", expectedVersion)
                .bind("status", status).bind("authorized", authorized).bind("authCode", authCode)
                .bind("avsCheck", avsCheck).bind("cvvCheck", cvvCheck).bind("riskFlagged", riskFlagged)
                .bind("fundsAvailability", fundsAvailability).bind("networkReference", networkReference)
                .bind("now", now).bindByType("expiresOn", expiresOn, Instant.class);
        return bindAction(move, action).map(PaymentStore::payment).findOne();
    }

    public Optional<Payment> markDeclined(String merchantId, String id, int expectedVersion, String responseCode,
                                          String responseSummary, String networkReference, Instant now, PaymentAction action) {
        Query move = h.createQuery(MARK_DECLINED).bind("merchantId", merchantId).bind("id", id).bind("version", expectedVersion)
                .bind("responseCode", responseCode).bind("responseSummary", responseSummary)
                .bind("networkReference", networkReference).bind("now", now);
        return bindAction(move, action).map(PaymentStore::payment).findOne();
    }

    public Optional<Payment> markAwaitingChallenge(String merchantId, String id, int expectedVersion, String challengeId) {
        return h.createQuery(MARK_AWAITING_CHALLENGE).bind("merchantId", merchantId).bind("id", id)
                .bind("version", expectedVersion).bind("challengeId", challengeId)
                .map(PaymentStore::payment).findOne();
    }

    public Optional<Payment> markAwaitingNetwork(String merchantId, String id, int expectedVersion) {
        return h.createQuery(MARK_AWAITING_NETWORK).bind("merchantId", merchantId).bind("id", id)
                .bind("version", expectedVersion).map(PaymentStore::payment).findOne();
    }

    /**
     * A capture or refund to write: the payment as locked (its version and status guard the
     * update), the status and balances it leaves, and its action.
     */
    public record Move(Payment before, String status, Balances after, PaymentAction action) {}

    /**
     * Captures or refunds of distinct locked payments, each with its action, in one statement.
     * Returns the rows as the moves left them, in order; null where the guarded update matched
     * nothing (a stale read, which the caller treats as a bug).
     */
    public List<Payment> markMovedAll(List<Move> moves) {
        List<PaymentAction> a = column(moves, Move::action);
        Map<String, Payment> moved = new HashMap<>();
        actionArrays(h.createQuery(MARK_MOVED_ALL), a)
                .bindByType("ids", column(moves, m -> m.before().id()), SqlArrays.TEXT)
                .bindByType("merchantIds", column(moves, m -> m.before().merchantId()), SqlArrays.TEXT)
                .bindByType("versions", column(moves, m -> m.before().version()), SqlArrays.INTEGER)
                .bindByType("fromStatuses", column(moves, m -> m.before().status()), SqlArrays.TEXT)
                .bindByType("statuses", column(moves, Move::status), SqlArrays.TEXT)
                .bindByType("captured", column(moves, m -> m.after().captured()), SqlArrays.BIGINT)
                .bindByType("refunded", column(moves, m -> m.after().refunded()), SqlArrays.BIGINT)
                .bindByType("released", column(moves, m -> m.after().released()), SqlArrays.BIGINT)
                .map(PaymentStore::payment).forEach(row -> moved.put(row.id(), row));
        return column(moves, m -> moved.get(m.before().id()));
    }

    public Optional<Payment> markVoided(String merchantId, String id, int expectedVersion, long released, PaymentAction action) {
        Query move = h.createQuery(MARK_VOIDED).bind("merchantId", merchantId).bind("id", id).bind("version", expectedVersion)
                .bind("released", released);
        return bindAction(move, action).map(PaymentStore::payment).findOne();
    }

    public Optional<Payment> markExpired(String merchantId, String id, int expectedVersion, long released, PaymentAction action) {
        Query move = h.createQuery(MARK_EXPIRED).bind("merchantId", merchantId).bind("id", id).bind("version", expectedVersion)
                .bind("released", released);
        return bindAction(move, action).map(PaymentStore::payment).findOne();
    }

    /** Binds actions as the parallel arrays ({@code a.ids}, {@code a.paymentIds}, …) that the multi-row statements unnest. */
    private static <S extends SqlStatement<S>> S actionArrays(S statement, List<PaymentAction> a) {
        return statement
                .bindByType("a.ids", column(a, PaymentAction::id), SqlArrays.TEXT)
                .bindByType("a.paymentIds", column(a, PaymentAction::paymentId), SqlArrays.TEXT)
                .bindByType("a.types", column(a, PaymentAction::type), SqlArrays.TEXT)
                .bindByType("a.amounts", column(a, PaymentAction::amount), SqlArrays.BIGINT)
                .bindByType("a.approved", column(a, PaymentAction::approved), SqlArrays.BOOLEAN)
                .bindByType("a.authCodes", column(a, PaymentAction::authCode), SqlArrays.TEXT)
                .bindByType("a.responseCodes", column(a, PaymentAction::responseCode), SqlArrays.TEXT)
                .bindByType("a.responseSummaries", column(a, PaymentAction::responseSummary), SqlArrays.TEXT)
                .bindByType("a.references", column(a, PaymentAction::reference), SqlArrays.TEXT)
                .bindByType("a.metadata", column(a, PaymentAction::metadata), SqlArrays.TEXT)
                .bindByType("a.processedOn", column(a, x -> SqlArrays.timestamp(x.processedOn())), SqlArrays.TEXT);
    }

    /** The actions of moves the network declined (the payments do not change), one per payment, in one statement. */
    public void insertActions(List<PaymentAction> a) {
        actionArrays(h.createUpdate(INSERT_ACTIONS), a)
                .bindByType("a.merchantIds", column(a, PaymentAction::merchantId), SqlArrays.TEXT)
                .execute();
    }

    public List<PaymentAction> actions(String merchantId, String paymentId) {
        return h.createQuery(ACTIONS).bind("merchantId", merchantId).bind("paymentId", paymentId)
                .map(PaymentStore::action).list();
    }

    /** Jobs work across merchants; they claim rows so that several nodes never handle one twice. */
    public List<Payment> claimExpiredAuthorizations(Instant now, int limit) {
        return h.createQuery(CLAIM_EXPIRED_AUTHORIZATIONS).bind("now", now).bind("limit", limit)
                .map(PaymentStore::payment).list();
    }

    /** Payments awaiting the network after {@code after} (null: from the first) in request order, locked. */
    public List<Payment> claimAwaitingNetwork(Payment after, int limit) {
        return h.createQuery(CLAIM_AWAITING_NETWORK)
                .bindByType("afterOn", after == null ? null : after.requestedOn(), Instant.class)
                .bind("afterId", after == null ? null : after.id())
                .bind("limit", limit).map(PaymentStore::payment).list();
    }

    /** Payments still waiting for a 3-D Secure challenge requested before {@code issuedBefore}, oldest first. */
    public List<Payment> claimExpiredChallenges(Instant issuedBefore, int limit) {
        return h.createQuery(CLAIM_EXPIRED_CHALLENGES).bind("issuedBefore", issuedBefore).bind("limit", limit)
                .map(PaymentStore::payment).list();
    }

    private static Query bindAction(Query move, PaymentAction a) {
        return move.bind("a.id", a.id()).bind("a.type", a.type()).bind("a.amount", a.amount()).bind("a.approved", a.approved())
                .bind("a.authCode", a.authCode()).bind("a.responseCode", a.responseCode())
                .bind("a.responseSummary", a.responseSummary()).bind("a.reference", a.reference())
                .bind("a.metadata", a.metadata()).bind("a.processedOn", a.processedOn());
    }

    private static Payment payment(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Payment(rs.getString("id"), rs.getString("merchant_id"), rs.getInt("version"), rs.getString("status"),
                rs.getLong("amount"), rs.getString("currency"), rs.getLong("authorized"), rs.getLong("captured"),
                rs.getLong("refunded"), rs.getLong("released"), rs.getString("action_id"), rs.getString("source_id"),
                rs.getString("customer_id"), rs.getString("reference"), rs.getString("description"),
                rs.getString("payment_type"), rs.getBoolean("capture_requested"), rs.getBoolean("three_ds_requested"),
                rs.getString("challenge_id"), rs.getString("success_url"), rs.getString("failure_url"),
                rs.getString("metadata"), Columns.nullableBoolean(rs, "approved"), rs.getString("auth_code"),
                rs.getString("response_code"), rs.getString("response_summary"), rs.getString("avs_check"),
                rs.getString("cvv_check"), rs.getBoolean("risk_flagged"), rs.getString("funds_availability"),
                rs.getString("network_reference"), rs.getString("awaiting"), Columns.instant(rs, "requested_on"),
                Columns.instant(rs, "processed_on"), Columns.instant(rs, "expires_on"), rs.getString("pays_for"));
    }

    private static PaymentAction action(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PaymentAction(rs.getString("id"), rs.getString("merchant_id"), rs.getString("payment_id"),
                rs.getString("type"), rs.getLong("amount"), rs.getBoolean("approved"), rs.getString("auth_code"),
                rs.getString("response_code"), rs.getString("response_summary"), rs.getString("reference"),
                rs.getString("metadata"), Columns.instant(rs, "processed_on"), rs.getInt("seq"));
    }
}
