import Foundation
import SecretStores

/// What a rollback finds, observed just before it is planned and again just before it runs: the store's previous
/// and current generations and whether each exists, and is active, in Dfns.
struct RollbackFacts: Sendable {
    /// One generation as the store names it and Dfns shows it.
    struct Generation: Sendable {
        /// The Dfns id an effect names: the credential's uuid (rekey), the principal's or webhook's id.
        var id: String?
        /// The credential's name (rekey).
        var name: String?
        /// How messages name it: the credential id, or the principal's or webhook's id.
        var label: String
        var generation: Int?
        var exists: Bool
        var isActive: Bool
    }

    enum Strategy: Sendable {
        /// Key credentials of one principal; a service account refused the credential endpoints deletes instead.
        case rekey(serviceAccount: Bool)
        case replace(Effect.Target)
        case twin
    }

    var address: ObjectAddress
    var strategy: Strategy
    /// Nil when the store holds no previous generation.
    var previous: Generation?
    var current: Generation?
    /// The hold recorded on the store's current version by an earlier rollback.
    var hold: RotationHold?
}

/// One step of a rollback, in the order that keeps a usable generation at every point: the previous generation is
/// made active and proved to sign before the newer one is deactivated (or the twin deleted), and the store moves
/// only once Dfns is in the target state.
enum RollbackStep: Sendable, Hashable {
    case activatePrevious
    case verifyPrevious
    case deactivateCurrent
    case deleteCurrent
    case moveStore
}

/// What a rollback takes, from the facts alone: the plan shows its effects, and apply, observing again, takes its
/// steps (the `EffectGate` holds them to the plan's effects). So an interrupted rollback is finished by running it
/// again: whatever was done is observed as done and left out.
struct RollbackSchedule: Sendable {
    var facts: RollbackFacts
    var steps: [RollbackStep] = []
    /// Why the rollback cannot be done, before anything changes.
    var impossible: String?

    init(_ facts: RollbackFacts) {
        self.facts = facts
        let address = facts.address
        guard let previous = facts.previous, let current = facts.current else {
            if facts.hold == nil || facts.previous != nil {
                impossible =
                    "\(address) has no previous generation in the store (no rotation to roll back, or retain elapsed "
                    + "and it was dropped)"
            }
            return
        }
        guard previous.exists, previous.id != nil else {
            impossible = Self.gone(previous, facts.strategy, address)
            return
        }
        switch facts.strategy {
        case .rekey, .replace:
            if !previous.isActive { steps.append(.activatePrevious) }
            steps.append(.verifyPrevious)
            if current.exists && current.isActive {
                guard current.id != nil else {
                    impossible =
                        "\(address): the newer credential \(current.label) cannot be deactivated because its "
                        + "credentialUuid is not visible to the principal"
                    return
                }
                steps.append(.deactivateCurrent)
            }
        case .twin:
            if current.exists { steps.append(.deleteCurrent) }
        }
        steps.append(.moveStore)
    }

    /// True when an earlier rollback finished: the store's current version carries its hold and no previous is left.
    var isDone: Bool { impossible == nil && steps.isEmpty }

    /// Every change to Dfns the steps make, by name and id.
    var effects: [Effect] {
        steps.compactMap { step in
            switch (step, facts.strategy) {
            case (.activatePrevious, .rekey):
                Effect(.activate, .credential, id: facts.previous?.id, name: facts.previous?.name)
            case (.activatePrevious, .replace(let target)):
                Effect(.activate, target, id: facts.previous?.id)
            case (.deactivateCurrent, .rekey(let serviceAccount)):
                Effect(
                    .deactivate, .credential, id: facts.current?.id, name: facts.current?.name,
                    orElse: serviceAccount ? .delete : nil)
            case (.deactivateCurrent, .replace(let target)):
                Effect(.deactivate, target, id: facts.current?.id)
            case (.deleteCurrent, _):
                Effect(.delete, .webhook, id: facts.current?.id)
            default:
                nil
            }
        }
    }

    /// The plan's one-line summary.
    var summary: String {
        if let impossible { return "rollback impossible: \(impossible)" }
        let previous = facts.previous.map { "generation \($0.generation.map(String.init) ?? "?") (\($0.label))" }
        let current = facts.current.map { "generation \($0.generation.map(String.init) ?? "?") (\($0.label))" }
        let words = steps.map { step -> String in
            switch step {
            case .activatePrevious: "reactivate \(previous ?? "the previous generation")"
            case .verifyPrevious: "verify it signs"
            case .deactivateCurrent: "deactivate \(current ?? "the newer generation")"
            case .deleteCurrent: "delete the twin webhook \(facts.current?.label ?? "")"
            case .moveStore: "make it current in the store and hold the rotation"
            }
        }
        return "roll back to \(previous ?? "the previous generation"): " + words.joined(separator: ", then ")
    }

    private static func gone(
        _ previous: RollbackFacts.Generation, _ strategy: RollbackFacts.Strategy, _ address: ObjectAddress
    )
        -> String
    {
        switch strategy {
        case .rekey(let serviceAccount):
            guard previous.exists else {
                return "the previous credential \(previous.label) no longer exists in Dfns"
                    + (serviceAccount
                        ? " (where Dfns refuses the credential endpoints, retire deletes the old credential of a "
                            + "service account instead of deactivating it)" : "")
                    + ", and a deleted credential cannot be reactivated; nothing was changed. Rotate again instead: "
                    + "dfnsops rotate \(address)"
            }
            return "the previous credential \(previous.label) cannot be reactivated because its credentialUuid is "
                + "not visible to the principal"
        case .replace:
            return "the previous principal \(previous.label) no longer exists in Dfns (deleted after retain), so it "
                + "cannot return; nothing was changed. Rotate again instead: dfnsops rotate \(address)"
        case .twin:
            return "the old webhook \(previous.label) was already deleted after the overlap, and a deleted webhook "
                + "cannot return; nothing was changed. Rotate again instead: dfnsops rotate \(address)"
        }
    }
}
