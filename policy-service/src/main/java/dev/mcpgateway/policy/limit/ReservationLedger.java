package dev.mcpgateway.policy.limit;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Reservations recorded where every replica sees them, next to counters shared by several replicas (Redis): the
 * proxy spreads its calls over the replicas, so a decision's Settle, or an approver's edit of a held call, may reach
 * a replica other than the one whose Decide reserved. {@link ReservationBook} uses it when its counter store is one;
 * counters in memory serve one replica and need none.
 */
public interface ReservationLedger {

    /**
     * Reserves {@code charges} as {@link CounterStore#reserveAsync} does and, if granted, records them for other
     * replicas until {@code expiresAtMillis}: in one command where the store allows it (Decide's common case: one
     * round trip instead of two). Fails with {@link CounterStoreUnavailableException} like the reservation.
     */
    CompletionStage<ReserveResult> reserveAndRecord(String decisionId, List<Charge> charges, long expiresAtMillis);

    /**
     * Deletes a record this replica settled itself. Never waits, and may be sent a moment later with others: no
     * other replica acts on the record of a reservation settled where it was decided.
     */
    void forget(String decisionId);

    /**
     * Records a reservation held for a human's approval until {@code expiresAtMillis}, with everything a re-plan
     * needs ({@link #read}); completes once stored. From then on the record, not the deciding replica's copy, is
     * the reservation: an approver's edit may re-plan it on any replica.
     */
    CompletionStage<Void> holdForApproval(String decisionId, List<Charge> charges, long expiresAtMillis);

    /**
     * Takes the record of {@code decisionId}, once across every replica: true for the one caller that got it (and
     * gave its quota back when {@code giveBack}), false when no replica holds it any more (settled or claimed
     * elsewhere, or never recorded).
     */
    CompletionStage<Boolean> claim(String decisionId, boolean giveBack);

    /**
     * The record of a reservation held for approval, or null when there is none. Fails with
     * {@link CounterStoreUnavailableException} when the store cannot be reached, or when the record lacks what a
     * re-plan needs (recorded by {@link #record} only).
     */
    CompletionStage<Recorded> read(String decisionId);

    /** Replaces the record with {@code charges} if it is still {@code expected}, keeping its expiry; false otherwise. */
    CompletionStage<Boolean> replace(String decisionId, String expected, List<Charge> charges);

    /** A record as read: its stored text (to compare in {@link #replace}) and its charges. */
    record Recorded(String text, List<Charge> charges) {
    }
}
