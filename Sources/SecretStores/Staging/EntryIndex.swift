import Foundation

/// The bookkeeping record of one entry, shared by every store: which version carries which stage label, and
/// the next version number to hand out.
///
/// Stores persist it next to the version payloads (the file store as `@labels.json`, the exec store under the
/// key `<entry>/@labels`). Its label moves are pure functions, so every store has the same semantics.
struct EntryIndex: Sendable, Equatable, Codable {
    /// The on-disk format version.
    var format: Int = 1
    /// The number the next written version receives.
    var nextVersion: Int = 1
    /// The version labelled `pending`.
    var pending: SecretVersionInfo?
    /// The version labelled `current`.
    var current: SecretVersionInfo?
    /// The version labelled `previous`.
    var previous: SecretVersionInfo?

    /// The result of a label move: the new index, and the versions no label points at any more.
    struct Transition: Sendable, Equatable {
        var index: EntryIndex
        var obsoleteVersions: [Int]
    }

    /// The version numbers some label points at.
    var referencedVersions: Set<Int> {
        Set([pending, current, previous].compactMap { $0?.version })
    }

    /// Describes the entry without values.
    func metadata(for entry: SecretEntryPath) -> EntryMetadata {
        EntryMetadata(entry: entry, pending: pending, current: current, previous: previous)
    }

    /// The version carrying a stage label.
    func version(at stage: SecretStage) -> SecretVersionInfo? {
        switch stage {
        case .pending: pending
        case .current: current
        case .previous: previous
        }
    }

    /// Hands out the next version number.
    mutating func allocateVersion() -> Int {
        defer { nextVersion += 1 }
        return nextVersion
    }

    /// Labels a freshly written version `pending`; the old pending version becomes obsolete.
    func staging(_ version: SecretVersionInfo) -> Transition {
        var next = self
        next.pending = version
        next.nextVersion = max(nextVersion, version.version + 1)
        return Transition(index: next, obsoleteVersions: pending.map { [$0.version] } ?? [])
    }

    /// The labels after `move`, and the versions it makes obsolete.
    func moving(_ move: SecretLabelMove, of entry: SecretEntryPath) throws(SecretStoreError) -> Transition {
        switch move {
        case .promote: try promoting(entry)
        case .rollback(let hold): try rollingBack(entry, hold: hold)
        case .drop(let stage): dropping(stage)
        case .markPreviousRetired(let date): try markingPreviousRetired(entry, at: date)
        }
    }

    /// Pending becomes current, current becomes previous (previous stays if there was no current), and the
    /// old previous becomes obsolete.
    func promoting(_ entry: SecretEntryPath) throws(SecretStoreError) -> Transition {
        guard let promoted = pending else { throw .stageNotFound(entry, .pending) }
        var next = self
        next.pending = nil
        next.current = promoted
        var obsolete: [Int] = []
        if let oldCurrent = current {
            next.previous = oldCurrent
            if let oldPrevious = previous { obsolete.append(oldPrevious.version) }
        }
        return Transition(index: next, obsoleteVersions: obsolete)
    }

    /// Previous becomes current again (carrying `hold`, when given) and the rolled-back current becomes obsolete;
    /// pending is untouched.
    func rollingBack(_ entry: SecretEntryPath, hold: RotationHold? = nil) throws(SecretStoreError) -> Transition {
        guard var restored = previous else { throw .stageNotFound(entry, .previous) }
        if let hold { restored.metadata.hold = hold }
        // Its generation is in use again (a rollback reactivates it).
        restored.metadata.retiredAt = nil
        var next = self
        next.previous = nil
        next.current = restored
        return Transition(index: next, obsoleteVersions: current.map { [$0.version] } ?? [])
    }

    /// Records on the previous version when its live generation was retired; no label moves, nothing becomes
    /// obsolete. A version already marked keeps its first date.
    func markingPreviousRetired(_ entry: SecretEntryPath, at date: Date) throws(SecretStoreError) -> Transition {
        guard var marked = previous else { throw .stageNotFound(entry, .previous) }
        var next = self
        marked.metadata.retiredAt = marked.metadata.retiredAt ?? date
        next.previous = marked
        return Transition(index: next, obsoleteVersions: [])
    }

    /// Removes one label; the version it pointed at becomes obsolete.
    func dropping(_ stage: SecretStage) -> Transition {
        var next = self
        switch stage {
        case .pending: next.pending = nil
        case .current: next.current = nil
        case .previous: next.previous = nil
        }
        return Transition(index: next, obsoleteVersions: version(at: stage).map { [$0.version] } ?? [])
    }
}
