/// Serialises operations on the same entry within one process, across suspension points.
///
/// The exec store's operations make several plugin calls each; an actor alone would let two operations on one
/// entry interleave at those awaits. Waiters are resumed in arrival order.
actor EntryMutex {
    private var held: Set<SecretEntryPath> = []
    private var waiters: [SecretEntryPath: [CheckedContinuation<Void, Never>]] = [:]

    /// Runs `body` while holding the entry's lock.
    nonisolated func withLock<Result: Sendable>(
        _ entry: SecretEntryPath,
        _ body: () async throws -> Result
    ) async throws -> Result {
        await acquire(entry)
        do {
            let result = try await body()
            await release(entry)
            return result
        } catch {
            await release(entry)
            throw error
        }
    }

    private func acquire(_ entry: SecretEntryPath) async {
        guard held.contains(entry) else {
            held.insert(entry)
            return
        }
        await withCheckedContinuation { waiters[entry, default: []].append($0) }
    }

    private func release(_ entry: SecretEntryPath) {
        guard var queue = waiters[entry], !queue.isEmpty else {
            held.remove(entry)
            return
        }
        let next = queue.removeFirst()
        waiters[entry] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
