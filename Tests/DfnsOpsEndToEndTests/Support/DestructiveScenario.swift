import Foundation
import TestSupport
import Testing

/// A destructive change to an organisation that a clean apply of `manifests/examples` made (``ApplyOrganisation``):
/// how the workspace's manifests are edited, which actions the plan then shows, which mutating requests a clean
/// `apply --parallelism 1` sends for it, and how the organisation looks afterwards.
enum DestructiveScenario: String, Sendable, CaseIterable, CustomTestStringConvertible {
    /// ServiceAccount/treasury-bot no longer declares `Wallets Reader`: the assignment is revoked.
    case revoke
    /// ServiceAccount/reporting-exporter and PersonalAccessToken/ci-deployer declare `active: false`.
    case deactivate
    /// The manifests of ServiceAccount/payments-signer and PersonalAccessToken/ci-deployer are removed, with
    /// `prune.mode: deactivate`.
    case pruneDeactivate
    /// The manifests of ServiceAccount/payments-signer, PersonalAccessToken/ci-deployer and Webhook/treasury are
    /// removed, with `prune.mode: delete`.
    case pruneDelete
    /// The manifest of ServiceAccount/payments-signer is removed, with `prune.mode: none`: it is left alone.
    case noPrune

    var testDescription: String { rawValue }

    static let payments = "dfnsops:ServiceAccount/payments-signer"
    static let ciDeployer = "dfnsops:PersonalAccessToken/ci-deployer"
    static let treasuryHook = "dfnsops:Webhook/treasury"

    /// Edits the workspace's copy of `manifests/examples`.
    func edit(_ workspace: PlanWorkspace) throws {
        let examples = ApplyOrganisation.manifests
        switch self {
        case .revoke:
            try workspace.replace(
                "    - Treasury Operator\n    - Wallets Reader\n", with: "    - Treasury Operator\n",
                in: "\(examples)/service-accounts/treasury-bot.yaml")
        case .deactivate:
            try workspace.replace(
                "spec:\n", with: "spec:\n  active: false\n", in: "\(examples)/service-accounts/reporting-exporter.yaml")
            try workspace.replace(
                "spec:\n", with: "spec:\n  active: false\n", in: "\(examples)/personal-access-tokens/ci-deployer.yaml")
        case .pruneDeactivate:
            try workspace.setPruneMode("deactivate")
            try workspace.remove("\(examples)/service-accounts/payments-signer.yaml")
            try workspace.remove("\(examples)/personal-access-tokens/ci-deployer.yaml")
        case .pruneDelete:
            try workspace.setPruneMode("delete")
            try workspace.remove("\(examples)/service-accounts/payments-signer.yaml")
            try workspace.remove("\(examples)/personal-access-tokens/ci-deployer.yaml")
            try workspace.remove("\(examples)/webhooks/treasury.yaml")
        case .noPrune:
            try workspace.remove("\(examples)/service-accounts/payments-signer.yaml")
        }
    }

    /// The markers of the objects whose manifests the scenario removes: each carries its marker, and the store holds
    /// the record of its secret that dfnsops wrote when it created it.
    var removed: [String] {
        switch self {
        case .revoke, .deactivate: []
        case .pruneDeactivate: [Self.payments, Self.ciDeployer]
        case .pruneDelete: [Self.payments, Self.ciDeployer, Self.treasuryHook]
        case .noPrune: [Self.payments]
        }
    }

    /// The plan's actions, as `type Kind reason` in plan order (``DestructiveCheck/plannedActions(_:)``).
    var plannedActions: [String] {
        switch self {
        case .revoke: ["update ServiceAccount fields_changed"]
        case .deactivate:
            ["deactivate ServiceAccount declared_inactive", "deactivate PersonalAccessToken declared_inactive"]
        case .pruneDeactivate: ["deactivate ServiceAccount pruned", "deactivate PersonalAccessToken pruned"]
        case .pruneDelete:
            ["delete ServiceAccount pruned", "delete PersonalAccessToken pruned", "delete Webhook pruned"]
        case .noPrune: []
        }
    }

    /// The effects of the plan's actions, as `verb Target`: every one names an existing object by id.
    var plannedEffects: [String] {
        switch self {
        case .revoke: ["revoke Permission"]
        case .deactivate, .pruneDeactivate: ["deactivate ServiceAccount", "deactivate PersonalAccessToken"]
        case .pruneDelete: ["delete ServiceAccount", "delete PersonalAccessToken", "delete Webhook"]
        case .noPrune: []
        }
    }

    /// Lines the text plan must show.
    var planText: [String] {
        switch self {
        case .revoke:
            ["permissions: [\"Treasury Operator\", \"Wallets Reader\"] → [\"Treasury Operator\"]"]
        case .deactivate:
            ["- reporting-exporter  deactivate (declared_inactive)", "- ci-deployer  deactivate (declared_inactive)"]
        case .pruneDeactivate:
            ["Plan: 0 to create, 0 to update, 0 to rotate, 2 to deactivate."]
        case .pruneDelete:
            ["Plan: 0 to create, 0 to update, 0 to rotate, 3 to deactivate."]
        case .noPrune:
            ["carries \(Self.payments) but its manifest was removed; left alone (no prune policy)"]
        }
    }

