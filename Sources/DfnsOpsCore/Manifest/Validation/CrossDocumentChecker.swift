/// The checks that span documents, and the assembly of the ``DesiredState`` with Settings' defaults applied.
struct CrossDocumentChecker {
    var diagnostics: [Diagnostic] = []

    mutating func check(_ manifests: [Manifest]) -> DesiredState {
        var state = DesiredState()
        var personalAccessTokens: [DeclaredPrincipal] = []
        checkDuplicateNames(manifests)
        checkAdoptions(manifests)
        checkOperators(manifests)
        for manifest in manifests {
            switch manifest {
            // Service accounts first, then PATs, each in load order.
            case .keyedPrincipal(let declared) where declared.kind == .serviceAccount:
                state.keyedPrincipals.append(declared)
            case .keyedPrincipal(let declared): personalAccessTokens.append(declared)
            case .webhook(let declared): state.webhooks.append(declared)
            case .passkeyPolicy(let declared): state.passkeyPolicies.append(declared)
            case .secretStore(let declared): state.secretStores.append(declared)
            case .settings(let declared):
                if let first = state.settingsManifest {
                    report(
                        .multipleSettings,
                        "more than one Settings manifest; the first is '\(first.name)' at \(first.origin.location)",
                        at: declared.origin.location(of: "kind"),
                        hint: "merge them into one Settings manifest"
                    )
                } else {
                    state.settingsManifest = declared
                }
            }
        }
        state.keyedPrincipals += personalAccessTokens
        let storeNames = Set(state.secretStores.map(\.name))
        let defaults = state.settings.defaults
        if let settings = state.settingsManifest, let ref = defaults.storeRef {
            checkStoreRef(ref, at: settings.origin.location(of: "spec.defaults.store.ref"), declared: storeNames)
        }
        state.keyedPrincipals = state.keyedPrincipals.map {
            resolvePrincipal($0, defaults: defaults, declared: storeNames)
        }
        state.webhooks = state.webhooks.map { declared in
            var declared = declared
            declared.spec.secret.store = resolveStore(
                declared.spec.secret.store,
                path: "spec.secret.store",
                of: declared,
                management: declared.spec.management,
                defaults: defaults,
                declared: storeNames
            )
            declared.spec.secret.rotation = resolveRotation(
                declared.spec.secret.rotation,
                path: "spec.secret.rotation",
                of: declared,
                defaults: defaults
            )
            return declared
        }
        checkStoreLocations(state.secretStores)
        checkStoreEntries(state)
        return state
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, hint: String?) {
        diagnostics.append(.error(code, message, at: location, hint: hint))
    }

    private mutating func checkDuplicateNames(_ manifests: [Manifest]) {
        var first: [ObjectAddress: Manifest] = [:]
        for manifest in manifests where manifest.kind != .settings {
            let key = manifest.address
            if let original = first[key] {
                report(
                    .duplicateName,
                    "\(manifest.kind) '\(manifest.name)' is declared twice; first declared at "
                        + "\(original.origin.nameLocation)",
                    at: manifest.origin.nameLocation,
                    hint: "names are unique per kind: rename one of them or remove the duplicate"
                )
            } else {
                first[key] = manifest
            }
        }
    }

    private mutating func checkAdoptions(_ manifests: [Manifest]) {
        var first: [String: Manifest] = [:]
        for manifest in manifests {
            guard let id = manifest.adoptedID else { continue }
            if let original = first[id] {
                report(
                    .duplicateAdoption,
                    "Dfns id '\(id)' is adopted by both \(original.address) (\(original.origin.location(of: "spec.adopt"))) "
                        + "and \(manifest.address)",
                    at: manifest.origin.location(of: "spec.adopt"),
                    hint: "an object can belong to one manifest only; remove one of the adopt fields"
                )
            } else {
                first[id] = manifest
            }
        }
    }

