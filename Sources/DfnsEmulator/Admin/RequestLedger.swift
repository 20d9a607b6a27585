import Foundation

/// Counts the requests the Dfns API received, so that tests can assert that no mutating request was made.
public actor RequestLedger {
    /// One request as the ledger saw it.
    public struct Entry: Codable, Sendable, Equatable {
        /// The HTTP method.
        public var method: String
        /// The path, without query.
        public var path: String
        /// The status sent, or 0 when the connection was dropped.
        public var status: Int
        /// Whether the request may change state (not GET, and not part of signing a user action).
        public var mutating: Bool
    }

    /// The counts the admin API reports.
    public struct Summary: Codable, Sendable, Equatable {
        /// Every request to the Dfns API.
        public var total: Int
        /// Requests that may change state: POST, PUT and DELETE, except the user-action and challenge calls.
        public var mutating: Int
        /// Mutations the store applied.
        public var mutationsApplied: Int
        /// The most recent requests, oldest first (at most 200).
        public var recent: [Entry]
    }

    private var total = 0
    private var mutating = 0
    private var recent: [Entry] = []
    /// Every mutating request since the last reset, uncapped (`recent` keeps only the latest 200 of all requests).
    private var mutations: [Entry] = []
    private var mutationsBaseline = 0

    /// Creates an empty ledger.
    public init() {}

    /// Paths whose POST only prepares a signature or a challenge and changes nothing.
    static let preparatoryPaths: Set<String> = [
        "/auth/action/init", "/auth/action", "/auth/credentials/init", "/auth/credentials/code/init",
    ]

    /// Whether a request may change state.
    static func isMutating(method: String, path: String) -> Bool {
        method != "GET" && method != "HEAD" && !preparatoryPaths.contains(path)
    }

    /// Records one request.
    func record(method: String, path: String, status: Int) {
        let isMutating = Self.isMutating(method: method, path: path)
        total += 1
        let entry = Entry(method: method, path: path, status: status, mutating: isMutating)
        if isMutating {
            mutating += 1
            mutations.append(entry)
        }
        recent.append(entry)
        if recent.count > 200 { recent.removeFirst(recent.count - 200) }
    }

    /// The counts, with the store's count of applied mutations.
    func summary(mutationsApplied: Int) -> Summary {
        Summary(
            total: total, mutating: mutating, mutationsApplied: mutationsApplied - mutationsBaseline, recent: recent)
    }

    /// Starts counting afresh; `mutationsApplied` is the store's count now.
    func reset(mutationsApplied: Int) {
        mutationsBaseline = mutationsApplied
        total = 0
        mutating = 0
        recent.removeAll()
        mutations.removeAll()
    }

    /// Every mutating request received since the ledger was last reset, oldest first, however many there were.
    public func mutatingRequests() -> [Entry] {
        mutations
    }
}
