/// A report-only policy over users' passkeys.
///
/// dfnsops cannot create or remove another user's passkeys, so violations are reported by `drift`. Only with
/// ``enforce`` may it deactivate the operator's own stale passkeys, and only once a newer one is active.
public struct PasskeyPolicySpec: ManifestSpec {
    /// ``ManifestKind/passkeyPolicy``.
    public var kind: ManifestKind { .passkeyPolicy }

    /// The users covered.
    public var users: PasskeyUserSelector
    /// The fewest active passkeys each user should have (≥ 1); 1 by default.
    public var minActive: Int
    /// The oldest a passkey should be; `nil` for no limit.
    public var maxAge: ManifestDuration?
    /// Whether a covered user must be active; `true` by default.
    public var requireActiveUser: Bool
    /// Deactivate the operator's own passkeys older than ``maxAge`` once a newer one is active; `false` by default.
    public var enforce: Bool

    /// Creates a spec; defaults as documented on each property.
    public init(
        users: PasskeyUserSelector,
        minActive: Int = 1,
        maxAge: ManifestDuration? = nil,
        requireActiveUser: Bool = true,
        enforce: Bool = false
    ) {
        self.users = users
        self.minActive = minActive
        self.maxAge = maxAge
        self.requireActiveUser = requireActiveUser
        self.enforce = enforce
    }
}
