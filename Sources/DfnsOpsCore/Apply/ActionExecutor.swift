import DfnsAPI
import Foundation
import SecretStores

/// Carries out one planned action against Dfns and the secret stores, idempotently: every step first looks
/// for what an earlier, interrupted run may have left, and continues from there.
struct ActionExecutor<Client: DfnsClient>: Sendable {
    var client: Client
    var desired: DesiredState
    var stores: [String: any SecretStore]
    /// How often a store write of a once-only secret is tried before the new object is removed again.
    var secretWriteAttempts = 3
    /// The token dfnsops runs with, so that rotating the operator's own key switches the run to the new key.
    var operatorToken: String?
    /// The time rotation ages, overlaps and retain periods are measured at (the CLI may fix it for tests).
    var now: @Sendable () -> Date = { Date() }
    /// The live state observed when this run planned; creates search it for an earlier run's object. Objects this
    /// run creates carry other markers, so the snapshot stays accurate for every create. Nil means list afresh.
    var snapshot: LiveState?

    /// What a finished step reports.
    struct Done {
        var dfnsId: String?
        var message: String
        var fingerprints: [String: String] = [:]
        /// Set when the operator's own key was rotated: the rest of the run signs with this identity.
        var newOperatorIdentity: DfnsIdentity?
    }

    /// Runs one action and says how it ended; never throws.
    func execute(_ action: PlannedAction) async -> ActionResult {
        await executeReportingIdentity(action).result
    }

    /// Runs one action; also returns the operator's new identity when the action rotated the operator's key.
    func executeReportingIdentity(_ action: PlannedAction) async -> (result: ActionResult, identity: DfnsIdentity?) {
        let started = now()
        let clock = ContinuousClock.now
        func result(
            _ status: ActionResult.Status, _ dfnsId: String?, _ message: String, _ prints: [String: String] = [:],
            reason: ActionResult.BlockReason? = nil
        )
            -> ActionResult
        {
            let elapsed = ContinuousClock.now - clock
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return ActionResult(
                action: action, status: status, dfnsId: dfnsId, message: message, fingerprints: prints,
                reason: reason, startedAt: started, durationSeconds: (seconds * 1000).rounded() / 1000)
        }
        // A receiver check the plan failed is made again here (the webhook step pings); any other guard blocks.
        let failed = action.guards.filter { !$0.passed && $0.guardName != .receiverVerified }
        if !failed.isEmpty {
            let reasons = failed.map(\.message).joined(separator: "; ")
            return (result(.blocked, action.dfnsId, "blocked: \(reasons)"), nil)
        }
        // Every mutating request of the action passes this one gate: what its effects do not cover is not sent.
        var gated = self
        let gate = EffectGate(action: action)
        gated.client = client.gated(by: gate)
        do {
            let done = try await gated.run(action)
            if let outside = gate.refusal {
                return (result(.blocked, action.dfnsId, "blocked: \(outside)", reason: .outsidePlan), nil)
            }
            return (result(.done, done.dfnsId, done.message, done.fingerprints), done.newOperatorIdentity)
        } catch let stop as PendingApprovalStop {
            return (result(.pendingApproval, action.dfnsId, stop.message), nil)
        } catch let outside as OutsidePlan {
            return (result(.blocked, action.dfnsId, "blocked: \(outside)", reason: .outsidePlan), nil)
        } catch let blocked as GuardBlocked {
            return (result(.blocked, action.dfnsId, "blocked: \(blocked.message)"), nil)
        } catch {
            return (result(.failed, action.dfnsId, "\(error)"), nil)
        }
    }

    private func run(_ action: PlannedAction) async throws -> Done {
        if action.reason == .pruned {
            return try await prune(action)
        }
        guard let manifest = desired.manifest(at: action.address) else {
            throw ApplyError("\(action.address) is not declared in the manifests any more; re-run plan")
        }
        switch manifest {
        case .keyedPrincipal(let declared):
            return try await principal(action, declared)
        case .webhook(let declared):
            return try await webhook(action, declared)
        case .passkeyPolicy, .secretStore, .settings:
            throw ApplyError("\(action.address): nothing to apply for this kind")
        }
    }

