// Transitional spellings kept while apply moves to the shapes above; removed once nothing uses them.

extension Declared {
    /// `<kind>/<name>` as text; use ``address``.
    var reference: String { address.description }
}

extension Declared where Spec == KeyedPrincipalSpec {
    /// The declared principal itself: validation already filled in Settings' rotation defaults.
    init(_ declared: DeclaredPrincipal, defaults: RotationDefaults?) {
        self = declared
    }
}
