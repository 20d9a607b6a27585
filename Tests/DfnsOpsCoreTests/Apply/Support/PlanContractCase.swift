import DfnsAPI
import DfnsEmulator
import Foundation
import SecretStores
import Synchronization

@testable import DfnsOpsCore

/// The emulator's SplitMix64, so that a property case replays from its seed.
typealias SplitMix64 = SeededGenerator

extension SeededGenerator {
    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// One of `options`, which must not be empty.
    mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &self)] }

    /// A random subset of `options`, in their order.
    mutating func subset<T>(_ options: [T], each p: Double = 0.5) -> [T] { options.filter { _ in chance(p) } }
}

/// One declared object of a generated manifest set.
struct GeneratedObject: Sendable, Equatable {
    var kind: ManifestKind
    var name: String
    var displayName: String?
    var active = true
    var permissions: [String] = []
    var algorithm = "ecdsa-p256"
    var strategy = "rekey"
    var trigger = 1
    var protect = false
    var management = "managed"
    /// Webhooks: events, status, description and whether the receiver answers 200.
    var events: [String] = ["wallet.created"]
    var status = "Enabled"
    var description: String?
    var receiverAccepts = true

    /// The store entry of the object, fixed by its name.
    var storePath: String {
        switch kind {
        case .serviceAccount: "accounts/\(name)"
        case .personalAccessToken: "tokens/\(name)"
        default: "webhooks/\(name)"
        }
    }

    /// The rotation every generated object uses: due after 10 days, 2 days of overlap, 4 days of retain.
    static let rotation = "maxAge: 10d, overlap: 2d, retain: 4d"

    func yaml(receiver: String) -> String {
        var lines = [
            "apiVersion: dfnsops.dev/v1alpha1", "kind: \(kind.rawValue)", "metadata: {name: \(name)}", "spec:",
        ]
        if kind == .webhook {
            lines.append("  url: \(receiver)/\(receiverAccepts ? "accept" : "refuse")/\(name)")
            lines.append("  events: [\(events.map { "\"\($0)\"" }.joined(separator: ", "))]")
            lines.append("  status: \(status)")
            if let description { lines.append("  description: \(description)") }
            lines.append("  secret:")
            lines.append("    rotation: {\(Self.rotation), trigger: \(trigger)}")
            lines.append("    store: {ref: \(ApplyTwin.storeName), path: \(storePath)}")
        } else {
            if let displayName { lines.append("  name: \(displayName)") }
            lines.append("  active: \(active)")
            lines.append("  permissions: [\(permissions.map { "\"\($0)\"" }.joined(separator: ", "))]")
            lines.append("  key:")
            lines.append("    algorithm: \(algorithm)")
            lines.append("    rotation: {\(Self.rotation), trigger: \(trigger), strategy: \(strategy)}")
            lines.append("  store: {ref: \(ApplyTwin.storeName), path: \(storePath)}")
        }
        lines.append("  management: \(management)")
        if protect { lines.append("  protect: true") }
        return lines.joined(separator: "\n")
    }

    /// A short description for the case log.
    var summary: String {
        var parts = ["\(kind.rawValue)/\(name)"]
        if kind == .webhook {
            parts.append("\(status) \(events.count) events\(receiverAccepts ? "" : " refusing receiver")")
        } else {
            parts.append("\(strategy) \(algorithm) perms=\(permissions) active=\(active)")
            if let displayName { parts.append("name=\(displayName)") }
        }
        parts.append("trigger=\(trigger)")
        if management != "managed" { parts.append(management) }
        if protect { parts.append("protect") }
        return parts.joined(separator: " ")
    }
}

/// A generated manifest set: objects and, optionally, Settings with a prune policy and a deactivation guard.
struct GeneratedManifests: Sendable {
    var objects: [GeneratedObject] = []
    var pruneMode: String?
    var pruneKinds: [ManifestKind]?
    var maxDeactivations: Int?