    /// The mutating requests of a clean `apply --parallelism 1`, in order.
    var steps: [MutatingStep] {
        switch self {
        case .revoke:
            [.init("revoke Wallets Reader from treasury-bot", "DELETE", "/permissions/*/assignments/*", 1)]
        case .deactivate:
            [
                .init("deactivate ServiceAccount/reporting-exporter", "PUT", "/auth/service-accounts/*/deactivate", 1),
                .init("deactivate PersonalAccessToken/ci-deployer", "PUT", "/auth/pats/*/deactivate", 1),
            ]
        case .pruneDeactivate:
            [
                .init("prune (deactivate) payments-signer", "PUT", "/auth/service-accounts/*/deactivate", 1),
                .init("prune (deactivate) ci-deployer", "PUT", "/auth/pats/*/deactivate", 1),
            ]
        case .pruneDelete:
            [
                .init("prune (delete) payments-signer", "DELETE", "/auth/service-accounts/*", 1),
                .init("prune (delete) ci-deployer", "DELETE", "/auth/pats/*", 1),
                .init("prune (delete) Webhook/treasury", "DELETE", "/webhooks/*", 1),
            ]
        case .noPrune: []
        }
    }

    /// Each object's shape by marker afterwards (``ApplyFinalState/expected`` as changed by the scenario; an object
    /// that is deleted is absent).
    var expectedShapes: [String: String] {
        var shapes = ApplyFinalState.expected
        func deactivated(_ marker: String) {
            shapes[marker] = shapes[marker]?.replacingOccurrences(of: ", active, ", with: ", inactive, ")
        }
        switch self {
        case .revoke:
            shapes["dfnsops:ServiceAccount/treasury-bot"] =
                "Treasury rebalancer, active, permissions [Treasury Operator]"
        case .deactivate:
            deactivated("dfnsops:ServiceAccount/reporting-exporter")
            deactivated(Self.ciDeployer)
        case .pruneDeactivate:
            deactivated(Self.payments)
            deactivated(Self.ciDeployer)
        case .pruneDelete:
            for marker in [Self.payments, Self.ciDeployer, Self.treasuryHook] { shapes[marker] = nil }
        case .noPrune:
            break
        }
        return shapes
    }
}

/// One mutating request of a destructive scenario, for the crash matrix.
struct DestructiveStep: Sendable, CustomTestStringConvertible {
    var scenario: DestructiveScenario
    var step: MutatingStep

    var testDescription: String { "\(scenario.rawValue): \(step.testDescription)" }

    /// Every mutating request of every scenario.
    static let all: [DestructiveStep] = DestructiveScenario.allCases.flatMap { scenario in
        scenario.steps.map { DestructiveStep(scenario: scenario, step: $0) }
    }
}

/// What the destructive tests read back from a run and from the organisation.
enum DestructiveCheck {
    /// Starts an organisation, applies `manifests/examples` to it, and runs `body` with it.
    static func withAppliedOrganisation<Value>(_ body: (ApplyOrganisation) async throws -> Value) async throws -> Value
    {
        try await ApplyOrganisation.with { organisation in
            let setUp = try await organisation.apply()
            guard setUp.status == 0 else { throw ApplyTestFailure("the clean apply failed: \(setUp)") }
            return try await body(organisation)
        }
    }

    /// Every object with a dfnsops marker, as `marker → shape` (``ApplyFinalState/LiveObject``); two objects with
    /// one marker show as one shape naming both, so that they never match an expectation.
    static func shapes(_ emulator: EmulatorProcess) async throws -> [String: String] {
        let objects = try await ApplyFinalState.liveObjects(emulator)
        return Dictionary(objects.map { ($0.marker, $0.shape) }, uniquingKeysWith: { "\($0) AND \($1)" })
    }

    /// The actions of a `plan --format json` as `type Kind reason`, in plan order.
    static func plannedActions(_ json: String) throws -> [String] {
        try decode(json).actions.map { "\($0.type) \($0.kind) \($0.reason)" }
    }

    /// The effects of a JSON plan's actions, as `verb Target`, for effects that name their object by id.
    static func plannedEffects(_ json: String) throws -> [String] {
        try decode(json).actions.flatMap(\.effects).filter { $0.id != nil }.map { "\($0.verb) \($0.target)" }
    }

    private struct Plan: Decodable {
        struct Effect: Decodable {
            var verb: String
            var target: String
            var id: String?
        }
        struct Action: Decodable {
            var type: String
            var kind: String
            var reason: String
            var effects: [Effect]
        }
        var actions: [Action]
    }

    private static func decode(_ json: String) throws -> Plan {
        try JSONDecoder().decode(Plan.self, from: Data(json.utf8))
    }
}

extension PlanWorkspace {
    /// Replaces `old` by `new` in the workspace file `relative`; throws when the file does not contain `old`.
    func replace(_ old: String, with new: String, in relative: String) throws {
        let text = try read(relative)
        guard text.contains(old) else { throw ApplyTestFailure("\(relative) does not contain \(old.debugDescription)") }
        try write(text.replacingOccurrences(of: old, with: new), to: relative)
    }

    /// Removes the workspace file `relative`.
    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: directory.file(relative))
    }

    /// Sets the example Settings' `prune.mode`.
    func setPruneMode(_ mode: String) throws {
        try replace(
            "  prune:\n    mode: none\n", with: "  prune:\n    mode: \(mode)\n",
            in: "\(ApplyOrganisation.manifests)/settings.yaml")
    }
}