    private mutating func checkOperators(_ manifests: [Manifest]) {
        let operators = manifests.filter(\.isOperator)
        guard let original = operators.first else { return }
        for manifest in operators.dropFirst() {
            report(
                .multipleOperators,
                "more than one manifest is marked operator: true: \(original.address) "
                    + "(\(original.origin.location(of: "spec.operator"))) and \(manifest.address)",
                at: manifest.origin.location(of: "spec.operator"),
                hint: "dfnsops runs as one identity; keep operator: true on that one only"
            )
        }
    }

    private mutating func checkStoreRef(_ ref: String, at location: SourceLocation, declared: Set<String>) {
        guard !declared.contains(ref) else { return }
        let suggestion = EditDistance.suggestion(for: ref, among: declared.sorted()).map { "did you mean '\($0)'? " }
        let known = declared.isEmpty ? "none is declared" : "declared: \(declared.sorted().joined(separator: ", "))"
        report(
            .undeclaredStore,
            "store ref '\(ref)' names no declared SecretStore",
            at: location,
            hint: (suggestion ?? "") + "declare a SecretStore named '\(ref)' (\(known))"
        )
    }

    /// Resolves a service account's or PAT's store and rotation policy against the Settings defaults.
    private mutating func resolvePrincipal(
        _ declared: DeclaredPrincipal, defaults: SettingsDefaults, declared storeNames: Set<String>
    ) -> DeclaredPrincipal {
        var declared = declared
        declared.spec.store = resolveStore(
            declared.spec.store,
            path: "spec.store",
            of: declared,
            management: declared.spec.management,
            defaults: defaults,
            declared: storeNames
        )
        declared.spec.key.rotation = resolveRotation(
            declared.spec.key.rotation, path: "spec.key.rotation", of: declared, defaults: defaults)
        return declared
    }

    private mutating func resolveStore<Spec>(
        _ store: StoreReference?,
        path: String,
        of declared: Declared<Spec>,
        management: ManagementMode,
        defaults: SettingsDefaults,
        declared storeNames: Set<String>
    ) -> StoreReference? {
        if let store {
            checkStoreRef(store.ref, at: declared.origin.location(of: "\(path).ref"), declared: storeNames)
            return store
        }
        let only = storeNames.count == 1 ? storeNames.first : nil
        if let ref = defaults.storeRef ?? only {
            return StoreReference(ref: ref, path: StoreReference.defaultPath(kind: declared.kind, name: declared.name))
        }
        if management == .managed {
            let choice =
                storeNames.isEmpty
                ? "declare a SecretStore and set" : "choose one of \(storeNames.sorted().joined(separator: ", ")): set"
            report(
                .missingStore,
                "\(declared.address) has no secret store, so dfnsops has nowhere to keep its "
                    + (declared.kind == .webhook ? "secret" : "key and token"),
                at: declared.origin.nameLocation,
                hint: "\(choice) \(path).ref, or spec.defaults.store.ref in the Settings manifest"
            )
        }
        return nil
    }

    private mutating func resolveRotation<Spec>(
        _ rotation: RotationPolicy,
        path: String,
        of declared: Declared<Spec>,
        defaults: SettingsDefaults
    ) -> RotationPolicy {
        let filled = rotation.filled(from: defaults.rotation)
        let inherited = rotation.maxAge == nil || rotation.overlap == nil
        if inherited, let maxAge = filled.maxAge, let overlap = filled.overlap, overlap >= maxAge {
            let source = { (own: ManifestDuration?) in own == nil ? " from Settings" : "" }
            report(
                .overlapNotShorter,
                "\(declared.address): overlap (\(overlap)\(source(rotation.overlap))) must be shorter than maxAge "
                    + "(\(maxAge)\(source(rotation.maxAge)))",
                at: declared.origin.location(of: rotation.overlap == nil ? "\(path).maxAge" : "\(path).overlap"),
                hint: "set both maxAge and overlap in \(path), or change spec.defaults.rotation in Settings"
            )
        }
        return filled
    }
}
