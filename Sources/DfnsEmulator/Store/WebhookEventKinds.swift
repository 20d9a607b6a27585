/// The webhook event kinds Dfns documents (reference §7.3), plus the wildcard.
enum WebhookEventKinds {
    /// Every kind a webhook may subscribe to.
    static let all: Set<String> = [
        "*", "policy.triggered", "policy.approval.pending", "policy.approval.resolved", "key.created",
        "key.deleted", "key.delegated", "key.exported", "wallet.blockchainevent.detected",
        "wallet.blockchain_event.transfer.included", "wallet.blockchain_event.misc.confirmed", "wallet.created",
        "wallet.activated", "wallet.delegated", "wallet.exported", "wallet.signature.failed",
        "wallet.signature.rejected", "wallet.signature.requested", "wallet.signature.signed",
        "wallet.transaction.broadcasted", "wallet.transaction.confirmed", "wallet.transaction.failed",
        "wallet.transaction.rejected", "wallet.transaction.requested", "wallet.transfer.broadcasted",
        "wallet.transfer.confirmed", "wallet.transfer.failed", "wallet.transfer.rejected",
        "wallet.transfer.requested", "wallet.offer.received", "wallet.offer.accepted", "wallet.offer.rejected",
        "wallet.offer.withdrawn", "wallet.tags.modified", "vault.created", "vault.updated", "vault.tags.modified",
        "vault.event.created", "address_watch.blockchain_event.transfer.confirmed",
        "address_watch.blockchain_event.misc.confirmed", "payout.action.required",
    ]
}
