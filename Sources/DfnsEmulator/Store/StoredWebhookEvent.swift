import DfnsAPI
import Foundation

/// One delivery of an event to one webhook, with the receiver's answer.
struct StoredWebhookEvent: Codable, Sendable, Equatable {
    var id: String
    var orgId: String
    var webhookId: String
    var kind: String
    var date: Date
    var data: JSONValue
    /// The receiver's HTTP status code as text, or an error code when it could not be reached.
    var status: String
    var error: String?
    var deliveryAttempt: Int
    var retryOf: String?
    var timestampSent: Int
    var deliveryFailed: Bool
}
