/// Whether Dfns delivers events to a webhook.
public enum WebhookStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Deliveries are sent. The default.
    case enabled = "Enabled"
    /// Deliveries are paused.
    case disabled = "Disabled"
}