    /// Unwraps a mutation outcome, or stops the action when Dfns holds it for approval.
    func require<T>(_ outcome: MutationOutcome<T>, _ what: String) throws -> T {
        try outcome.required(what)
    }

    /// The steps create, update and rotation share, with this run's client and operator token.
    var tools: ApplyToolbox<Client> {
        ApplyToolbox(client: client, secretWriteAttempts: secretWriteAttempts, operatorToken: operatorToken)
    }

    /// Runs a rotate action's steps with the store entry of its manifest.
    func rotate(
        _ action: PlannedAction, _ steps: some RotationStrategySteps, location: StoreLocation?
    ) async throws -> Done {
        let (store, entry) = try storeEntry(action.address, location)
        let log = try await RotationDriver(now: now).run(
            steps, store: store, entry: entry, manual: action.reason == .rotationManual,
            planned: steps.policy.steps(from: action.rotation?.phase ?? .steady))
        return Done(
            dfnsId: log.principalId ?? action.dfnsId, message: log.message, fingerprints: log.fingerprints,
            newOperatorIdentity: log.newOperatorIdentity)
    }

    /// The store and entry of a manifest's secret, at the location validation resolved.
    func storeEntry(_ address: ObjectAddress, _ location: StoreLocation?) throws -> (any SecretStore, SecretEntryPath) {
        guard let location else {
            throw ApplyError("\(address) has no secret store; declare one or set spec.store")
        }
        guard let store = stores[location.store] else {
            throw ApplyError("secret store '\(location.store)' is not open")
        }
        return (store, try SecretEntryPath(location.path))
    }

    /// Finishes a creation an earlier run got far enough with: nothing is left to do when the store's `current`
    /// version names a live object with the marker; when its `pending` version does, the store promotes it and
    /// `complete` runs the steps that follow the store write. Nil when no earlier run stored a live object's secret.
    /// - Parameter fingerprintName: what the secret's fingerprint is reported as (`key`, `secret`).
    func resumeCreation(
        _ address: ObjectAddress, liveIds: [String], store: any SecretStore, entry: SecretEntryPath,
        metadata: EntryMetadata?, fingerprintName: String, complete: (String) async throws -> Void = { _ in }
    ) async throws -> Done? {
        if let current = metadata?.current?.metadata.principalId, liveIds.contains(current) {
            return Done(dfnsId: current, message: "\(address) already exists (created by an earlier run)")
        }
        if let pending = metadata?.pending, let id = pending.metadata.principalId, liveIds.contains(id) {
            _ = try await store.promote(entry)
            try await complete(id)
            return Done(
                dfnsId: id, message: "completed \(address), created by an earlier run that stopped",
                fingerprints: [fingerprintName: pending.fingerprint])
        }
        return nil
    }

    /// Removes live objects with no marker owner when the prune policy says so.
    private func prune(_ action: PlannedAction) async throws -> Done {
        guard let id = action.dfnsId else { throw ApplyError("\(action.id): no Dfns id to prune") }
        switch (action.kind, action.type) {
        case (.webhook, .deactivate):
            // A webhook is deactivated by disabling it: it stays, and delivers nothing.
            _ = try require(
                try await client.updateWebhook(id: id, UpdateWebhookRequest(status: .disabled)),
                "disabling webhook \(id)")
            return Done(dfnsId: id, message: "disabled webhook \(id) (prune)")
        case (.webhook, _):
            _ = try require(try await client.deleteWebhook(id: id), "deleting webhook \(id)")
            return Done(dfnsId: id, message: "deleted webhook \(id) (prune)")
        case (let kind, .deactivate):
            _ = try require(
                try await PrincipalEndpoints(kind: kind, client: client).setActive(id, false), "deactivating \(id)")
            return Done(dfnsId: id, message: "deactivated \(id) (prune)")
        case (let kind, _):
            _ = try require(try await PrincipalEndpoints(kind: kind, client: client).delete(id), "deleting \(id)")
            return Done(dfnsId: id, message: "deleted \(id) (prune)")
        }
    }
}
