import Foundation

/// The key/value operations of the exec-plugin protocol: `get`, `get-metadata`, `put`, `delete` and `list` on
/// opaque keys with base64 values. ``ExecSecretStore`` builds versions and stage labels on top, so plugins stay tiny.
struct PluginKeyValueClient: Sendable {
    let runner: PluginProcessRunner
    let diagnostics: (@Sendable (String) -> Void)?

    /// Reads a key that holds secret material (a version key).
    ///
    /// - Returns: The value, or `nil` when the plugin reports `{"found": false}`.
    func get(_ key: String) async throws -> Data? {
        try await read(.get, key)
    }

    /// Reads a bookkeeping key that holds no secret value (a labels record), with `get-metadata`, so a plugin
    /// can serve it with credentials that cannot read values.
    ///
    /// - Returns: The value, or `nil` when the plugin reports `{"found": false}`.
    func getMetadata(_ key: String) async throws -> Data? {
        try await read(.getMetadata, key)
    }

    /// Writes a key; the plugin must replace it atomically and durably before replying.
    func put(_ key: String, _ value: Data) async throws {
        _ = try await call(PluginRequest(operation: .put, key: key, value: value))
    }

    /// Deletes a key; deleting a missing key succeeds.
    func delete(_ key: String) async throws {
        _ = try await call(PluginRequest(operation: .delete, key: key))
    }

    /// Lists the keys that start with `prefix` (as a string).
    func list(prefix: String) async throws -> [String] {
        let reply = try await call(PluginRequest(operation: .list, prefix: prefix))
        guard let keys = reply.keys else { throw badReply(.list, "the reply has no `keys` array") }
        return keys.filter { $0.hasPrefix(prefix) }
    }

    /// Runs a `get` or `get-metadata` request and decodes its `{"value": ...}` or `{"found": false}` reply.
    private func read(_ operation: PluginRequest.Operation, _ key: String) async throws -> Data? {
        let reply = try await call(PluginRequest(operation: operation, key: key))
        if let encoded = reply.value {
            guard let value = Data(base64Encoded: encoded) else {
                throw badReply(operation, "`value` is not base64")
            }
            return value
        }
        guard reply.found == false else {
            throw badReply(operation, "the reply has neither `value` nor `\"found\": false`")
        }
        return nil
    }

    private func call(_ request: PluginRequest) async throws -> PluginReply {
        let operation = request.operation.rawValue
        let result = try await runner.run(operation: operation, request: request.encoded())
        let redactions = [request.value?.base64EncodedString()].compactMap { $0 }
        if let diagnostics, !result.stderr.isEmpty {
            let excerpt = result.stderrExcerpt(redacting: redactions)
            diagnostics("secret-store plugin \(runner.displayName) \(operation): \(excerpt)")
        }
        guard result.termination == .exited(0) else {
            throw SecretStoreError.pluginFailed(
                command: runner.displayName, operation: operation, status: result.termination.description,
                stderrBytes: result.stderr.count)
        }
        do {
            return try JSONDecoder().decode(PluginReply.self, from: result.stdout)
        } catch {
            let detail =
                result.stdout.isEmpty ? "stdout is empty" : "stdout is not a JSON object (\(result.stdout.count) bytes)"
            throw badReply(request.operation, detail)
        }
    }

    private func badReply(_ operation: PluginRequest.Operation, _ detail: String) -> SecretStoreError {
        .pluginBadReply(command: runner.displayName, operation: operation.rawValue, detail: detail)
    }
}
