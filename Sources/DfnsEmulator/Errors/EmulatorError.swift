import DfnsAPI

/// A Dfns API error: an HTTP status and the `{"error":{…}}` envelope that goes with it.
struct EmulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    var statusCode: Int
    var message: String
    var details: JSONValue?
    /// Extra response headers, such as `Retry-After`.
    var headers: [String: String] = [:]

    init(_ status: Int, _ message: String, details: JSONValue? = nil, headers: [String: String] = [:]) {
        self.statusCode = status
        self.message = message
        self.details = details
        self.headers = headers
    }

    var description: String { "\(statusCode) \(message)" }

    static func badRequest(_ message: String, details: JSONValue? = nil) -> EmulatorError {
        EmulatorError(400, message, details: details)
    }

    static func unauthorized(_ message: String) -> EmulatorError {
        EmulatorError(401, message)
    }

    static func forbidden(_ message: String, details: JSONValue? = nil) -> EmulatorError {
        EmulatorError(403, message, details: details)
    }

    static func notFound(_ what: String, _ id: String) -> EmulatorError {
        EmulatorError(404, "\(what) \(id) not found", details: .object(["id": .string(id)]))
    }

    static func conflict(_ message: String, duplicate: String) -> EmulatorError {
        EmulatorError(409, message, details: .object(["duplicate": .string(duplicate)]))
    }

    /// The refusal for a missing, unknown, expired or mismatched user action; `reason` says which.
    static func userActionInvalid(_ reason: String) -> EmulatorError {
        forbidden("user action signature is missing or invalid", details: .object(["reason": .string(reason)]))
    }

    /// The envelope this error is sent as, with a fresh error id.
    var envelope: DfnsErrorEnvelope {
        let id = String((0..<19).map { _ in "0123456789".randomElement() ?? "0" })
        return DfnsErrorEnvelope(error: DfnsErrorBody(id: id, status: statusCode, message: message, details: details))
    }
}