    func yaml(receiver: String) -> String {
        var documents = objects.map { $0.yaml(receiver: receiver) }
        if pruneMode != nil || maxDeactivations != nil {
            var settings = [
                "apiVersion: dfnsops.dev/v1alpha1", "kind: Settings", "metadata: {name: property}", "spec:",
            ]
            if let maxDeactivations { settings.append("  guards: {maxDeactivations: \(maxDeactivations)}") }
            if let pruneMode {
                let kinds = pruneKinds.map { ", kinds: [\($0.map(\.rawValue).joined(separator: ", "))]" } ?? ""
                settings.append("  prune: {mode: \(pruneMode)\(kinds)}")
            }
            documents.append(settings.joined(separator: "\n"))
        }
        return documents.joined(separator: "\n---\n")
    }

    var summary: String {
        var text = objects.isEmpty ? "no objects" : objects.map(\.summary).joined(separator: "; ")
        if let pruneMode { text += "; prune \(pruneMode) \(pruneKinds.map { "\($0.map(\.rawValue))" } ?? "all kinds")" }
        if let maxDeactivations { text += "; maxDeactivations \(maxDeactivations)" }
        return text
    }
}

/// Random manifests for the plan-contract property.
enum ManifestGenerator {
    static let names: [ManifestKind: [String]] = [
        .serviceAccount: ["sa-a", "sa-b", "sa-c"],
        .personalAccessToken: ["pat-a", "pat-b"],
        .webhook: ["hook-a", "hook-b"],
    ]
    static let kinds: [ManifestKind] = [.serviceAccount, .personalAccessToken, .webhook]
    /// The permissions the property's organisations hold (see `PlanContractOrganisation.seed`).
    static let permissions = ["Payments Initiator", "Wallets Reader", "Auditor"]
    static let eventSets: [[String]] = [
        ["wallet.created"], ["*"], ["wallet.transfer.confirmed", "wallet.transfer.failed"],
    ]

    static func object(_ kind: ManifestKind, _ name: String, _ rng: inout SplitMix64) -> GeneratedObject {
        var object = GeneratedObject(kind: kind, name: name)
        object.trigger = Int.random(in: 1...3, using: &rng)
        object.protect = rng.chance(0.08)
        object.management = rng.chance(0.9) ? "managed" : rng.pick(["observe", "frozen"])
        if kind == .webhook {
            object.events = rng.pick(eventSets)
            object.status = rng.chance(0.8) ? "Enabled" : "Disabled"
            object.description = rng.chance(0.5) ? rng.pick(["Treasury notifications", "Ops"]) : nil
            object.receiverAccepts = rng.chance(0.8)
        } else {
            object.displayName = rng.chance(0.3) ? "\(name) bot" : nil
            object.active = rng.chance(0.85)
            object.permissions = rng.subset(permissions, each: 0.4)
            object.algorithm = rng.pick(["ecdsa-p256", "ed25519"])
            object.strategy = rng.chance(0.6) ? "rekey" : "replace"
        }
        return object
    }

    /// A fresh manifest set of at most `budget` objects.
    static func fresh(budget: Int, _ rng: inout SplitMix64) -> GeneratedManifests {
        var manifests = GeneratedManifests()
        var pool = kinds.flatMap { kind in names[kind, default: []].map { (kind, $0) } }
        pool.shuffle(using: &rng)
        for (kind, name) in pool.prefix(Int.random(in: 1...max(1, budget), using: &rng)) {
            manifests.objects.append(object(kind, name, &rng))
        }
        settings(&manifests, &rng)
        return manifests
    }

