package dev.till.processor.simulator;

/** What a simulator test card makes the network do. */
public enum Behaviour {
    APPROVE("Approved (amount rules apply)"),
    IMMEDIATE_FUNDS("Approved; the funds skip the pending period (`funds_availability: immediate`)"),
    THREE_DS_REQUIRED("3-D Secure challenge always required"),
    THREE_DS_UNANSWERED("3-D Secure challenge always required; until it is completed, the network answers no lookup"),
    THREE_DS_APPROVED_UNHEARD("3-D Secure challenge always required; the network approves it as if the cardholder completed it, "
            + "but Till never hears so: only a lookup (the challenge expiry's) finds it approved"),
    THREE_DS_REFUND_DECLINED("3-D Secure challenge always required; once approved, every refund is declined (20046)"),
    AVS_FAIL("Approved, AVS check fails (`avs_check: N`)"),
    CVV_FAIL("Approved, CVV check fails (`cvv_check: N`)"),
    RISK_FLAGGED("Approved, flagged by risk (`risk.flagged: true`)"),
    SLOW("Approved after a slow reply (0.5 s)"),
    TIMEOUT_APPROVED("No reply (timeout): payment stays Pending; the reconciler later finds it approved"),
    TIMEOUT_LOST("No reply (timeout): payment stays Pending; the reconciler later finds the network never saw it and declines"),
    CONNECTION_RESET("The connection fails (an exception) during the authorization and again at the first lookup; "
            + "the next lookup finds it approved"),
    TIMEOUT_UNANSWERED("No reply (timeout), and no answer to the reconciler's lookups either: payment stays Pending"),
    REFUND_DECLINED("Approved, but every refund is declined (20046)"),
    CAPTURE_AND_VOID_DECLINED("Approved, but every capture and void is declined (20046)"),
    TIMEOUT_APPROVED_REFUND_DECLINED("No reply (timeout): the reconciler later finds it approved; every refund is declined (20046)");

    private final String description;

    Behaviour(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
