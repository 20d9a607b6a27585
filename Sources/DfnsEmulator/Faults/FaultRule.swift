import DfnsAPI
import Foundation

/// One injected fault: which requests it matches, when it fires, and what it does.
public struct FaultRule: Codable, Sendable, Equatable {
    /// What a firing fault does to the request.
    public enum Action: String, Codable, Sendable, CaseIterable {
        /// Answer `status` in the Dfns error envelope without handling the request.
        case fail
        /// Close the connection without answering, without handling the request.
        case drop
        /// Wait `latencyMs`, then handle the request normally.
        case latency
        /// Handle the request (the mutation is applied), then answer `status` instead of the real response.
        case commitThenFail = "commit-then-fail"
        /// Handle the request (the mutation is applied), then close the connection without answering.
        case commitThenDrop = "commit-then-drop"
    }

    /// The id the emulator gives the rule, for removing it.
    public var id: String?
    /// The HTTP method to match (`POST`, …); nil or `*` matches any.
    public var method: String?
    /// The path to match, without query; `*` matches any run of characters, `/` included.
    public var path: String
    /// What the fault does.
    public var action: Action
    /// The status of `fail` and `commit-then-fail`; 500 when nil.
    public var status: Int?
    /// Fire only on the Nth matching request (1-based).
    public var nth: Int?
    /// Fire on this fraction (0…1) of matching requests.
    public var probability: Double?
    /// Fire at most this many times; nil means once with `nth`, otherwise without limit.
    public var times: Int?
    /// The delay of `latency`, in milliseconds; with another action, a delay before it.
    public var latencyMs: Int?
    /// The error message of `fail` and `commit-then-fail`.
    public var message: String?

    /// Creates a rule.
    public init(
        id: String? = nil, method: String? = nil, path: String = "*", action: Action, status: Int? = nil,
        nth: Int? = nil, probability: Double? = nil, times: Int? = nil, latencyMs: Int? = nil, message: String? = nil
    ) {
        self.id = id
        self.method = method
        self.path = path
        self.action = action
        self.status = status
        self.nth = nth
        self.probability = probability
        self.times = times
        self.latencyMs = latencyMs
        self.message = message
    }

    /// Parses the `--fault` flag: `METHOD PATH ACTION [status=N] [nth=N] [probability=F] [times=N] [latency=MS]`.
    ///
    /// For example `POST /auth/service-accounts commit-then-fail nth=1` or `* /webhooks* fail status=503
    /// probability=0.5`.
    /// - Throws: `FaultRuleSyntaxError` naming the part that is wrong.
    public init(spec: String) throws {
        let words = spec.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count >= 3 else {
            throw FaultRuleSyntaxError("'\(spec)': expected METHOD PATH ACTION [key=value…]")
        }
        guard let action = Action(rawValue: words[2]) else {
            let known = Action.allCases.map(\.rawValue).joined(separator: ", ")
            throw FaultRuleSyntaxError("'\(spec)': unknown action '\(words[2])'; expected one of \(known)")
        }
        self.init(method: words[0] == "*" ? nil : words[0].uppercased(), path: words[1], action: action)
        for option in words.dropFirst(3) {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw FaultRuleSyntaxError("'\(spec)': '\(option)' is not key=value") }
            let (key, value) = (parts[0], parts[1])
            switch key {
            case "status": status = try Self.integer(value, key, spec)
            case "nth": nth = try Self.integer(value, key, spec)
            case "times": times = try Self.integer(value, key, spec)
            case "latency", "latencyMs": latencyMs = try Self.integer(value, key, spec)
            case "probability":
                guard let number = Double(value), (0...1).contains(number) else {
                    throw FaultRuleSyntaxError("'\(spec)': probability must be a number from 0 to 1")
                }
                probability = number
            case "message": message = value.replacingOccurrences(of: "_", with: " ")
            default: throw FaultRuleSyntaxError("'\(spec)': unknown option '\(key)'")
            }
        }
    }

    private static func integer(_ value: String, _ key: String, _ spec: String) throws -> Int {
        guard let number = Int(value), number >= 0 else {
            throw FaultRuleSyntaxError("'\(spec)': \(key) must be a non-negative integer")
        }
        return number
    }

    /// Whether the rule applies to a request, before counting.
    func matches(method: String, path: String) -> Bool {
        if let wanted = self.method, wanted != "*", wanted.uppercased() != method.uppercased() { return false }
        return GlobPattern(self.path).matches(path)
    }
}

/// A `--fault` flag that does not parse.
public struct FaultRuleSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong with the spec.
    public let message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