    /// The next manifest set: objects removed, added or changed, and new Settings.
    static func evolve(_ previous: GeneratedManifests, budget: Int, _ rng: inout SplitMix64) -> GeneratedManifests {
        var manifests = GeneratedManifests()
        for var object in previous.objects {
            guard rng.chance(0.75) else { continue }
            if object.kind == .webhook {
                if rng.chance(0.2) { object.events = rng.pick(eventSets) }
                if rng.chance(0.15) { object.status = object.status == "Enabled" ? "Disabled" : "Enabled" }
                if rng.chance(0.15) { object.description = rng.chance(0.5) ? "Changed hook" : nil }
                if rng.chance(0.2) { object.receiverAccepts.toggle() }
            } else {
                if rng.chance(0.3) { object.permissions = rng.subset(permissions, each: 0.4) }
                if rng.chance(0.15) { object.active.toggle() }
                if rng.chance(0.15) { object.displayName = rng.chance(0.5) ? "\(object.name) renamed" : nil }
                if rng.chance(0.15) { object.strategy = object.strategy == "rekey" ? "replace" : "rekey" }
            }
            if rng.chance(0.2) { object.trigger += 1 }
            if rng.chance(0.05) { object.protect.toggle() }
            if rng.chance(0.05) { object.management = rng.pick(["managed", "observe", "frozen"]) }
            manifests.objects.append(object)
        }
        var unused = kinds.flatMap { kind in names[kind, default: []].map { (kind, $0) } }
            .filter { kind, name in !manifests.objects.contains { $0.kind == kind && $0.name == name } }
        unused.shuffle(using: &rng)
        let room = max(0, budget - manifests.objects.count)
        for (kind, name) in unused.prefix(Int.random(in: 0...min(2, room), using: &rng)) {
            manifests.objects.append(object(kind, name, &rng))
        }
        settings(&manifests, &rng)
        return manifests
    }

    private static func settings(_ manifests: inout GeneratedManifests, _ rng: inout SplitMix64) {
        if rng.chance(0.6) {
            manifests.pruneMode = rng.pick(["none", "deactivate", "delete"])
            manifests.pruneKinds = rng.chance(0.7) ? nil : [rng.pick(kinds)]
        }
        if rng.chance(0.2) { manifests.maxDeactivations = rng.pick([0, 1, 10]) }
    }
}

/// A secret store that fails chosen writes, as a store outage part-way through a create would: the token or
/// secret write of one entry (so the new object's secret cannot be stored), or its promotion (leaving the secret
/// `pending` under the new object's id).
final class FaultySecretStore: SecretStore {
    enum Fault: Sendable, Equatable {
        /// Every write of a version naming an object (a token or secret) to `entry` fails.
        case secretWrite(String)
        /// Promoting `entry` fails.
        case promote(String)
    }

    struct Injected: Error, CustomStringConvertible {
        var description: String { "injected store fault" }
    }

    let base: InMemorySecretStore
    private let armed = Mutex<Fault?>(nil)

    init(base: InMemorySecretStore) { self.base = base }

    func arm(_ fault: Fault?) { armed.withLock { $0 = fault } }

    func metadata(of entry: SecretEntryPath) async throws -> EntryMetadata? {
        await base.metadata(of: entry)
    }

    func readValue(of entry: SecretEntryPath, stage: SecretStage) async throws -> SecretMaterial {
        try await base.readValue(of: entry, stage: stage)
    }

    func writePending(
        _ material: SecretMaterial, to entry: SecretEntryPath, fingerprint: String?, metadata: SecretVersionMetadata
    ) async throws -> SecretVersionInfo {
        if metadata.principalId != nil, armed.withLock({ $0 }) == .secretWrite(entry.description) { throw Injected() }
        return try await base.writePending(material, to: entry, fingerprint: fingerprint, metadata: metadata)
    }

    func move(_ move: SecretLabelMove, of entry: SecretEntryPath) async throws -> EntryMetadata {
        if case .promote = move, armed.withLock({ $0 }) == .promote(entry.description) { throw Injected() }
        return try await base.move(move, of: entry)
    }

    func list(under prefix: SecretEntryPath?) async throws -> [EntryMetadata] {
        await base.list(under: prefix)
    }
}
