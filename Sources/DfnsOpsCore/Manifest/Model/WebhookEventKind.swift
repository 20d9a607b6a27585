/// The webhook event kinds Dfns accepts in a subscription (reference §7.3, the 2026 list), plus `"*"`.
public enum WebhookEventKind {
    /// The wildcard that subscribes to every kind.
    public static let wildcard = "*"

    /// Every kind, in the reference's order.
    public static let all: [String] = [
        "policy.triggered", "policy.approval.pending", "policy.approval.resolved",
        "key.created", "key.deleted", "key.delegated", "key.exported",
        "wallet.blockchainevent.detected", "wallet.blockchain_event.transfer.included",
        "wallet.blockchain_event.misc.confirmed",
        "wallet.created", "wallet.activated", "wallet.delegated", "wallet.exported",
        "wallet.signature.failed", "wallet.signature.rejected", "wallet.signature.requested",
        "wallet.signature.signed",
        "wallet.transaction.broadcasted", "wallet.transaction.confirmed", "wallet.transaction.failed",
        "wallet.transaction.rejected", "wallet.transaction.requested",
        "wallet.transfer.broadcasted", "wallet.transfer.confirmed", "wallet.transfer.failed",
        "wallet.transfer.rejected", "wallet.transfer.requested",
        "wallet.offer.received", "wallet.offer.accepted", "wallet.offer.rejected", "wallet.offer.withdrawn",
        "wallet.tags.modified",
        "vault.created", "vault.updated", "vault.tags.modified", "vault.event.created",
        "address_watch.blockchain_event.transfer.confirmed", "address_watch.blockchain_event.misc.confirmed",
        "payout.action.required",
    ]

    /// The same kinds as a set, for lookups.
    public static let known: Set<String> = Set(all)

    /// Whether `kind` may appear in a webhook's `events`.
    public static func isValid(_ kind: String) -> Bool { kind == wildcard || known.contains(kind) }
}
