import Foundation

/// The parts of the emulator's admin API (`/_emulator/`, docs/emulator.md) that the apply tests drive: faults,
/// policy approvals and the state dump. The request ledger and token minting are on ``EmulatorProcess`` itself.
extension EmulatorProcess {
    /// An injected fault as the admin API lists it, with its counters.
    package struct FaultStatus: Decodable, Sendable {
        /// The rule's fields that tests read.
        package struct Rule: Decodable, Sendable {
            package var id: String?
            package var method: String?
            package var path: String
            package var action: String
        }

        package var rule: Rule
        /// Requests that matched the rule's method and path (counted as they arrive, before any latency).
        package var matched: Int
        /// How often it fired.
        package var fired: Int
    }

    /// A fault to install (`POST /_emulator/faults`); see `FaultRule` in Sources/DfnsEmulator/Faults.
    package struct FaultRequest: Encodable, Sendable {
        package var method: String?
        package var path: String
        /// `fail`, `drop`, `latency`, `commit-then-fail` or `commit-then-drop`.
        package var action: String
        package var nth: Int?
        package var times: Int?
        package var latencyMs: Int?
        package var status: Int?

        package init(
            method: String?, path: String, action: String, nth: Int? = nil, times: Int? = nil,
            latencyMs: Int? = nil, status: Int? = nil
        ) {
            self.method = method
            self.path = path
            self.action = action
            self.nth = nth
            self.times = times
            self.latencyMs = latencyMs
            self.status = status
        }
    }

    /// Installs a fault and returns its id.
    @discardableResult
    package func addFault(_ fault: FaultRequest) async throws -> String {
        struct Created: Decodable { var id: String }
        let data = try await admin("POST", "faults", body: try JSONEncoder().encode(fault))
        return try JSONDecoder().decode(Created.self, from: data).id
    }

    /// The installed faults with their counters.
    package func faults() async throws -> [FaultStatus] {
        try JSONDecoder().decode([FaultStatus].self, from: try await admin("GET", "faults"))
    }

    /// Removes every fault.
    package func removeAllFaults() async throws {
        try await admin("DELETE", "faults")
    }

    /// A call held for policy approval (`GET /_emulator/approvals`).
    package struct Approval: Decodable, Sendable, CustomStringConvertible {
        /// `Pending`, `Approved`, `Rejected` or `Failed`.
        package var status: String
        package var id: String
        package var method: String
        package var path: String
        /// After approval: the status the held call answered.
        package var resultStatus: Int?

        package var description: String { "\(id) \(method) \(path): \(status)" }
    }

    /// Marks matching mutating calls as needing approval; returns the rule's id.
    @discardableResult
    package func requireApproval(method: String?, path: String) async throws -> String {
        struct Rule: Codable { var id: String?, method: String?, path: String }
        let data = try await admin(
            "POST", "approval-rules", body: try JSONEncoder().encode(Rule(id: nil, method: method, path: path)))
        return try JSONDecoder().decode(Rule.self, from: data).id ?? ""
    }

    /// Removes an approval rule.
    package func removeApprovalRule(id: String) async throws {
        try await admin("DELETE", "approval-rules/\(id)")
    }

    /// Every held or resolved call, oldest first.
    package func approvals() async throws -> [Approval] {
        try JSONDecoder().decode([Approval].self, from: try await admin("GET", "approvals"))
    }

    /// Approves a held call, which runs it now.
    @discardableResult
    package func approve(_ id: String) async throws -> Approval {
        try JSONDecoder().decode(Approval.self, from: try await admin("POST", "approvals/\(id)/approve"))
    }

    /// Rejects a held call; it never runs.
    @discardableResult
    package func reject(_ id: String) async throws -> Approval {
        try JSONDecoder().decode(Approval.self, from: try await admin("POST", "approvals/\(id)/reject"))
    }

    /// The whole state as JSON (it holds keys and secrets: for assertions only, never for output).
    package func stateDump() async throws -> [String: Any] {
        let data = try await admin("GET", "state")
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "GET /_emulator/state did not answer a JSON object")
        }
        return object
    }

    /// Each webhook's secret by webhook id, from the state dump.
    package func webhookSecrets() async throws -> [String: String] {
        let webhooks = try await stateDump()["webhooks"] as? [[String: Any]] ?? []
        var secrets: [String: String] = [:]
        for webhook in webhooks {
            if let id = webhook["id"] as? String, let secret = webhook["secret"] as? String { secrets[id] = secret }
        }
        return secrets
    }
}
